using QueueCore.Grpc.Load.Drivers;
using QueueCore.Grpc.Load.Servers;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>
/// Before any measurement, both servers (and the clients) run every path once for a while, so that neither is
/// measured on tier-0 code: without it the server measured first in a process ran several times slower than the
/// same server measured later in the run, while the JIT was still recompiling its hot paths on this busy machine.
/// </summary>
internal static class JitWarmup
{
    private const int Halls = 20;

    public static async Task RunAsync(LoadSettings s)
    {
        var length = s.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(6);
        var settings = s with { Halls = Halls, Warmup = TimeSpan.Zero, Duration = length, PacedRate = 5_000 };
        Console.WriteLine($"warm-up: {length.TotalSeconds:0} s of each phase against each server (not reported)");
        foreach (var kind in new[] { ServerKind.Real, ServerKind.Bare })
        {
            await UnaryScenario.MeasureAsync(kind, settings, s.Engine, callNext: true, quiet: true);
            await CallTraffic.RunAsync(kind, settings, Halls, Halls, 200, 20, connectionPerScreen: false);
        }
    }
}
