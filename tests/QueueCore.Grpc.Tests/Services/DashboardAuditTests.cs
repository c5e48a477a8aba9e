using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A manager's audit of the dashboard's figures against what happened at the windows, on a held clock: waits of tickets
/// that wait again (a next item, a park, a no-show's re-queue), served and ratings today, a new day, and the stream's
/// update at the snapshot's sequence.
/// </summary>
public sealed class DashboardAuditTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "hall-audit";
    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync(Func<HallDefinition, HallDefinition>? change = null) => _day.StartAsync(s =>
    {
        s.Output = output;
        var hall = TestHalls.Small(Hall, windows: 3);
        s.Halls.Add(change is null ? hall : change(hall));
        Traffic.Unlimited(s);
    });

    private static async Task OpenDayAsync(ServerKit server) =>
        await Rpc.EventuallyAsync(async () => Assert.True((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen));

    [Fact]
    public async Task LongestWait_TicketWaitingAgain_CountsFromWhenItJoinedItsQueueAgain()
    {
        await using var server = await StartAsync();
        await OpenDayAsync(server);
        await server.OpenAsync(Hall, 1, 2);
        var terminal = server.Terminal();
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await watch.ResponseStream.NextAsync();

        var visit = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded(); // 9:00
        var absent = await server.TakeAsync(Hall, 1);                                                            // 9:00
        _day.Time.Advance(TimeSpan.FromMinutes(2));
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id }).Bounded();          // 9:02
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(2));
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();                                 // 9:04: on to item 2
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = absent.Id }).Bounded();         // 9:04
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await terminal.NoShowAsync(new() { Hall = Hall, Window = 2 }).Bounded();                                 // 9:05: re-queued
        _day.Time.Advance(TimeSpan.FromMinutes(1));                                                              // 9:06

        var snapshot = await SameInBothViewsAsync(server, watch);
        var one = snapshot.Services.Single(s => s.Service == 1);
        var two = snapshot.Services.Single(s => s.Service == 2);
        Assert.Equal((1, TimeSpan.FromMinutes(1)), (one.Waiting, one.LongestWait.ToTimeSpan()));  // the no-show, since 9:05
        Assert.Equal((1, TimeSpan.FromMinutes(2)), (two.Waiting, two.LongestWait.ToTimeSpan()));  // the visit, since 9:04
        Assert.Equal((2, TimeSpan.FromMinutes(2)), (snapshot.TotalWaiting, snapshot.LongestWait.ToTimeSpan()));

        // Parked: not waiting (nor counted), until it comes back; then waiting since its return.
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id }).Bounded();          // 9:06
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.ParkAsync(new() { Hall = Hall, Window = 1, Reason = "a missing document" }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(3));                                                              // 9:09
        snapshot = await SameInBothViewsAsync(server, watch);
        two = snapshot.Services.Single(s => s.Service == 2);
        Assert.Equal((0, TimeSpan.Zero), (two.Waiting, two.LongestWait.ToTimeSpan()));
        Assert.Equal([visit.Id], snapshot.Parked.Select(t => t.Ticket));
        Assert.Equal((1, TimeSpan.FromMinutes(4)), (snapshot.TotalWaiting, snapshot.LongestWait.ToTimeSpan()));
        await terminal.ResumeParkedAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id }).Bounded();       // 9:09
        _day.Time.Advance(TimeSpan.FromMinutes(1));                                                              // 9:10
        snapshot = await SameInBothViewsAsync(server, watch);
        two = snapshot.Services.Single(s => s.Service == 2);
        Assert.Equal((1, TimeSpan.FromMinutes(1)), (two.Waiting, two.LongestWait.ToTimeSpan()));
        Assert.Equal(1, snapshot.Windows.Single(w => w.Window == 1).OwnQueue); // back to the window that parked it
        Assert.Empty(snapshot.Parked);
        Assert.Equal(2, snapshot.TotalWaiting);

        // Mean wait: window 1 called the visit after 2 min and again after its 2 min on item 2; window 2 the no-show
        // after 4 min (a no-show's call counts).
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8.0 / 3)),
            (snapshot.Windows.Single(w => w.Window == 1).MeanWait.ToTimeSpan(), snapshot.Windows.Single(w => w.Window == 2).MeanWait.ToTimeSpan(),
             snapshot.MeanWait.ToTimeSpan()));
    }

    [Fact]
    public async Task WatchFigures_QuietHallWithATicketWaiting_LongestWaitGoesOnGrowing()
    {
        // Nothing happens in the hall while a citizen waits: the dashboard's longest wait must not stand still at the
        // figure of the last event (it showed 0 s for as long as the hall stayed quiet).
        await using var server = await StartAsync();
        await OpenDayAsync(server);
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await watch.ResponseStream.NextAsync();
        await server.TakeAsync(Hall, 1);
        var before = await watch.ResponseStream.NextMatchingAsync(f => f.TotalWaiting == 1);

        _day.Time.Advance(TimeSpan.FromMinutes(3));
        var after = await watch.ResponseStream.NextMatchingAsync(f => f.LongestWait.ToTimeSpan() >= TimeSpan.FromMinutes(3));

        Assert.Equal((before.Sequence, 1, TimeSpan.FromMinutes(3)), (after.Sequence, after.TotalWaiting, after.LongestWait.ToTimeSpan()));
        Assert.Equal(TimeSpan.FromMinutes(3), after.Services.Single(s => s.Service == 1).LongestWait.ToTimeSpan());
    }

    [Fact]
    public async Task WatchFigures_HallRemovedWhileATicketWaits_StreamEndsNotFound()
    {
        // The stream ticks while a ticket waits: the hall's removal must still end it as removed, not fail a tick's
        // snapshot of a hall that is gone. A few rounds, since the tick and the removal race.
        await using var server = await StartAsync();
        await OpenDayAsync(server);
        var definition = await server.Admin().GetHallAsync(new() { Hall = Hall }).Bounded();
        for (var round = 0; round < 5; round++)
        {
            await server.TakeAsync(Hall, 1);
            using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
            await watch.ResponseStream.NextAsync();
            await watch.ResponseStream.NextAsync(); // a tick
            await server.Admin().RemoveHallAsync(new() { Hall = Hall }).Bounded();

            var ended = await watch.ResponseStream.EndsWithAsync(StatusCode.NotFound);
            Assert.Contains(Hall, ended.Status.Detail, StringComparison.Ordinal);
            await server.Admin().AddHallAsync(new() { Json = definition.Json }).Bounded();
            if (!(await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen)
            {
                await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();
            }
        }
    }

    [Fact]
    public async Task ServedToday_MultiItemTransferCancelNoShowAndARemovedWindow_CountsItemsFinished()
    {
        await using var server = await StartAsync();
        await OpenDayAsync(server);
        await server.OpenAsync(Hall, 1, 2, 3);
        var terminal = server.Terminal();
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await watch.ResponseStream.NextAsync();

        var visit = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        var moved = await server.TakeAsync(Hall, 1);
        var cancelled = await server.TakeAsync(Hall, 1);
        var absent = await server.TakeAsync(Hall, 1);
        var atThree = await server.TakeAsync(Hall, 1);

        // The visit: both items at window 1 (2 served).
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        // Transferred from window 2 to item 2 (none served), then served at window 2 (1 served).
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = moved.Id }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await terminal.TransferAsync(new() { Hall = Hall, Window = 2, Service = 2 }).Bounded();
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = moved.Id }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await terminal.FinishAsync(new() { Hall = Hall, Window = 2 }).Bounded();

        // Cancelled while called, and a no-show dropped for good (none served).
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = cancelled.Id }).Bounded();
        await terminal.CancelAsync(new() { Hall = Hall, Window = 2, Ticket = cancelled.Id }).Bounded();
        for (var i = 0; i < 2; i++)
        {
            await terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = absent.Id }).Bounded();
            await terminal.NoShowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        }

        // Window 3 serves one and is removed.
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 3, Ticket = atThree.Id }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 3 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await terminal.FinishAsync(new() { Hall = Hall, Window = 3 }).Bounded();
        await server.Evaluator(TestDevices.Admin).RateAsync(new() { Hall = Hall, Window = 3, Score = 4 }).Bounded();
        await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 3 }).Bounded();
        await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 3 }).Bounded();

        var snapshot = await SameInBothViewsAsync(server, watch);
        Assert.Equal([(1, 2), (2, 1)], snapshot.Windows.Select(w => (w.Window, w.ServedToday)));
        Assert.Equal((4, 1, 4.0, 0), (snapshot.ServedToday, snapshot.RatingsToday, snapshot.AverageRating, snapshot.TotalWaiting));
        Assert.Equal((2, 0, 0), (snapshot.WindowsOpen, snapshot.WindowsBusy, snapshot.WindowsPaused));
    }

    [Fact]
    public async Task RatingsToday_RefusalsCountNothing_ARetryCountsOnce_TheMeanIsOverTheRatingsGiven()
    {
        await using var server = await StartAsync();
        await OpenDayAsync(server);
        await server.OpenAsync(Hall, 1, 2);
        var terminal = server.Terminal();
        var pad = server.Evaluator(TestDevices.Admin);
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await watch.ResponseStream.NextAsync();

        var first = await ServeAsync(server, 1);
        var second = await ServeAsync(server, 2);
        var waiting = await server.TakeAsync(Hall, 1);

        // Out of range, another window's service, a ticket not finished, an unknown ticket: refused, naming what is wrong.
        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => pad.RateAsync(new() { Hall = Hall, Window = 1, Score = 6 }));
        Assert.Contains("score", e.Status.Detail, StringComparison.Ordinal);
        e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => pad.RateAsync(new() { Hall = Hall, Window = 1, Score = 5, Ticket = second.Id }));
        Assert.Equal("NotEligible", e.Reason());
        e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => pad.RateAsync(new() { Hall = Hall, Window = 1, Score = 5, Ticket = waiting.Id }));
        Assert.Contains(waiting.Number, e.Status.Detail, StringComparison.Ordinal);
        e = await Rpc.FailsAsync(StatusCode.NotFound, () => pad.RateAsync(new() { Hall = Hall, Window = 1, Score = 5, Ticket = 999 }));
        Assert.Contains("999", e.Status.Detail, StringComparison.Ordinal);
        e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => pad.RateAsync(new() { Hall = Hall, Window = 0, Score = 5 }));
        Assert.Contains("window", e.Status.Detail, StringComparison.Ordinal);

        // Window 1 has moved on to the next citizen: its pad still rates the service it finished, by default and by id.
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = waiting.Id }).Bounded();
        var id = Guid.NewGuid().ToString();
        var rated = await pad.RateAsync(new() { Hall = Hall, Window = 1, Score = 5, RequestId = id }).Bounded();
        Assert.Equal(first.Id, rated.Ticket);
        Assert.Equal(rated, await pad.RateAsync(new() { Hall = Hall, Window = 1, Score = 5, RequestId = id }).Bounded());
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => pad.RateAsync(new() { Hall = Hall, Window = 1, Score = 1, Ticket = first.Id }));
        Assert.Equal(second.Id, (await pad.RateAsync(new() { Hall = Hall, Window = 2, Score = 2, Ticket = second.Id }).Bounded()).Ticket);

        var snapshot = await SameInBothViewsAsync(server, watch);
        Assert.Equal((2, 3.5), (snapshot.RatingsToday, snapshot.AverageRating));
        Assert.Equal([(1, 1, 5.0), (2, 1, 2.0), (3, 0, 0.0)], snapshot.Windows.Select(w => (w.Window, w.Ratings, w.MeanRating)));
    }

    [Fact]
    public async Task NewDay_FiguresStartFromNone_TheClerksStillOnAWindowStayListed_AndARestartSaysTheSame()
    {
        V1.HallSnapshot morning;
        await using (var server = await StartAsync())
        {
            await OpenDayAsync(server);
            var terminal = server.Terminal();
            await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Clerk = 7 }).Bounded();
            await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2, Clerk = 8 }).Bounded();
            _day.Time.Advance(TimeSpan.FromMinutes(1));
            await ServeAsync(server, 1);
            await ServeAsync(server, 2);
            await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 3 }).Bounded();
            await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
            await server.TakeAsync(Hall, 2);
            await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
            _day.Time.Advance(TimeSpan.FromHours(12));
            await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();

            using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
            var figures = await watch.ResponseStream.NextAsync();
            morning = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
            output.WriteLine(morning.ToString());
            Assert.Equal(morning.Sequence, figures.Sequence);
            Assert.Equal((true, 0, 0, 0, 0.0, TimeSpan.Zero, TimeSpan.Zero, 1, 0, 0),
                (morning.DayOpen, morning.TotalWaiting, morning.ServedToday, morning.RatingsToday, morning.AverageRating,
                 morning.MeanWait.ToTimeSpan(), morning.LongestWait.ToTimeSpan(), morning.WindowsOpen, morning.WindowsBusy, morning.WindowsPaused));
            Assert.All(morning.Services, s => Assert.Equal((0, 0), (s.Waiting, s.IssuedToday)));
            Assert.All(morning.Windows, w => Assert.Equal((0, 0, TimeSpan.Zero, TimeSpan.Zero), (w.ServedToday, w.Ratings, w.MeanWait.ToTimeSpan(), w.MeanHandlingTime.ToTimeSpan())));
            Assert.Equal([(7, 1, 0, 0)], morning.Clerks.Select(c => (c.Clerk, c.Window, c.ServedToday, c.Ratings)));
            Assert.Equal(
                (morning.ServedToday, morning.RatingsToday, morning.AverageRating, morning.MeanWait, morning.TotalWaiting, morning.LongestWait),
                (figures.ServedToday, figures.RatingsToday, figures.AverageRating, figures.MeanWait, figures.TotalWaiting, figures.LongestWait));
            Assert.Equal(morning.Clerks, figures.Clerks);
            Assert.Equal(morning.Windows, figures.Windows);
        }

        await using var again = await StartAsync();
        var restarted = await again.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(morning.Sequence, restarted.Sequence);
        Assert.Equal(
            (morning.DayOpen, morning.ServedToday, morning.RatingsToday, morning.AverageRating, morning.MeanWait, morning.WindowsOpen),
            (restarted.DayOpen, restarted.ServedToday, restarted.RatingsToday, restarted.AverageRating, restarted.MeanWait, restarted.WindowsOpen));
        Assert.Equal(morning.Services, restarted.Services);
        Assert.Equal(morning.Windows, restarted.Windows);
        Assert.Equal(morning.Clerks, restarted.Clerks);
    }

    [Fact]
    public async Task Rate_AfterARestart_RatesTheWindowsLastServiceOnce_AndTheRetryGetsTheFirstAnswer()
    {
        Ticket served;
        RateReply rated;
        var request = new RateRequest { Hall = Hall, Window = 1, Score = 2, RequestId = Guid.NewGuid().ToString() };
        await using (var server = await StartAsync())
        {
            await OpenDayAsync(server);
            await server.OpenAsync(Hall, 1);
            served = await ServeAsync(server, 1);
        }

        await using (var server = await StartAsync())
        {
            rated = await server.Evaluator().RateAsync(request).Bounded();
            Assert.Equal((served.Id, served.Number), (rated.Ticket, rated.Number));
        }

        await using var again = await StartAsync();
        Assert.Equal(rated, await again.Evaluator().RateAsync(request).Bounded());
        var snapshot = await again.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal((1, 2.0, 1, 2.0), (snapshot.RatingsToday, snapshot.AverageRating, snapshot.Windows[0].Ratings, snapshot.Windows[0].MeanRating));
    }

    [Fact]
    public async Task Figures_WindowClosedWithItsOwnQueueAndAnotherPaused_WaitsGoOnAndPausedWindowsServeNoItem()
    {
        await using var server = await StartAsync();
        await OpenDayAsync(server);
        await server.OpenAsync(Hall, 1, 2, 3);
        var terminal = server.Terminal();
        var taken = await server.TakeAsync(Hall, 1);                                                          // 9:00
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = taken.Id }).Bounded();       // 9:01
        await terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2 }).Bounded();          // waits for window 2
        _day.Time.Advance(TimeSpan.FromMinutes(2));
        await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();                         // 9:03: back to item 1
        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 3, Reason = "break" }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(1));                                                           // 9:04

        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        var one = snapshot.Services.Single(s => s.Service == 1);
        Assert.Equal((1, TimeSpan.FromMinutes(3), 1), (one.Waiting, one.LongestWait.ToTimeSpan(), one.OpenWindows));
        Assert.Equal((2, 0, 1), (snapshot.WindowsOpen, snapshot.WindowsBusy, snapshot.WindowsPaused));
    }

    /// <summary>A ticket is taken, called, served and finished at <paramref name="window"/>; returns it.</summary>
    private static async Task<Ticket> ServeAsync(ServerKit server, int window)
    {
        var taken = await server.TakeAsync(Hall, 1);
        await server.Terminal().CallTicketAsync(new() { Hall = Hall, Window = window, Ticket = taken.Id }).Bounded();
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = window }).Bounded();
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = window }).Bounded();
        return taken;
    }

    /// <summary>The snapshot now, after asserting that the figures stream's update for the same event says the same.</summary>
    private async Task<V1.HallSnapshot> SameInBothViewsAsync(ServerKit server, AsyncServerStreamingCall<HallFigures> watch)
    {
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        output.WriteLine(snapshot.ToString());
        var figures = await watch.ResponseStream.NextMatchingAsync(f => f.Sequence >= snapshot.Sequence);
        Assert.Equal(snapshot.Sequence, figures.Sequence);
        Assert.Equal(
            (snapshot.DayOpen, snapshot.TotalWaiting, snapshot.WindowsOpen, snapshot.WindowsBusy, snapshot.WindowsPaused,
             snapshot.ServedToday, snapshot.RatingsToday, snapshot.AverageRating, snapshot.MeanWait),
            (figures.DayOpen, figures.TotalWaiting, figures.WindowsOpen, figures.WindowsBusy, figures.WindowsPaused,
             figures.ServedToday, figures.RatingsToday, figures.AverageRating, figures.MeanWait));
        Assert.Equal(snapshot.Clerks, figures.Clerks);
        Assert.Equal(snapshot.Windows, figures.Windows);
        return snapshot;
    }
}
