using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A queue-length alert says how many wait (Alert.waiting), so a page writing its own sentence (the dashboard's Chinese)
/// can say it: the alert carried only its English text's count.
/// </summary>
public sealed class DashboardQueueAlertWaitingTests(ITestOutputHelper output)
{
    private const string Hall = "hall-q";
    private readonly FakeTimeProvider _time = new(JournaledDay.Nine);

    [Fact]
    public async Task WatchFigures_QueuePastItsWarningLength_AlertSaysHowManyWait_OpenAlertHowManyWaitNow()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = _time;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2, queueWarningLength: 2));
            Traffic.Unlimited(s);
        });
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await watch.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);

        var raised = (await watch.ResponseStream.NextMatchingAsync(f => f.Alerts.Any(a => a.Kind == AlertKind.QueueLength))).Alerts.Single();
        Assert.Equal((2, "2 tickets wait for Service one."), (raised.Waiting, raised.Text));

        await server.TakeAsync(Hall);
        var open = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).OpenAlerts.Single(a => a.Kind == AlertKind.QueueLength);
        Assert.Equal(3, open.Waiting);
    }
}
