using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A manager who opens the dashboard mid-day, whose dashboard reconnects, or who comes back after a restart, sees the
/// alerts open now: in the snapshot and in the figures stream's first update, each told once.
/// </summary>
public sealed class DashboardOpenAlertsTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "hall-o";
    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync() => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2, waitLimit: TimeSpan.FromMinutes(5)));
    });

    [Fact]
    public async Task GetSnapshot_TicketPastItsWaitLimit_OpenAlertShownAcrossARestartUntilItIsCalled()
    {
        Ticket taken;
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen));
            using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
            await watch.ResponseStream.NextAsync();
            taken = await server.TakeAsync(Hall);                                                      // 9:00
            var raised = await PassTheLimitAsync(watch);
            Assert.Equal(TimeSpan.FromMinutes(5), raised.Limit.ToTimeSpan()); // the event's alert says how far, as the open one does
            Assert.True(raised.Elapsed.ToTimeSpan() >= TimeSpan.FromMinutes(5), $"waited {raised.Elapsed}");

            var alert = Assert.Single(await OpenAlertsAsync(server));
            Assert.Equal((AlertKind.WaitLimit, taken.Id, taken.Number, 1, 0L), (alert.Kind, alert.Ticket, alert.Number, alert.Service, alert.Sequence));
            Assert.Equal($"{taken.Number} has waited past the 5 min limit for Service one.", alert.Text);
            Assert.Equal(TimeSpan.FromMinutes(5), alert.Limit.ToTimeSpan());
            Assert.True(alert.Elapsed.ToTimeSpan() >= TimeSpan.FromMinutes(5), $"waited {alert.Elapsed}");
        }

        await using var again = await StartAsync(); // the journal, replayed
        await Rpc.EventuallyAsync(async () => Assert.Equal(taken.Id, Assert.Single(await OpenAlertsAsync(again)).Ticket));

        await again.OpenAsync(Hall, 1);
        await again.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Empty(await OpenAlertsAsync(again));
    }

    [Fact]
    public async Task WatchFigures_Reconnecting_FirstUpdateHasTheOpenAlertsAndTheUpdatesAfterItDoNotTellThemAgain()
    {
        await using var server = await StartAsync();
        await Rpc.EventuallyAsync(async () => Assert.True((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen));
        var taken = await server.TakeAsync(Hall);
        using (var before = server.Dashboard().WatchFigures(new() { Hall = Hall }))
        {
            await before.ResponseStream.NextAsync();
            await PassTheLimitAsync(before);
        }

        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        var first = await watch.ResponseStream.NextAsync();
        output.WriteLine(first.ToString());
        var open = Assert.Single(first.OpenAlerts);
        Assert.Equal((AlertKind.WaitLimit, taken.Id, 1), (open.Kind, open.Ticket, first.OpenWaitAlerts));
        Assert.Empty(first.Alerts);
        Assert.Equal((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).OpenAlerts.Single().Text, open.Text);

        await server.TakeAsync(Hall);
        var update = await watch.ResponseStream.NextMatchingAsync(f => f.TotalWaiting == 2);
        Assert.DoesNotContain(update.Alerts, a => a.Ticket == taken.Id);
        Assert.Empty(update.OpenAlerts); // the first update's only
    }

    [Fact]
    public async Task GetSnapshotAndWatchFigures_OpenAlerts_EachSaysWhenItsConditionBegan()
    {
        // A live alert says when the hall raised it; the same alert told from a snapshot (a dashboard opened mid-day, a
        // reconnect, a resync) had no time, so the manager could not tell a queue long since 9:01 from one long just now.
        await using var server = await _day.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2, waitLimit: TimeSpan.FromMinutes(5), queueWarningLength: 2));
        });
        await Rpc.EventuallyAsync(async () => Assert.True((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen));
        var a001 = await server.TakeAsync(Hall);                                                       // 9:00
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await server.TakeAsync(Hall);                                                                  // 9:01: two wait
        using (var before = server.Dashboard().WatchFigures(new() { Hall = Hall }))
        {
            await before.ResponseStream.NextAsync();
            await PassTheLimitAsync(before);                                                           // A001 past 9:05
        }

        var nine = JournaledDay.Nine;
        var snapshot = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).OpenAlerts;
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
        var first = (await watch.ResponseStream.NextAsync()).OpenAlerts;
        foreach (var open in new[] { snapshot, first })
        {
            Assert.Equal(nine.AddMinutes(5), open.Single(a => a.Kind == AlertKind.WaitLimit && a.Ticket == a001.Id).Time?.ToDateTimeOffset());
            Assert.Equal(nine.AddMinutes(1), open.Single(a => a.Kind == AlertKind.QueueLength).Time?.ToDateTimeOffset());
            Assert.All(open, a => Assert.Equal(0, a.Sequence));
        }
    }

    /// <summary>Moves the hall's clock on until <paramref name="watch"/> hears of a wait-limit alert; returns it.</summary>
    private async Task<Alert> PassTheLimitAsync(AsyncServerStreamingCall<HallFigures> watch) =>
        (await _day.Time.AdvanceUntilAlertAsync(watch, AlertKind.WaitLimit)).Alerts.First(a => a.Kind == AlertKind.WaitLimit);

    private static async Task<IReadOnlyList<Alert>> OpenAlertsAsync(ServerKit server) =>
        (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).OpenAlerts;
}
