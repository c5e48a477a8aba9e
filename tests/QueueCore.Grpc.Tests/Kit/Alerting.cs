using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>Alerts that come as the hall's clock moves on.</summary>
internal static class Alerting
{
    /// <summary>
    /// Moves <paramref name="time"/> on a minute at a time (at most 30 minutes) until <paramref name="watch"/> hears of an
    /// alert of <paramref name="kind"/>; returns the update that carried it.
    /// </summary>
    public static async Task<HallFigures> AdvanceUntilAlertAsync(this FakeTimeProvider time, AsyncServerStreamingCall<HallFigures> watch, AlertKind kind)
    {
        var alerted = watch.ResponseStream.NextMatchingAsync(f => f.Alerts.Any(a => a.Kind == kind));
        for (var minute = 0; minute < 30 && !alerted.IsCompleted; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(alerted, Task.Delay(50));
        }

        return await alerted;
    }
}
