using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// A hall run for several days on its journal, as an operator runs it: opened in the morning, closed in the evening with
/// tickets still at windows, the server stopped overnight and started the next morning (or left running).
/// </summary>
public sealed class MultiDayTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "hall-d";
    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync() => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
        Traffic.Unlimited(s);
    });

    /// <summary>The clock to <paramref name="hours"/> past midnight of the day after its current one.</summary>
    private void NextMorning(double hours)
    {
        var now = _day.Time.GetUtcNow();
        _day.Time.Advance(now.Date.AddDays(1).AddHours(hours) - now);
    }

    [Fact]
    public async Task ClosedWithATicketAtAWindow_RestartedNextMorning_OpensCleanOnceItIsFinished()
    {
        Ticket a002;
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));
            var terminal = server.Terminal();
            await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Clerk = 11 }).Bounded();
            await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2, Clerk = 12 }).Bounded();
            await server.TakeAsync(Hall);
            a002 = await server.TakeAsync(Hall);
            await server.TakeAsync(Hall);
            _day.Time.Advance(TimeSpan.FromMinutes(10));
            await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await terminal.CallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded();
            await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await terminal.StartServingAsync(new() { Hall = Hall, Window = 2 }).Bounded();
            _day.Time.Advance(TimeSpan.FromMinutes(5));
            await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5 }).Bounded();
            _day.Time.Advance(TimeSpan.FromHours(8));
            await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded(); // A003 cancelled, A002 still at window 2
        }

        NextMorning(8.5);
        await using var again = await StartAsync();
        Assert.False((await again.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen);
        var refused = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => again.Admin().OpenDayAsync(new() { Hall = Hall }));
        Assert.Contains($"finish {a002.Number} at window 2 (being served)", refused.Status.Detail, StringComparison.Ordinal);

        using var screen = again.Display().Watch(new() { Hall = Hall });
        var first = (await screen.ResponseStream.NextAsync()).Snapshot;
        output.WriteLine(first.ToString());
        await again.Terminal().FinishAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await again.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();
        var morning = await screen.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null);
        Assert.Empty(morning.Snapshot.RecentCalls);
        Assert.Empty(morning.Snapshot.Current);

        var dashboard = await again.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        output.WriteLine(dashboard.ToString());
        Assert.Equal((true, 0, 0, 0.0, TimeSpan.Zero, TimeSpan.Zero), (dashboard.DayOpen, dashboard.ServedToday, dashboard.RatingsToday,
            dashboard.AverageRating, dashboard.MeanWait.ToTimeSpan(), dashboard.LongestWait.ToTimeSpan()));
        Assert.All(dashboard.Clerks, c => Assert.Equal((0, 0), (c.ServedToday, c.Ratings))); // still at their windows, nothing done today
        Assert.All(dashboard.Windows, w => Assert.Equal((0, 0), (w.ServedToday, w.Ratings)));
        Assert.All(dashboard.Services, s => Assert.Equal((0, 0), (s.IssuedToday, s.Waiting)));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => again.Evaluator(TestDevices.Admin).RateAsync(new() { Hall = Hall, Window = 2, Score = 1 }));

        Assert.Equal("A001", (await again.TakeAsync(Hall)).Number);
        var called = await again.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal("A001", called.Number);
        var call = await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null);
        Assert.Equal("A001", call.Call.Number);
    }

    [Fact]
    public async Task LeftRunningOvernight_ExtendedServiceEndedInTheMorning_ScreensTerminalsAndDashboardsStartTheDayClean()
    {
        await using var server = await StartAsync();
        await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Clerk = 11 }).Bounded();
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        using var window = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        await window.ResponseStream.NextAsync();
        using var figures = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await figures.ResponseStream.NextAsync();

        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        var a003 = await server.TakeAsync(Hall);
        _day.Time.Advance(TimeSpan.FromMinutes(20));
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(5));
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 4 }).Bounded();
        _day.Time.Advance(TimeSpan.FromHours(8));
        await server.Admin().CloseDayAsync(new() { Hall = Hall, KeepWaiting = true }).Bounded(); // A002 and A003 still to serve
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded(); // the clerk serves A002 and goes home

        NextMorning(8);
        await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded(); // the night's ticks applied
        var refused = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Admin().OpenDayAsync(new() { Hall = Hall }));
        Assert.Contains("1 ticket of the previous day", refused.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith($"close the day with CloseDay (keep_waiting false), which cancels 1 waiting ({a003.Number}).", refused.Status.Detail, StringComparison.Ordinal); // not the library's CancelWaiting
        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded(); // A003 cancelled
        Assert.Equal(QueueCore.Grpc.V1.TicketState.Cancelled, (await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = a003.Id }).Bounded()).State);
        await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();

        var fresh = await screen.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null);
        Assert.Empty(fresh.Snapshot.RecentCalls);
        Assert.Empty(fresh.Snapshot.Current);
        var day = await figures.ResponseStream.NextMatchingAsync(f => f.DayOpen && f.Sequence >= fresh.Sequence);
        output.WriteLine(day.ToString());
        Assert.Equal((0, 0, 0.0, TimeSpan.Zero, TimeSpan.Zero, 0), (day.ServedToday, day.RatingsToday, day.AverageRating, day.MeanWait.ToTimeSpan(),
            day.LongestWait.ToTimeSpan(), day.TotalWaiting));
        Assert.All(day.Clerks, c => Assert.Equal((0, 0), (c.ServedToday, c.Ratings)));
        Assert.All(day.Windows, w => Assert.Equal((0, 0), (w.ServedToday, w.Ratings)));
        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        output.WriteLine(info.ToString());

        var a001 = await server.TakeAsync(Hall);
        Assert.Equal("A001", a001.Number);
        // The terminal shows it waiting: as a queue update, or already with an update of yesterday's the stream had still
        // to send (each update counts the queue as it stands when sent, WindowUpdate.queue_length).
        await window.ResponseStream.NextMatchingAsync(u => u.QueueLength == 1);
        Assert.Equal(a001.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
        var call = await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null);
        Assert.Equal(("A001", a001.Id), (call.Call.Number, call.Call.Ticket));
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var clerk = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Clerks.Single();
        Assert.Equal((11, 1), (clerk.Clerk, clerk.ServedToday)); // the clerk left at the window overnight counts today's work
    }

    [Fact]
    public async Task FiveDays_RestartedEachMorning_JournalDiskUseLevelsOff_LastDayExportsWhole()
    {
        var sizes = new List<long>();
        for (var d = 0; d < 5; d++)
        {
            var started = DateTime.UtcNow.AddSeconds(-1);
            await using (var server = await StartAsync())
            {
                if (d > 0)
                {
                    await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();
                }

                await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));
                await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
                for (var i = 0; i < 20; i++)
                {
                    var ticket = await server.TakeAsync(Hall);
                    Assert.Equal($"A{i + 1:000}", ticket.Number);
                    _day.Time.Advance(TimeSpan.FromMinutes(2));
                    await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
                    await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
                    _day.Time.Advance(TimeSpan.FromMinutes(5));
                    await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
                }

                await server.Terminal().CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
                await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
            }

            // What the run wrote was last written at the day's (fake) time, as on a real machine.
            foreach (var file in Directory.EnumerateFiles(_day.DataDirectory, "*", SearchOption.AllDirectories))
            {
                if (File.GetLastWriteTimeUtc(file) >= started)
                {
                    File.SetLastWriteTimeUtc(file, _day.Time.GetUtcNow().UtcDateTime);
                }
            }

            sizes.Add(Directory.EnumerateFiles(_day.DataDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
            output.WriteLine($"day {d + 1}: {sizes[^1]} bytes; {string.Join(", ", Directory.EnumerateFiles(_day.DataDirectory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_day.DataDirectory, f)))}");
            NextMorning(8.5);
        }

        // The archive keeps what the last two days wrote (ArchiveRetention's default); the older generations are deleted.
        // The last one is there too: its graceful stop snapshotted the hall and archived the segments before the snapshot.
        Assert.Equal(["gen-0000000003", "gen-0000000004", "gen-0000000005"],
            Directory.EnumerateDirectories(Path.Combine(_day.DataDirectory, "archive")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_day.DataDirectory, Hall, csv);
        Assert.True(result.WholeDay, string.Join("; ", result.Notes));
        Assert.Equal(20, result.Tickets);
    }

    [Fact]
    public async Task HallsConfigurationEditedOvernight_WindowAddedServiceRemovedHallRenamed_AppliedYesterdayKept()
    {
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));
            await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await server.TakeAsync(Hall, service: 2);
            await server.TakeAsync(Hall, service: 1);
            _day.Time.Advance(TimeSpan.FromMinutes(3));
            await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            _day.Time.Advance(TimeSpan.FromMinutes(3));
            await server.Terminal().FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            _day.Time.Advance(TimeSpan.FromMinutes(3));
            await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
        }

        NextMorning(8.5);
        var edited = TestHalls.Small(Hall, windows: 3) with { Name = "Renamed hall" };
        edited = edited with { Services = [.. edited.Services.Where(s => s.Id != 2)] };
        await using (var again = await _day.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(edited);
        }))
        {
            var services = await again.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
            Assert.Equal([1], services.Services.Select(s => s.Service));
            using var screen = again.Display().Watch(new() { Hall = Hall });
            var first = (await screen.ResponseStream.NextAsync()).Snapshot;
            output.WriteLine(first.ToString());
            Assert.Equal("Renamed hall", first.HallName);
            var dashboard = await again.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
            output.WriteLine(dashboard.ToString());
            Assert.Equal([1, 2, 3], dashboard.Windows.Select(w => w.Window));
            Assert.Equal(2, dashboard.ServedToday); // yesterday's figures until the day opens, service 2's included
            Assert.Empty(again.ErrorLogs);
        }

        // Yesterday exported before today's opening, across the redefinition: whole, service 2's ticket included.
        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_day.DataDirectory, Hall, csv);
        Assert.True(result.WholeDay, string.Join("; ", result.Notes));
        Assert.Equal(2, result.Tickets);
        Assert.Contains(csv.ToString().Split('\n'), row => row.StartsWith("A001,", StringComparison.Ordinal) && row.Split(',')[2] == "2");

        await using var third = await _day.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(edited);
        });
        await third.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal("A001", (await third.TakeAsync(Hall)).Number);
        Assert.DoesNotContain(third.Logs, l => l.Contains($"Hall {Hall}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClockSteppedBackAnHourWhileDown_NumberingAndTimesGoOn_NoNegativeWait()
    {
        Ticket a001, a002;
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));
            await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            a001 = await server.TakeAsync(Hall);
            _day.Time.Advance(TimeSpan.FromMinutes(60));
            a002 = await server.TakeAsync(Hall);
        }

        var behind = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_day.Time.GetUtcNow().AddHours(-1));
        await using var again = await _day.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2));
            s.Time = behind;
        });
        var a003 = await again.TakeAsync(Hall);
        Assert.Equal("A003", a003.Number);
        Assert.True(a003.IssuedAt.ToDateTimeOffset() >= a002.IssuedAt.ToDateTimeOffset(), $"{a003.IssuedAt} before {a002.IssuedAt}");
        var dashboard = await again.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        output.WriteLine(dashboard.ToString());
        Assert.Equal(TimeSpan.FromMinutes(60), dashboard.LongestWait.ToTimeSpan());
        Assert.Equal(a001.Id, (await again.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
        var window = (await again.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows.Single(w => w.Window == 1);
        Assert.Equal(TimeSpan.FromMinutes(60), window.MeanWait.ToTimeSpan());
        var ticket = await again.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = a002.Id }).Bounded();
        output.WriteLine(ticket.ToString());
        Assert.True(ticket.EstimatedWait.ToTimeSpan() >= TimeSpan.Zero);
        var services = await again.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
        output.WriteLine(services.ToString());
        Assert.All(services.Services, s => Assert.True(s.IssuingOpen));
    }

    [Fact]
    public async Task DayLeftOpen_RestartedNextMorning_GoesOnAndTheLogWarnsThatItIsYesterdays()
    {
        // The evening's close was forgotten and the server restarted the next morning: the hall goes on with yesterday's
        // day (as documented), its queue, numbering and figures, which the log told only at Information, as after a
        // crash mid-day ("goes on where it was"): nothing said the day the hall runs is yesterday's.
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));
            await server.TakeAsync(Hall);
            _day.Time.Advance(TimeSpan.FromHours(8));
        }

        NextMorning(8.5);
        await using var again = await StartAsync();
        Assert.Equal("A002", (await again.TakeAsync(Hall)).Number);
        var warning = Assert.Single(again.Logs, l => l.Contains($"Hall {Hall} (", StringComparison.Ordinal) && l.StartsWith("[Warning]", StringComparison.Ordinal));
        Assert.Contains("opened on 2026-11-23", warning, StringComparison.Ordinal);
        Assert.Contains("Admin.CloseDay", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DayOpen_RestartedTheSameDay_NoWarning()
    {
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));
            await server.TakeAsync(Hall);
            _day.Time.Advance(TimeSpan.FromHours(8));
        }

        await using var again = await StartAsync();
        Assert.Equal("A002", (await again.TakeAsync(Hall)).Number);
        Assert.DoesNotContain(again.Logs, l => l.Contains($"Hall {Hall} (", StringComparison.Ordinal));
    }
}
