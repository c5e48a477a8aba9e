using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// The dashboard's two views of a hall, its one-off snapshot and its figures stream, over one scripted day: the same
/// hall, service, window and clerk figures, across a window's removal and a restart.
/// </summary>
public sealed class DashboardViewsTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "hall-v";
    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync() => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 3, waitLimit: TimeSpan.FromMinutes(20)));
        Traffic.Unlimited(s);
    });

    [Fact]
    public async Task SnapshotAndFigures_ScriptedDay_WindowRemoved_Restart_GiveTheSameFigures()
    {
        V1.HallSnapshot noon;
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen));
            var terminal = server.Terminal();
            var rate = server.Evaluator(TestDevices.Admin);
            for (var w = 1; w <= 3; w++)
            {
                await terminal.OpenWindowAsync(new() { Hall = Hall, Window = w, Clerk = 10 + w }).Bounded();
            }

            using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
            await watch.ResponseStream.NextAsync();

            for (var i = 0; i < 5; i++)
            {
                await server.TakeAsync(Hall);                                                     // 9:00
            }

            _day.Time.Advance(TimeSpan.FromMinutes(2));
            await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();            // 9:02: waited 2 min
            await terminal.CallNextAsync(new() { Hall = Hall, Window = 3 }).Bounded();            // 9:02: waited 2 min
            _day.Time.Advance(TimeSpan.FromMinutes(4));
            await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();   // 9:06: handled 4, next waited 6
            await rate.RateAsync(new() { Hall = Hall, Window = 1, Score = 4 }).Bounded();
            await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 3 }).Bounded();   // 9:06: handled 4, next waited 6
            await rate.RateAsync(new() { Hall = Hall, Window = 3, Score = 1 }).Bounded();
            await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 2, Reason = "paperwork" }).Bounded();

            var morning = await SameInBothViewsAsync(server, watch);
            Assert.Equal((2, 2, 2.5, TimeSpan.FromMinutes(4), 3, 2, 1, 1, TimeSpan.FromMinutes(6)),
                (morning.ServedToday, morning.RatingsToday, morning.AverageRating, morning.MeanWait.ToTimeSpan(),
                 morning.WindowsOpen, morning.WindowsBusy, morning.WindowsPaused, morning.TotalWaiting, morning.LongestWait.ToTimeSpan()));
            Assert.Equal([(1, 1, 1, 4.0), (2, 0, 0, 0.0), (3, 1, 1, 1.0)],
                morning.Windows.Select(w => (w.Window, w.ServedToday, w.Ratings, w.MeanRating)));
            Assert.Equal([TimeSpan.FromMinutes(20), null], morning.Services.Select(s => s.WaitLimit?.ToTimeSpan()));

            // Window 3 finishes its ticket, closes, and is removed: its day stays the hall's, its row leaves both views.
            await terminal.StartServingAsync(new() { Hall = Hall, Window = 3 }).Bounded();
            _day.Time.Advance(TimeSpan.FromMinutes(2));
            await terminal.FinishAsync(new() { Hall = Hall, Window = 3 }).Bounded();              // 9:08: handled 2
            await rate.RateAsync(new() { Hall = Hall, Window = 3, Score = 5 }).Bounded();
            await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 3 }).Bounded();
            await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 3 }).Bounded();

            noon = await SameInBothViewsAsync(server, watch);
            Assert.Equal([1, 2], noon.Windows.Select(w => w.Window));
            Assert.Equal((3, 3, 10.0 / 3, TimeSpan.FromMinutes(4), 2, 1, 1),
                (noon.ServedToday, noon.RatingsToday, noon.AverageRating, noon.MeanWait.ToTimeSpan(), noon.WindowsOpen, noon.WindowsBusy, noon.WindowsPaused));
            Assert.Equal([(11, 1, 1, 1, 4.0), (12, 2, 0, 0, 0.0), (13, 0, 2, 2, 3.0)],
                noon.Clerks.Select(c => (c.Clerk, c.Window, c.ServedToday, c.Ratings, c.MeanRating)));
        }

        await using var again = await StartAsync(); // the journal, replayed
        using var after = again.Dashboard().WatchFigures(new() { Hall = Hall });
        var restarted = await SameInBothViewsAsync(again, after);
        Assert.Equal(
            (noon.ServedToday, noon.RatingsToday, noon.AverageRating, noon.MeanWait, noon.TotalWaiting, noon.LongestWait),
            (restarted.ServedToday, restarted.RatingsToday, restarted.AverageRating, restarted.MeanWait, restarted.TotalWaiting, restarted.LongestWait));
        Assert.Equal(noon.Services, restarted.Services);
        Assert.Equal(noon.Windows.Select(Day), restarted.Windows.Select(Day));
        Assert.Equal(noon.Clerks, restarted.Clerks);
    }

    [Fact]
    public async Task SnapshotAndFigures_TicketTransferredToAWindow_ShowTheLiveLoadPerServiceAndWindow()
    {
        await using var server = await StartAsync();
        await Rpc.EventuallyAsync(async () => Assert.True((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen));
        await server.OpenAsync(Hall, 1, 2);
        var terminal = server.Terminal();
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await watch.ResponseStream.NextAsync();

        var a001 = await server.TakeAsync(Hall);                                                       // 9:00
        var a002 = await server.TakeAsync(Hall);                                                       // 9:00
        _day.Time.Advance(TimeSpan.FromMinutes(3));
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();                     // 9:03: A001
        await terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2 }).Bounded();   // to window 2's queue
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();                     // A002, called at window 1

        var load = await SameInBothViewsAsync(server, watch);
        var one = load.Services.Single(s => s.Service == 1);
        // A001 waits again, in window 2's own queue, since its transfer: counted for its service and for the window.
        Assert.Equal((1, 1, TimeSpan.Zero, 2), (load.TotalWaiting, one.Waiting, one.LongestWait.ToTimeSpan(), one.OpenWindows));
        Assert.Equal(
            [(1, V1.WindowState.Calling, a002.Number, 0), (2, V1.WindowState.Idle, "", 1), (3, V1.WindowState.Closed, "", 0)],
            load.Windows.Select(w => (w.Window, w.State, w.CurrentNumber, w.QueueLength)));
        Assert.Equal((2, 1, 0), (load.WindowsOpen, load.WindowsBusy, load.WindowsPaused));
        Assert.NotEqual(a001.Id, load.Windows[0].CurrentTicket);
    }

    private static (int, int, Duration, Duration, int, double) Day(WindowFigures w) =>
        (w.Window, w.ServedToday, w.MeanHandlingTime, w.MeanWait, w.Ratings, w.MeanRating);

    /// <summary>The snapshot now, after asserting that the figures stream's update for the same event says the same.</summary>
    private async Task<V1.HallSnapshot> SameInBothViewsAsync(ServerKit server, AsyncServerStreamingCall<HallFigures> watch)
    {
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        output.WriteLine(snapshot.ToString());
        var figures = await watch.ResponseStream.NextMatchingAsync(f => f.Sequence >= snapshot.Sequence);
        Assert.Equal(
            (snapshot.Hall, snapshot.Sequence, snapshot.Time, snapshot.DayOpen, snapshot.TotalWaiting, snapshot.LongestWait,
             snapshot.WindowsOpen, snapshot.WindowsBusy, snapshot.WindowsPaused),
            (figures.Hall, figures.Sequence, figures.Time, figures.DayOpen, figures.TotalWaiting, figures.LongestWait,
             figures.WindowsOpen, figures.WindowsBusy, figures.WindowsPaused));
        Assert.Equal(
            (snapshot.ServedToday, snapshot.RatingsToday, snapshot.AverageRating, snapshot.MeanWait),
            (figures.ServedToday, figures.RatingsToday, figures.AverageRating, figures.MeanWait));
        Assert.Equal(snapshot.Services, figures.Services);
        Assert.Equal(snapshot.Windows, figures.Windows);
        Assert.Equal(snapshot.Clerks, figures.Clerks);
        return snapshot;
    }
}
