using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// A hall whose day follows its opening hours (<c>QueueCoreServer:DaySchedule</c>) in its own time zone, with the
/// server left running: the evening's close and the morning's opening happen without an admin.
/// </summary>
public sealed class DayScheduleTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "hall-s";

    /// <summary>The hall is in Shanghai (UTC+8): the day's clock starts at 09:00 UTC, 17:00 in the hall.</summary>
    private const string Zone = "Asia/Shanghai";

    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync(
        string closePolicy = "CancelWaiting", string closes = "18:00", Action<ServerSetup>? more = null, string opens = "08:00") => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2) with { TimeZone = Zone });
        Traffic.Unlimited(s);
        s.Settings["QueueCoreServer:DaySchedule:Opens"] = opens;
        s.Settings["QueueCoreServer:DaySchedule:Closes"] = closes;
        s.Settings["QueueCoreServer:DaySchedule:ClosePolicy"] = closePolicy;
        more?.Invoke(s);
    });

    /// <summary>The clock to <paramref name="time"/> in the hall, <paramref name="days"/> after the hall's current date.</summary>
    private void AdvanceTo(int days, string time)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var now = _day.Time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var target = new DateTimeOffset(local.Date.AddDays(days) + TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture).ToTimeSpan(), local.Offset);
        _day.Time.Advance(target - now);
    }

    private static async Task<bool> DayOpenAsync(ServerKit server) =>
        (await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen;

    private static Task ClosedForKiosksAsync(ServerKit server, string hall = Hall) => Rpc.EventuallyAsync(async () =>
    {
        var refused = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Kiosk().TakeTicketAsync(new() { Hall = hall, Services = { 1 } }));
        Assert.Equal("Closed", refused.Reason());
    });

    private static Task<Ticket> TicketAsync(ServerKit server, Ticket ticket) =>
        server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket.Id }).Bounded();

    [Fact]
    public async Task Closes_CancelWaiting_KioskRefusedAndWaitingTicketsCancelled()
    {
        await using var server = await StartAsync();
        Assert.True(await DayOpenAsync(server));
        var a001 = await server.TakeAsync(Hall);

        AdvanceTo(0, "18:00:30");

        await ClosedForKiosksAsync(server);
        Assert.Equal(V1.TicketState.Cancelled, (await TicketAsync(server, a001)).State);
    }

    [Fact]
    public async Task Closes_ServeRemaining_WaitingTicketsKeptAndServed()
    {
        await using var server = await StartAsync("ServeRemaining");
        var a001 = await server.TakeAsync(Hall);

        AdvanceTo(0, "18:00:30");

        await ClosedForKiosksAsync(server);
        Assert.Equal(V1.TicketState.Waiting, (await TicketAsync(server, a001)).State);
        await server.OpenAsync(Hall, 1);
        Assert.Equal(a001.Id, (await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
    }

    [Fact]
    public async Task LeftRunningOverMidnight_ClosedInTheEveningOpenedInTheMorning_NumbersFromA001FiguresFromNone()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        await server.CallAsync(Hall, 1);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.TakeAsync(Hall);

        AdvanceTo(0, "18:01");
        await ClosedForKiosksAsync(server);
        // Kiosks list the hall as the server last took it in: the schedule hands them the closed day once the hall's feed
        // has read the close, a moment after TakeTicket is refused. Asked in between (a loaded machine), the listing below
        // still said open at 07:59. Waited for here, the 07:59 listing tells only whether the morning opened too early.
        await Rpc.EventuallyAsync(async () => Assert.False(await DayOpenAsync(server)));
        AdvanceTo(1, "07:59");
        await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
        Assert.False(await DayOpenAsync(server));

        AdvanceTo(0, "08:00");
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        var dashboard = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(0, dashboard.ServedToday);
        Assert.All(dashboard.Services, s => Assert.Equal((0, 0), (s.IssuedToday, s.Waiting)));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task ClockJumpsFromAfternoonToNextMorning_YesterdaysDayClosedAndTodaysOpened()
    {
        await using var server = await StartAsync();
        var a001 = await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);

        AdvanceTo(1, "09:00"); // the evening's close and the morning's opening in one step (a suspended machine)

        await Rpc.EventuallyAsync(async () => Assert.Equal(V1.TicketState.Cancelled, (await TicketAsync(server, a001)).State));
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task Opens_TicketStillAtAWindow_RetriedEachMinuteUntilItIsFinished()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        await server.CallAsync(Hall, 1);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        AdvanceTo(0, "18:00:30");
        await ClosedForKiosksAsync(server); // the ticket at the window stays there
        AdvanceTo(1, "08:00:30");
        await Rpc.EventuallyAsync(() =>
        {
            Assert.Contains(server.Logs, l => l.StartsWith("[Warning]", StringComparison.Ordinal) && l.Contains(Hall, StringComparison.Ordinal)
                && l.Contains("could not open", StringComparison.Ordinal));
            return Task.CompletedTask;
        });
        Assert.False(await DayOpenAsync(server));

        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(1));

        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task Opens_ServeRemainingTicketsLeftParkedWithoutAReturnAndWaiting_CancelledAtTheOpeningWhichGoesAhead()
    {
        // The windows served on after 18:00, then the clerk went home: A001 parked for a missing document with no return
        // time (nothing brings it back by itself), A002 never called. The 08:00 opening was retried each minute while they
        // were in the hall, for good: kiosks refused tickets all the next day, and the day after.
        await using var server = await StartAsync("ServeRemaining", more: s => s.LogLevel = LogLevel.Information); // the end of the extended service is logged at Information
        var a001 = await server.TakeAsync(Hall);
        var a002 = await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        Assert.Equal(a001.Id, (await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().ParkAsync(new() { Hall = Hall, Window = 1, Reason = "a missing document" }).Bounded();
        AdvanceTo(0, "18:00:30");
        await ClosedForKiosksAsync(server);
        await server.Terminal().CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        AdvanceTo(1, "08:00:30");

        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal(V1.TicketState.Cancelled, (await TicketAsync(server, a001)).State);
        Assert.Equal(V1.TicketState.Cancelled, (await TicketAsync(server, a002)).State);
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
        Assert.Contains(server.Logs, l => l.StartsWith("[Information]", StringComparison.Ordinal) && l.Contains(Hall, StringComparison.Ordinal)
            && l.Contains("the scheduled opening (08:00 hall time) ended the day before's extended service: its tickets still waiting or parked cancelled (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opens_ServeRemainingTicketStillServed_OpeningWaitsForItOnlyAndNothingIsCancelled()
    {
        // The extended service ends at the next opening; a citizen still at a window is served to the end, and the day
        // opens once they have left. A002, waiting, is cancelled at 08:00 (see above); A001 is not.
        await using var server = await StartAsync("ServeRemaining");
        var a001 = await server.TakeAsync(Hall);
        var a002 = await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        AdvanceTo(1, "08:00:30");
        await Rpc.EventuallyAsync(async () => Assert.Equal(V1.TicketState.Cancelled, (await TicketAsync(server, a002)).State));
        Assert.False(await DayOpenAsync(server));
        Assert.Equal(V1.TicketState.Serving, (await TicketAsync(server, a001)).State);
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(1));

        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal(V1.TicketState.Completed, (await TicketAsync(server, a001)).State);
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task Opens_NightHallServeRemaining_TicketLeftAfterTheMorningsCloseCancelledAtTheEveningsOpening()
    {
        // A night desk, 18:00 to 02:00, serving on after its close: the extended service of the day opened yesterday at
        // 18:00 ends at today's 18:00, not at midnight nor at the 02:00 close.
        await using var server = await StartAsync("ServeRemaining", opens: "18:00", closes: "02:00"); // 17:00 in the hall
        AdvanceTo(0, "18:00:30");
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        var a001 = await server.TakeAsync(Hall);
        AdvanceTo(1, "02:00:30");
        await ClosedForKiosksAsync(server);
        AdvanceTo(0, "17:59");
        await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(V1.TicketState.Waiting, (await TicketAsync(server, a001)).State);

        AdvanceTo(0, "18:00:30");

        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal(V1.TicketState.Cancelled, (await TicketAsync(server, a001)).State);
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task Opens_HeldByATicketStillServed_TransferRefusedSayingTheDayHasClosedThenTheDayOpens()
    {
        // 08:10, the day before's last citizen still at window 1 after a close that served on: the clerk's transfer to
        // another item was taken, the ticket waited again and held the opening as long again (or, parked without a return
        // time, for good).
        await using var server = await StartAsync("ServeRemaining", more: s => s.LogLevel = LogLevel.Information); // the end of the extended service is logged at Information
        var a001 = await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        AdvanceTo(1, "08:10");
        await Rpc.EventuallyAsync(() =>
        {
            Assert.Contains(server.Logs, l => l.Contains("ended the day before's extended service", StringComparison.Ordinal));
            return Task.CompletedTask;
        });

        var refused = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Terminal().TransferAsync(new() { Hall = Hall, Window = 1, Service = 2 }));

        Assert.Contains("has closed its day: ticket A001 cannot wait again", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(V1.TicketState.Serving, (await TicketAsync(server, a001)).State);
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task Closes_EarlierThanOpens_DayOpensInTheEveningAndClosesTheNextMorning()
    {
        // A night hall, 18:00 to 02:00: a close earlier than the opening is the next day's. It was refused at start ("must
        // be after Opens").
        await using var server = await StartAsync(opens: "18:00", closes: "02:00"); // 17:00 in the hall
        Assert.False(await DayOpenAsync(server));

        AdvanceTo(0, "18:00:30");
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
        AdvanceTo(1, "01:59");
        Assert.Equal("A002", (await server.TakeAsync(Hall)).Number); // the same day, past midnight

        AdvanceTo(0, "02:00:30");
        await ClosedForKiosksAsync(server);
    }

    [Fact]
    public async Task Start_AfterMidnightBeforeAnOvernightClose_TheEveningsDayGoesOnUntilItCloses()
    {
        await using (var server = await StartAsync(opens: "16:00", closes: "02:00"))
        {
            Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
        }

        AdvanceTo(1, "01:00"); // restarted after midnight: the day opened at 16:00 yesterday is still today's

        await using var again = await StartAsync(opens: "16:00", closes: "02:00");
        Assert.True(await DayOpenAsync(again));
        Assert.Equal("A002", (await again.TakeAsync(Hall)).Number);
        AdvanceTo(0, "02:00:30");
        await ClosedForKiosksAsync(again);
    }

    [Fact]
    public async Task Closes_AMinuteBeforeOpens_AroundTheClockHallStartsANewDayEachMorning()
    {
        await using var server = await StartAsync(opens: "04:00", closes: "03:59");
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
        var a002 = await server.TakeAsync(Hall);

        AdvanceTo(1, "03:59:30");
        await ClosedForKiosksAsync(server);
        Assert.Equal(V1.TicketState.Cancelled, (await TicketAsync(server, a002)).State);
        AdvanceTo(0, "04:00:30");

        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task Closes_HallFaultedAtEveryPass_ErrorLoggedOnceThenDebugUntilItWorksThenInformation()
    {
        // A faulted hall fails the schedule's pass each minute the same way: its Error, exception and all, came each minute.
        await using var server = await StartAsync(more: s => s.LogLevel = LogLevel.Debug);
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        var saved = await hall.SaveStateAsync();
        HallFaults.FailNextCommand(hall);
        await Rpc.FailsAsync(StatusCode.Internal, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }));

        AdvanceTo(0, "18:00:30");
        for (var pass = 1; pass <= 3; pass++)
        {
            await Rpc.EventuallyAsync(() =>
            {
                Assert.True(Failures(server).Count >= pass, $"{Failures(server).Count} failed passes logged, {pass} expected");
                return Task.CompletedTask;
            });
            _day.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Single(Failures(server), l => l.StartsWith("[Error]", StringComparison.Ordinal));
        Assert.All(Failures(server).Skip(1), l => Assert.StartsWith("[Debug]", l, StringComparison.Ordinal));

        await hall.RestoreAsync(saved);
        _day.Time.Advance(TimeSpan.FromMinutes(1));
        await ClosedForKiosksAsync(server);
        await Rpc.EventuallyAsync(() =>
        {
            Assert.Single(server.Logs, l => l.StartsWith("[Information]", StringComparison.Ordinal) && l.Contains("DayScheduler", StringComparison.Ordinal)
                && l.Contains($"Hall {Hall}: its day schedule works again", StringComparison.Ordinal));
            return Task.CompletedTask;
        });
        Assert.Single(server.ErrorLogs, l => l.Contains("DayScheduler", StringComparison.Ordinal));

        static List<string> Failures(ServerKit server) => [.. server.Logs.Where(l => l.Contains("DayScheduler", StringComparison.Ordinal)
            && (l.StartsWith("[Error]", StringComparison.Ordinal) || l.StartsWith("[Debug]", StringComparison.Ordinal)))];
    }

    [Fact]
    public async Task Start_OutsideTheHours_DayClosed()
    {
        await using var server = await StartAsync(closes: "16:00"); // 17:00 in the hall

        Assert.False(await DayOpenAsync(server));
        await ClosedForKiosksAsync(server);
    }

    [Fact]
    public async Task Start_NextMorningWithYesterdaysDayStillOpen_TodaysDayOpened()
    {
        Ticket a002;
        await using (var server = await StartAsync(closes: "23:00"))
        {
            await server.TakeAsync(Hall);
            a002 = await server.TakeAsync(Hall);
        }

        AdvanceTo(1, "09:00"); // the server was down at 23:00

        await using var again = await StartAsync(closes: "23:00");
        Assert.True(await DayOpenAsync(again));
        Assert.Equal(V1.TicketState.Cancelled, (await TicketAsync(again, a002)).State);
        Assert.Equal("A001", (await again.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task Start_DayClosedByAnAdminSinceTodaysOpening_LeftClosed()
    {
        await using (var server = await StartAsync())
        {
            await server.TakeAsync(Hall);
            await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded(); // closed early, by hand
        }

        _day.Time.Advance(TimeSpan.FromMinutes(10));

        await using var again = await StartAsync();
        Assert.False(await DayOpenAsync(again)); // reopened, it would number from A001 a second time today
    }

    [Fact]
    public async Task HallAddedAtRunTime_FollowsTheDefaultSchedule()
    {
        await using var server = await StartAsync();
        var added = TestHalls.Small("hall-t") with { TimeZone = Zone };
        await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(added) }).Bounded();
        Assert.Equal("A001", (await server.TakeAsync(added.Id)).Number);

        AdvanceTo(0, "18:00:30");

        await ClosedForKiosksAsync(server, added.Id);
    }

    [Fact]
    public async Task HallScheduleDisabled_DayOpensAtStartAndGoesOnPastClosesAndOpens()
    {
        const string allDay = "hall-24h"; // a self-service hall open around the clock
        await using var server = await StartAsync(closes: "16:00", more: s =>
        {
            s.Halls.Add(TestHalls.Small(allDay) with { TimeZone = Zone });
            s.Settings[$"QueueCoreServer:DaySchedules:{allDay}:Enabled"] = "false";
        });
        Assert.False(await DayOpenAsync(server)); // 17:00 in the hall: the scheduled hall is closed
        Assert.Equal("A001", (await server.TakeAsync(allDay)).Number);

        AdvanceTo(1, "08:00:30");
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server))); // the schedule's Opens has passed
        AdvanceTo(0, "16:00:30");
        await ClosedForKiosksAsync(server); // and its Closes

        Assert.Equal("A002", (await server.TakeAsync(allDay)).Number); // the same day, never closed nor reopened
    }

    [Theory]
    [InlineData("DaySchedule:Opens", "25:00", "QueueCoreServer:DaySchedule:Opens")]
    [InlineData("DaySchedule:Closes", "08:00", "QueueCoreServer:DaySchedule:Closes '08:00' is the same as QueueCoreServer:DaySchedule:Opens")]
    [InlineData("DaySchedule:ClosePolicy", "Cancel", "QueueCoreServer:DaySchedule:ClosePolicy")]
    [InlineData("DaySchedule:ClosePolicy", "7", "QueueCoreServer:DaySchedule:ClosePolicy")]
    [InlineData("DaySchedules:hall-x:Opens", "09:00", "QueueCoreServer:DaySchedules:hall-x")]
    [InlineData("DaySchedules:hall-s:Closes", "", "QueueCoreServer:DaySchedules:hall-s:Closes")]
    public async Task Start_DayScheduleInvalid_FailsNamingTheKey(string key, string value, string expected)
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
            s.Settings["QueueCoreServer:DaySchedule:Opens"] = "08:00";
            s.Settings["QueueCoreServer:DaySchedule:Closes"] = "18:00";
            if (key.StartsWith("DaySchedules:hall-s", StringComparison.Ordinal))
            {
                s.Settings["QueueCoreServer:DaySchedules:hall-s:Opens"] = "08:00";
            }

            s.Settings["QueueCoreServer:" + key] = value;
        }));

        output.WriteLine(e.Message);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
