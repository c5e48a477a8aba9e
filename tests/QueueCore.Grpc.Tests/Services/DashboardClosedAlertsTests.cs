using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A manager's dashboard drops an alert once it closes (the ticket past its wait limit called, the long queue shrunk,
/// the idle window calling, the day closed, the limit lifted): the figures stream tells each alert it told as open once
/// more, in closed_alerts, when it is no longer open.
/// </summary>
public sealed class DashboardClosedAlertsTests(ITestOutputHelper output)
{
    private const string Hall = "hall-c";
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(JournaledDay.Nine);

    private Task<ServerKit> StartAsync(QueueCore.HallDefinition hall) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Time = _time;
        s.Halls.Add(hall);
        Traffic.Unlimited(s);
    });

    [Fact]
    public async Task WatchFigures_WaitAlertsTicketCalled_ClosedOnceAsTold()
    {
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2, waitLimit: FiveMinutes));
        using var before = Watch(server); // told of the alert as it is raised
        await before.ResponseStream.NextAsync();
        var taken = await server.TakeAsync(Hall);
        var raised = Assert.Single((await _time.AdvanceUntilAlertAsync(before, AlertKind.WaitLimit)).Alerts);
        using var after = Watch(server); // told of it among the open alerts of its first update
        var open = Assert.Single((await after.ResponseStream.NextAsync()).OpenAlerts);
        Assert.Equal((AlertKind.WaitLimit, taken.Id, 1), (open.Kind, open.Ticket, open.Service));

        await server.OpenAsync(Hall, 1);
        await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var later = await server.TakeAsync(Hall);

        Assert.Equal([raised], await ClosedUntilAsync(before, later.Sequence)); // once, as the stream told it
        Assert.Equal([open], await ClosedUntilAsync(after, later.Sequence));
    }

    [Fact]
    public async Task WatchFigures_QueueShrinksBelowItsWarningLength_QueueAlertClosed()
    {
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2, queueWarningLength: 2));
        using var watch = Watch(server);
        await watch.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        var raised = (await watch.ResponseStream.NextMatchingAsync(f => f.Alerts.Any(a => a.Kind == AlertKind.QueueLength))).Alerts.Single();

        await server.OpenAsync(Hall, 1);
        var called = await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var closed = await ClosedUntilAsync(watch, called.Sequence);
        Assert.Equal([raised], closed);
        Assert.Equal((AlertKind.QueueLength, 1), (closed[0].Kind, closed[0].Service));
    }

    [Fact]
    public async Task WatchFigures_IdleWindowCalls_IdleAlertClosed()
    {
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2) with { WindowIdleLimit = FiveMinutes });
        await server.OpenAsync(Hall, 1);
        using var watch = Watch(server);
        await watch.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);
        var raised = (await _time.AdvanceUntilAlertAsync(watch, AlertKind.WindowIdle)).Alerts.Single(a => a.Kind == AlertKind.WindowIdle);

        var called = await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var closed = await ClosedUntilAsync(watch, called.Sequence);
        Assert.Equal([raised], closed);
        Assert.Equal((AlertKind.WindowIdle, 1), (closed[0].Kind, closed[0].Window));
    }

    [Fact]
    public async Task WatchFigures_MoreWaitAlertsThanTheSnapshotLists_OnlyTheCalledTicketsAlertClosed()
    {
        // The snapshot lists the 100 longest waits; the alerts past them are still open, and must not read as closed.
        const int Tickets = QueueCore.Hall.SnapshotWaitAlerts + 5;
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2, waitLimit: FiveMinutes));
        using var before = Watch(server);
        await before.ResponseStream.NextAsync();
        var taken = new List<Ticket>();
        for (var i = 0; i < Tickets; i++)
        {
            taken.Add(await server.TakeAsync(Hall));
        }

        var raised = new List<Alert>();
        _time.Advance(FiveMinutes);
        await before.ResponseStream.NextMatchingAsync(f =>
        {
            raised.AddRange(f.Alerts);
            return raised.Count == Tickets;
        });
        using var after = Watch(server);
        var first = await after.ResponseStream.NextAsync();
        Assert.Equal((QueueCore.Hall.SnapshotWaitAlerts, Tickets), (first.OpenAlerts.Count, first.OpenWaitAlerts));

        await server.OpenAsync(Hall, 1);
        Assert.Equal(taken[0].Id, (await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
        var later = await server.TakeAsync(Hall);

        Assert.Equal([raised.Single(a => a.Ticket == taken[0].Id)], await ClosedUntilAsync(before, later.Sequence));
        Assert.Equal([first.OpenAlerts.Single(a => a.Ticket == taken[0].Id)], await ClosedUntilAsync(after, later.Sequence));
    }

    [Fact]
    public async Task WatchFigures_AlertRaisedAndClosedBetweenTwoUpdates_InBothListsOfOneUpdate()
    {
        // An auto window that takes service one's tickets once they have waited as long as the wait limit: on that tick
        // the hall raises the alert and calls the ticket.
        var hall = TestHalls.Small(Hall, windows: 1, waitLimit: FiveMinutes) with
        {
            Windows =
            [
                new()
                {
                    Id = 1, Name = "Window 1", AutoAssign = true,
                    Skills = [new() { Category = "a", Tier = SkillTier.Overflow, OverflowDelay = FiveMinutes }],
                },
            ],
        };
        await using var server = await StartAsync(hall);
        await server.OpenAsync(Hall, 1);
        using var watch = Watch(server);
        await watch.ResponseStream.NextAsync();
        var taken = await server.TakeAsync(Hall);

        var update = await _time.AdvanceUntilAlertAsync(watch, AlertKind.WaitLimit);

        output.WriteLine(update.ToString());
        var raised = Assert.Single(update.Alerts);
        Assert.Equal((AlertKind.WaitLimit, taken.Id), (raised.Kind, raised.Ticket));
        Assert.Equal([raised], update.ClosedAlerts);
        Assert.Equal(taken.Id, update.Windows.Single().CurrentTicket);
    }

    [Theory]
    [InlineData(false, new[] { AlertKind.WaitLimit, AlertKind.WindowIdle })] // the waiting ticket cancelled
    [InlineData(true, new AlertKind[] { })] // extended service: the ticket still waits, the idle window could call it
    public async Task WatchFigures_DayClosed_ItsClosedAlertsTold(bool keepWaiting, AlertKind[] closedKinds)
    {
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2, waitLimit: FiveMinutes) with { WindowIdleLimit = FiveMinutes });
        await server.OpenAsync(Hall, 1);
        using var watch = Watch(server);
        await watch.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);
        var raised = new List<Alert>();
        var both = watch.ResponseStream.NextMatchingAsync(f =>
        {
            raised.AddRange(f.Alerts);
            return raised.Count == 2;
        });
        _time.Advance(FiveMinutes); // the ticket's wait and the window's idle spell pass their limits
        await both;

        var day = await server.Admin().CloseDayAsync(new() { Hall = Hall, KeepWaiting = keepWaiting }).Bounded();

        var closed = await ClosedUntilAsync(watch, day.Sequence);
        Assert.Equal(closedKinds, closed.Select(a => a.Kind).Order());
    }

    [Fact]
    public async Task WatchFigures_AdminLiftsTheWaitLimit_WaitAlertClosed()
    {
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2, waitLimit: FiveMinutes));
        using var watch = Watch(server);
        await watch.ResponseStream.NextAsync();
        var taken = await server.TakeAsync(Hall);
        var raised = Assert.Single((await _time.AdvanceUntilAlertAsync(watch, AlertKind.WaitLimit)).Alerts);

        var lifted = await server.Admin().PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 1, Name = "Service one", Category = "a" } }).Bounded();

        var closed = await ClosedUntilAsync(watch, lifted.Sequence);
        Assert.Equal([raised], closed);
        Assert.Equal(taken.Id, closed[0].Ticket);
    }

    [Fact]
    public async Task WatchFigures_NoShowRequeuedWaitsPastTheLimitAgain_AlertToldAgain()
    {
        // A ticket's wait alert is raised once; after a no-show puts it back, its new wait passing the limit opens the
        // alert again with no event. The dashboard that was told it closed when the ticket was called must learn it is
        // open again, as GetSnapshot and a new stream show it.
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2, waitLimit: FiveMinutes));
        using var watch = Watch(server);
        await watch.ResponseStream.NextAsync();
        var taken = await server.TakeAsync(Hall);
        var raised = Assert.Single((await _time.AdvanceUntilAlertAsync(watch, AlertKind.WaitLimit)).Alerts);
        await server.OpenAsync(Hall, 1);
        var called = await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal([raised], await ClosedUntilAsync(watch, called.Sequence));
        var back = await server.Terminal().NoShowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(taken.Id, back.Id);

        var again = (await _time.AdvanceUntilAlertAsync(watch, AlertKind.WaitLimit)).Alerts.Single();

        Assert.Equal((AlertKind.WaitLimit, taken.Id, 1), (again.Kind, again.Ticket, again.Service));
        var open = Assert.Single((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).OpenAlerts);
        Assert.Equal(taken.Id, open.Ticket);
    }

    private static AsyncServerStreamingCall<HallFigures> Watch(ServerKit server) =>
        server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });

    /// <summary>The closed alerts of every update up to the first at or past <paramref name="sequence"/>, that one included.</summary>
    private static async Task<List<Alert>> ClosedUntilAsync(AsyncServerStreamingCall<HallFigures> watch, long sequence)
    {
        var closed = new List<Alert>();
        await watch.ResponseStream.NextMatchingAsync(f =>
        {
            closed.AddRange(f.ClosedAlerts);
            return f.Sequence >= sequence;
        });
        return closed;
    }
}
