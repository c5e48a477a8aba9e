using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>The dashboard's stream of figures and alerts.</summary>
public class WatchFiguresTests(ITestOutputHelper output)
{
    private const string Hall = "hall-f";

    /// <summary>A server with <paramref name="hall"/>, on <paramref name="time"/> when a test holds the clock.</summary>
    private Task<ServerKit> StartAsync(QueueCore.HallDefinition hall, FakeTimeProvider? time = null) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Time = time;
        s.Halls.Add(hall);
    });

    [Fact]
    public async Task WatchFigures_TicketIssued_UpdateFollows()
    {
        await using var server = await StartAsync(TestHalls.Small(Hall));
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        var first = await watch.ResponseStream.NextAsync();
        Assert.Equal((Hall, true, 0), (first.Hall, first.DayOpen, first.TotalWaiting));
        Assert.Empty(first.Alerts);

        var taken = await server.TakeAsync(Hall);

        var next = await watch.ResponseStream.NextMatchingAsync(f => f.TotalWaiting == 1);
        Assert.True(next.Sequence >= taken.Sequence);
        Assert.Equal(1, next.Services.Single(s => s.Service == 1).Waiting);
    }

    [Fact]
    public async Task WatchFigures_ServerClockHeld_FigureChangesStillFollow()
    {
        // A server on a simulated clock that does not move by itself (a training hall, a replay): the dashboard got its
        // first figures and then none, its interval being counted on that clock.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(TestHalls.Small(Hall), time);
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        Assert.Equal(0, (await watch.ResponseStream.NextAsync()).TotalWaiting);

        for (var waiting = 1; waiting <= 3; waiting++)
        {
            var taken = await server.TakeAsync(Hall);
            var next = await watch.ResponseStream.NextMatchingAsync(f => f.TotalWaiting == waiting);
            Assert.True(next.Sequence >= taken.Sequence);
        }
    }

    [Fact]
    public async Task WatchFigures_WindowPaused_CountedOpenAndPaused()
    {
        // A manager reads "3 open" at a glance: the one on a break is open but serves no one, so it is shown apart.
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 3));
        await server.OpenAsync(Hall, 1, 2, 3);
        await server.CallAsync(Hall, 1);
        await server.Terminal().PauseWindowAsync(new() { Hall = Hall, Window = 2, Reason = "break" }).Bounded();

        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
        var figures = await watch.ResponseStream.NextAsync();
        Assert.Equal((3, 1, 1), (figures.WindowsOpen, figures.WindowsBusy, figures.WindowsPaused));
    }

    [Fact]
    public async Task WatchFigures_WindowIdleWhileTicketsWait_IdleAlertNamesTheWindow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2) with { WindowIdleLimit = TimeSpan.FromMinutes(5) }, time);
        await server.OpenAsync(Hall, 1);
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await watch.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);

        var alert = (await time.AdvanceUntilAlertAsync(watch, AlertKind.WindowIdle)).Alerts.Single(a => a.Kind == AlertKind.WindowIdle);
        output.WriteLine(alert.ToString());
        Assert.Equal((1, -1, 0L, ""), (alert.Window, alert.Service, alert.Ticket, alert.Number)); // a window's alert: no service (-1), no ticket
        Assert.StartsWith("Window 1 has been idle", alert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchFigures_NamedWindowIdleAndServingPastLimits_AlertsNameTheWindowAsTheHallDoes()
    {
        // A manager reads "window 2" and looks for the desk: the alert named the window by its id only, though the
        // hall calls it "Passport desk". The name follows the id; the id stays in the alert's window field. A name that
        // only repeats the number ("Window 1") adds nothing and is left out.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var small = TestHalls.Small(Hall, windows: 2);
        var hall = small with
        {
            WindowIdleLimit = TimeSpan.FromMinutes(5),
            Services = [small.Services[0] with { ServiceTimeLimit = TimeSpan.FromMinutes(10) }, small.Services[1]],
            Windows = [small.Windows[0] with { Name = "Business registration" }, small.Windows[1] with { Name = "Passport desk" }],
        };
        await using var server = await StartAsync(hall, time);
        await server.OpenAsync(Hall, 1, 2);
        var served = await server.CallAsync(Hall, 1);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await watch.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);

        var idle = (await time.AdvanceUntilAlertAsync(watch, AlertKind.WindowIdle)).Alerts.Single(a => a.Kind == AlertKind.WindowIdle);
        Assert.Equal((2, "Window 2 (Passport desk) has been idle past the idle limit."), (idle.Window, idle.Text));

        var slow = (await time.AdvanceUntilAlertAsync(watch, AlertKind.ServiceTime)).Alerts.Single(a => a.Kind == AlertKind.ServiceTime);
        Assert.Equal((1, $"{served.Number} has been served at window 1 (Business registration) past the 10 min limit for Service one."), (slow.Window, slow.Text));
        var open = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).OpenAlerts.Single(a => a.Kind == AlertKind.ServiceTime);
        Assert.Equal(slow.Text, open.Text);
    }

    [Fact]
    public async Task WatchFigures_WindowRemovedAfterServing_ServedAndRatingsTodayKeepItsDay()
    {
        await using var server = await StartAsync(TestHalls.Small(Hall, windows: 2));
        await server.OpenAsync(Hall, 1, 2);
        var terminal = server.Terminal();
        foreach (var (window, score) in new[] { (1, 5), (2, 2) })
        {
            await server.CallAsync(Hall, window);
            await terminal.StartServingAsync(new() { Hall = Hall, Window = window }).Bounded();
            await terminal.FinishAsync(new() { Hall = Hall, Window = window }).Bounded();
            await server.Evaluator(TestDevices.Admin).RateAsync(new() { Hall = Hall, Window = window, Score = score }).Bounded();
        }

        await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();

        // Window 2 is gone at noon; what it did this morning is still the hall's day.
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
        var figures = await watch.ResponseStream.NextAsync();
        Assert.Equal((1, 2, 2, 3.5), (figures.WindowsOpen, figures.ServedToday, figures.RatingsToday, figures.AverageRating));
    }

    [Theory]
    [InlineData(1L, -1)] // nanos against the sign of seconds
    [InlineData(0L, 2_000_000_000)] // nanos of more than a second
    [InlineData(long.MaxValue, 0)] // past protobuf's ±10,000 years
    [InlineData(3601L, 0)] // over the hour the contract allows
    [InlineData(3600L, 1)] // over it by a nanosecond (a TimeSpan, in 100 ns ticks, reads it as the hour itself)
    [InlineData(0L, 99_000_000)] // under its 100 ms
    public async Task WatchFigures_InvalidInterval_InvalidArgumentNamingTheField(long seconds, int nanos)
    {
        await using var server = await StartAsync(TestHalls.Small(Hall));

        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = new Duration { Seconds = seconds, Nanos = nanos } });

        var e = await watch.ResponseStream.EndsWithAsync(global::Grpc.Core.StatusCode.InvalidArgument);
        Assert.StartsWith("interval", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchFigures_QueueLongerThanItsWarningLength_AlertArrives()
    {
        await using var server = await StartAsync(TestHalls.Small(Hall, queueWarningLength: 2));
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await watch.ResponseStream.NextAsync();

        for (var i = 0; i < 3; i++)
        {
            await server.TakeAsync(Hall);
        }

        var figures = await watch.ResponseStream.NextMatchingAsync(f => f.Alerts.Count > 0);
        var alert = Assert.Single(figures.Alerts);
        Assert.Equal((AlertKind.QueueLength, 1), (alert.Kind, alert.Service));
        Assert.Contains("Service one", alert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchFigures_WarningLengthLoweredToOneByAnAdmin_AlertReadsOneTicket()
    {
        // A manager set the warning at one ticket for a slow item: the dashboard read "1 tickets wait for Service one.".
        await using var server = await StartAsync(TestHalls.Small(Hall));
        await server.TakeAsync(Hall);
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await watch.ResponseStream.NextAsync();

        await server.Admin().PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 1, Name = "Service one", Category = "a", QueueWarningLength = 1 } }).Bounded();

        var alert = (await watch.ResponseStream.NextMatchingAsync(f => f.Alerts.Count > 0)).Alerts.Single();
        Assert.Equal((AlertKind.QueueLength, "1 ticket waits for Service one."), (alert.Kind, alert.Text));
        Assert.Equal("1 ticket waits for Service one.", (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).OpenAlerts.Single().Text);
    }

    [Fact]
    public async Task WatchFigures_IntervalOfAnHour_AlertStillArrivesAsItHappens()
    {
        // A dashboard that wants figures once an hour still wants its alerts at once ("every alert as it happens"):
        // they used to wait for the interval with the figures.
        await using var server = await StartAsync(TestHalls.Small(Hall, queueWarningLength: 2));
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromHours(1)) });
        await watch.ResponseStream.NextAsync();

        for (var i = 0; i < 3; i++)
        {
            await server.TakeAsync(Hall);
        }

        var figures = await watch.ResponseStream.NextMatchingAsync(f => f.Alerts.Count > 0);
        Assert.Equal((AlertKind.QueueLength, 1), (figures.Alerts[0].Kind, figures.Alerts[0].Service));
        Assert.True(figures.TotalWaiting >= 2, $"the figures sent with the alert are the hall's now; {figures.TotalWaiting} waiting");
    }

    [Fact]
    public async Task WatchFigures_TicketWaitsPastTheWaitLimit_AlertArrives()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(TestHalls.Small(Hall, waitLimit: TimeSpan.FromMinutes(5)), time);
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) });
        await watch.ResponseStream.NextAsync();
        var taken = await server.TakeAsync(Hall);

        // The hall's clock is the fake one: move it on a minute at a time until the alert comes (the limit is 5 min).
        var alerted = watch.ResponseStream.NextMatchingAsync(f => f.Alerts.Any(a => a.Kind == AlertKind.WaitLimit));
        for (var minute = 0; minute < 30 && !alerted.IsCompleted; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(alerted, Task.Delay(50));
        }

        var alert = (await alerted).Alerts.First(a => a.Kind == AlertKind.WaitLimit);
        Assert.Equal((taken.Id, taken.Number, 1), (alert.Ticket, alert.Number, alert.Service));
        Assert.Equal($"{taken.Number} has waited past the 5 min limit for Service one.", alert.Text); // as the contract's example reads
        Assert.True(alert.Time.ToDateTimeOffset() >= new DateTimeOffset(2026, 11, 23, 8, 5, 0, TimeSpan.Zero));
    }
}
