using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// A day schedule in a hall with summer time (Europe/Berlin: the clocks go from 02:00 to 03:00 on 29 March 2026 and
/// from 03:00 back to 02:00 on 25 October 2026), and on a server whose clock an NTP correction steps while it runs.
/// </summary>
public sealed class DayScheduleClockTests(ITestOutputHelper output)
{
    private const string Hall = "hall-b";

    private static Task<ServerKit> StartAsync(SteppedClock clock, string opens, string closes, ITestOutputHelper output) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2) with { TimeZone = "Europe/Berlin" });
        Traffic.Unlimited(s);
        s.Settings["QueueCoreServer:DaySchedule:Opens"] = opens;
        s.Settings["QueueCoreServer:DaySchedule:Closes"] = closes;
        s.Services = services => services.AddSingleton<TimeProvider>(clock);
    });

    private static async Task<bool> DayOpenAsync(ServerKit server) =>
        (await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen;

    [Fact]
    public async Task Opens_InTheHourSkippedInSpring_OpensWhenTheClocksGoForward()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero)); // 01:30 CET
        await using var server = await StartAsync(clock, "02:30", "18:00", output);
        Assert.False(await DayOpenAsync(server));

        await clock.PassAsync(TimeSpan.FromMinutes(29.5)); // 01:59:30 CET
        Assert.False(await DayOpenAsync(server));
        await clock.PassAsync(TimeSpan.FromMinutes(1)); // 03:00:30 CEST: 02:30 never came
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
    }

    [Fact]
    public async Task OpensAndCloses_InTheRepeatedHourOfAutumn_EachOnceAtItsSecondTime()
    {
        // 01:00-02:30: opens at 01:00 CEST; 02:30 comes first in summer time (00:30 UTC), then in winter time (01:30 UTC),
        // which is the close (the later, as documented).
        var clock = new SteppedClock(new DateTimeOffset(2026, 10, 24, 22, 30, 0, TimeSpan.Zero)); // 00:30 CEST
        await using var server = await StartAsync(clock, "01:00", "02:30", output);
        Assert.False(await DayOpenAsync(server));

        await clock.PassAsync(TimeSpan.FromMinutes(31)); // 01:01 CEST
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
        await clock.PassAsync(TimeSpan.FromMinutes(90)); // 02:31 CEST, the first time
        Assert.True(await DayOpenAsync(server));
        Assert.Equal("A002", (await server.TakeAsync(Hall)).Number);
        await clock.PassAsync(TimeSpan.FromMinutes(60)); // 02:31 CET, the second time
        await Rpc.EventuallyAsync(async () => Assert.False(await DayOpenAsync(server)));
    }

    [Fact]
    public async Task OpensAndCloses_BothInTheHourSkippedInSpring_DayDoesNotOpenThatDay()
    {
        // 02:10-02:50 does not exist on 29 March: both come at 03:00 CEST. The day opened then and was never closed (the
        // close at the same instant was lost), so it stayed open until the next morning's opening closed it.
        var clock = new SteppedClock(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero)); // 01:30 CET
        await using var server = await StartAsync(clock, "02:10", "02:50", output);
        Assert.False(await DayOpenAsync(server));

        await clock.PassAsync(TimeSpan.FromMinutes(31)); // 03:01 CEST
        await clock.PassAsync(TimeSpan.FromMinutes(1));
        Assert.False(await DayOpenAsync(server));
    }

    [Fact]
    public async Task Opens_ClockSteppedBackOverIt_DayAnAdminClosedStaysClosed()
    {
        // The schedule opened the day at 08:00 and an admin closed it at once; then NTP stepped the server's clock back five
        // minutes. Crossing 08:00 again opened the day a second time, numbering from A001 again.
        var clock = new SteppedClock(new DateTimeOffset(2026, 11, 23, 6, 59, 0, TimeSpan.Zero)); // 07:59 CET
        await using var server = await StartAsync(clock, "08:00", "18:00", output);
        await clock.PassAsync(TimeSpan.FromSeconds(90)); // 08:00:30
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();

        clock.Step = TimeSpan.FromMinutes(-5); // 07:55:30
        await clock.PassAsync(TimeSpan.FromMinutes(2)); // 07:57:30: the schedule's pass each minute
        await clock.PassAsync(TimeSpan.FromMinutes(3)); // 08:00:30 again
        await clock.PassAsync(TimeSpan.FromMinutes(1));

        Assert.False(await DayOpenAsync(server));
    }

    [Fact]
    public async Task Closes_ClockSteppedBack30MinutesRightAfterIt_NotReopenedNorAnAdminsDayClosedAgain()
    {
        // Held: an NTP step back of up to an hour does not cross a Closes again, which would close a day an admin opened
        // since (an evening session), nor does the clock back within the hours open the day again.
        var clock = new SteppedClock(new DateTimeOffset(2026, 11, 23, 16, 59, 0, TimeSpan.Zero)); // 17:59 CET
        await using var server = await StartAsync(clock, "08:00", "18:00", output);
        Assert.True(await DayOpenAsync(server));
        await clock.PassAsync(TimeSpan.FromSeconds(90)); // 18:00:30
        await Rpc.EventuallyAsync(async () => Assert.False(await DayOpenAsync(server)));

        clock.Step = TimeSpan.FromMinutes(-30); // 17:30:30
        await clock.PassAsync(TimeSpan.FromMinutes(1));
        Assert.False(await DayOpenAsync(server));
        await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();
        await clock.PassAsync(TimeSpan.FromMinutes(30)); // 18:01:30 again
        await clock.PassAsync(TimeSpan.FromMinutes(1));

        Assert.True(await DayOpenAsync(server));
    }

    [Fact]
    public async Task Opens_ClockPutRightTwoHoursBack_TheScheduleGoesByTheClockAgain()
    {
        // The server's clock ran two hours fast, so the day opened at 06:00; the admin closed it. Put right, the clock crosses
        // 08:00 again, and the day opens then: a step back of more than an hour is not held (held, a clock put right from a
        // year ahead would leave every day unopened until then).
        var clock = new SteppedClock(new DateTimeOffset(2026, 11, 23, 4, 59, 0, TimeSpan.Zero)) { Step = TimeSpan.FromHours(2) }; // 07:59 CET shown
        await using var server = await StartAsync(clock, "08:00", "18:00", output);
        await clock.PassAsync(TimeSpan.FromSeconds(90)); // 08:00:30 shown, 06:00:30 in the hall
        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();

        clock.Step = TimeSpan.Zero; // 06:00:30
        await clock.PassAsync(TimeSpan.FromMinutes(1));
        Assert.False(await DayOpenAsync(server));
        await clock.PassAsync(TimeSpan.FromMinutes(120)); // 08:01:30

        await Rpc.EventuallyAsync(async () => Assert.True(await DayOpenAsync(server)));
    }

    [Fact]
    public async Task OpensAndCloses_OvernightBothInTheHourSkippedInSpring_YesterdaysDayClosedAndTodaysOpened()
    {
        // An around-the-clock hall that starts its day at 02:30 (closes 02:20 the next day): on 29 March both come at 03:00
        // CEST, the close of the day before and today's opening, in that order.
        var clock = new SteppedClock(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero)); // 01:30 CET
        await using var server = await StartAsync(clock, "02:30", "02:20", output);
        Assert.True(await DayOpenAsync(server));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);

        await clock.PassAsync(TimeSpan.FromMinutes(31)); // 03:01 CEST

        Assert.True(await DayOpenAsync(server));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number); // a new day, numbering from 1
    }

    /// <summary>
    /// A server clock an NTP correction steps: its time is a fake clock's plus <see cref="Step"/>, while its timers run
    /// on the fake clock's own time, as a real machine's timers keep running when its wall clock is stepped.
    /// </summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly FakeTimeProvider _inner = new(start);
        private long _step;
        private int _delays;

        /// <summary>How far the wall clock was stepped (negative: back).</summary>
        public TimeSpan Step
        {
            get => new(Interlocked.Read(ref _step));
            set => Interlocked.Exchange(ref _step, value.Ticks);
        }

        public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Step;

        public override long GetTimestamp() => _inner.GetTimestamp();

        public override long TimestampFrequency => _inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan && period == Timeout.InfiniteTimeSpan)
            {
                Interlocked.Increment(ref _delays); // a one-off wait: the day schedule's between its passes (the shards' timer is armed by Change)
            }

            return _inner.CreateTimer(callback, state, dueTime, period);
        }

        /// <summary>Moves the clock on by <paramref name="span"/> and waits for the day schedule's pass to be done (its next wait set).</summary>
        public async Task PassAsync(TimeSpan span)
        {
            await Rpc.EventuallyAsync(() =>
            {
                Assert.True(Volatile.Read(ref _delays) > 0, "the day schedule has not set its first wait");
                return Task.CompletedTask;
            });
            var before = Volatile.Read(ref _delays);
            _inner.Advance(span);
            await Rpc.EventuallyAsync(() =>
            {
                Assert.True(Volatile.Read(ref _delays) > before, "the day schedule's pass is not done");
                return Task.CompletedTask;
            });
        }
    }
}
