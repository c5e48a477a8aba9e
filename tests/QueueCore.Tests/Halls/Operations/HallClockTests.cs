using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// A hall's day against the clock, as a hall manager lives it: a hall far from UTC and across a daylight-saving change,
/// a day that runs past midnight, a night the server was down (the clock jumps hours ahead), a clock stepped back.
/// </summary>
public class HallClockTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset NewYorkTime(int year, int month, int day, int hour, int minute) =>
        new(new DateTime(year, month, day, hour, minute, 0), NewYork.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));

    private static HallDefinition NewYorkHall() => OneItem(d => d with
    {
        TimeZone = "America/New_York",
        Services = [d.Services[0] with { IssuingHours = [new() { From = new(8, 30), To = new(11, 30) }], DailyCap = 3 }],
    });

    [Theory]
    [InlineData(7)] // Saturday 7 March 2026: EST, UTC-5
    [InlineData(9)] // Monday 9 March 2026: EDT, UTC-4 (the clocks went forward on Sunday the 8th)
    [InlineData(10)]
    public void IssueTicket_IssuingHoursAcrossSpringForward_FollowTheHallsWallClock(int day)
    {
        var hall = new Hall(NewYorkHall());
        var opening = NewYorkTime(2026, 3, day, 8, 0);
        Assert.True(hall.Apply(HallCommand.OpenDay(), opening).IsSuccess);

        var early = hall.Apply(HallCommand.IssueTicket(1), NewYorkTime(2026, 3, day, 8, 29).ToUniversalTime());
        Assert.Equal(QueueError.Closed, early.Error);
        Assert.Contains("it is 08:29", early.Message, StringComparison.Ordinal);
        Assert.Contains("tickets again from 08:30", early.Message, StringComparison.Ordinal);
        Assert.True(hall.Apply(HallCommand.IssueTicket(1), NewYorkTime(2026, 3, day, 8, 30).ToUniversalTime()).IsSuccess);
        Assert.True(hall.Apply(HallCommand.IssueTicket(1), NewYorkTime(2026, 3, day, 11, 29).ToUniversalTime()).IsSuccess);
        var late = hall.Apply(HallCommand.IssueTicket(1), NewYorkTime(2026, 3, day, 11, 30).ToUniversalTime());
        Assert.Equal(QueueError.Closed, late.Error);
        Assert.Contains("it is 11:30: no more today", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssueTicket_OneHallRunThroughTheWeekOfTheChange_HoursCapAndNumberingEachDay()
    {
        // One hall instance through Friday, Saturday (EST), Monday and Tuesday (EDT): each day opens at 08:00 local, issues
        // from 08:30 to its cap of three, numbers from A001, and closes at 17:00 local.
        var hall = new Hall(NewYorkHall());
        foreach (var day in new[] { 6, 7, 9, 10 })
        {
            Assert.True(hall.Apply(HallCommand.OpenDay(), NewYorkTime(2026, 3, day, 8, 0)).IsSuccess);
            Assert.Equal(QueueError.Closed, hall.Apply(HallCommand.IssueTicket(1), NewYorkTime(2026, 3, day, 8, 29)).Error);
            var numbers = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var r = hall.Apply(HallCommand.IssueTicket(1), NewYorkTime(2026, 3, day, 8, 30 + i));
                Assert.True(r.IsSuccess, $"March {day}, ticket {i + 1}: {r}");
                numbers.Add(r.Number.ToString());
            }

            Assert.Equal(["A001", "A002", "A003"], numbers);
            Assert.Equal(QueueError.LimitReached, hall.Apply(HallCommand.IssueTicket(1), NewYorkTime(2026, 3, day, 9, 0)).Error);
            Assert.True(hall.Apply(HallCommand.CloseDay(), NewYorkTime(2026, 3, day, 17, 0)).IsSuccess);
        }
    }

    [Fact]
    public void IssueTicket_FallBackHour_IssuedBothTimesItIs0130()
    {
        // Sunday 1 November 2026 in New York: 01:00-02:00 local comes twice (EDT, then EST). A service issuing 01:00 to
        // 02:00 issues through both hours, and 02:00 is past it.
        var d = OneItem(d => d with
        {
            TimeZone = "America/New_York",
            Services = [d.Services[0] with { IssuingHours = [new() { From = new(1, 0), To = new(2, 0) }] }],
        });
        var hall = new Hall(d);
        var firstHalf = new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero); // 01:30 EDT
        var secondHalf = new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero); // 01:30 EST
        hall.Apply(HallCommand.OpenDay(), firstHalf.AddHours(-1));
        Assert.True(hall.Apply(HallCommand.IssueTicket(1), firstHalf).IsSuccess);
        Assert.True(hall.Apply(HallCommand.IssueTicket(1), secondHalf).IsSuccess);
        var after = hall.Apply(HallCommand.IssueTicket(1), new DateTimeOffset(2026, 11, 1, 7, 0, 0, TimeSpan.Zero)); // 02:00 EST
        Assert.Equal(QueueError.Closed, after.Error);
        Assert.Contains("it is 02:00", after.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssueTicket_BeforeHoursThatStartInTheSkippedHour_NamesTheTimeTheyStart()
    {
        // New York, 8 March 2026: at 02:00 EST the clocks go to 03:00 EDT, so hours from 02:30 start at 03:00 that night;
        // "tickets again from 02:30" named a time the hall's clocks never showed.
        var d = OneItem(d => d with
        {
            TimeZone = "America/New_York",
            Services = [d.Services[0] with { IssuingHours = [new() { From = new(2, 30), To = new(6, 0) }] }],
        });
        var hall = new Hall(d);
        var night = new DateTimeOffset(2026, 3, 8, 6, 30, 0, TimeSpan.Zero); // 01:30 EST
        hall.Apply(HallCommand.OpenDay(), night);

        var early = hall.Apply(HallCommand.IssueTicket(1), night);

        Assert.Equal(QueueError.Closed, early.Error);
        Assert.Contains("it is 01:30: tickets again from 03:00.", early.Message, StringComparison.Ordinal);
        Assert.True(hall.Apply(HallCommand.IssueTicket(1), night.AddMinutes(30)).IsSuccess); // 03:00 EDT, as it said
    }

    [Fact]
    public void IssueTicket_DayRunningPastMidnight_HoursByTheClockCapAndNumberingByTheHallDay()
    {
        // A late hall: its day opens at 18:00 Shanghai time and closes at 02:00; its item issues until 23:00 only.
        var d = OneItem(d => d with
        {
            TimeZone = "Asia/Shanghai",
            Services = [d.Services[0] with { IssuingHours = [new() { From = new(18, 0), To = new(23, 0) }], DailyCap = 3 }],
        });
        var shanghai = TimeSpan.FromHours(8);
        var hall = new Hall(d);
        hall.Apply(HallCommand.OpenDay(), new DateTimeOffset(2026, 11, 23, 18, 0, 0, shanghai));
        hall.Apply(HallCommand.OpenWindow(1, clerk: 101), new DateTimeOffset(2026, 11, 23, 18, 0, 0, shanghai));
        Assert.Equal("A001", hall.Apply(HallCommand.IssueTicket(1), new DateTimeOffset(2026, 11, 23, 22, 59, 0, shanghai)).Number.ToString());
        var after = hall.Apply(HallCommand.IssueTicket(1), new DateTimeOffset(2026, 11, 24, 0, 10, 0, shanghai));
        Assert.Equal(QueueError.Closed, after.Error);
        Assert.Contains("it is 00:10: tickets again from 18:00", after.Message, StringComparison.Ordinal);

        // The ticket issued before midnight is served after it, in the same hall day.
        Assert.True(hall.Apply(HallCommand.CallNext(1), new DateTimeOffset(2026, 11, 24, 0, 20, 0, shanghai)).IsSuccess);
        Assert.True(hall.Apply(HallCommand.StartServing(1), new DateTimeOffset(2026, 11, 24, 0, 21, 0, shanghai)).IsSuccess);
        Assert.True(hall.Apply(HallCommand.Finish(1), new DateTimeOffset(2026, 11, 24, 0, 30, 0, shanghai)).IsSuccess);
        Assert.Equal(1, hall.GetSnapshot(hall.Now).ServedToday);
        Assert.True(hall.Apply(HallCommand.CloseDay(), new DateTimeOffset(2026, 11, 24, 2, 0, 0, shanghai)).IsSuccess);
    }

    [Fact]
    public void Tick_ServerDownOvernight_EachAlertOnceInDueOrderAndTheParkedReturn()
    {
        // Evening: two tickets wait past nobody's limit yet, a third is parked until 30 minutes later, window 2 is open and
        // idle with an idle limit. The server is down until the next morning: its first tick fires each timer once.
        var d = OneItem(d => d with
        {
            Services = [d.Services[0] with { WaitLimit = TimeSpan.FromMinutes(20) }],
            WindowIdleLimit = TimeSpan.FromMinutes(10),
            Park = new() { AutoResumeAfter = TimeSpan.FromMinutes(30), ReturnToSameWindow = false },
        });
        var hall = Open(d, 1);
        var parked = hall.Issue(0);
        hall.Serve(1, 0);
        hall.Do(HallCommand.Park(1), 1);
        var a = hall.Issue(2);
        var b = hall.Issue(3);
        hall.Do(HallCommand.OpenWindow(2, clerk: 102), 4);
        hall.Do(HallCommand.PauseWindow(2), 4); // paused: no idle alert
        hall.Do(HallCommand.ResumeWindow(2), 5); // idle from +5: its idle limit is due at +15

        hall.Do(HallCommand.Tick(), 14 * 60);

        var events = hall.Events();
        var alerts = events.Where(e => e.Kind == HallEventKind.WaitLimitPassed).Select(e => e.Ticket).ToArray();
        Assert.Equal([a, b], alerts); // each once, oldest first; not the resumed ticket, which joined the queue just now
        Assert.Equal([1, 2], events.Where(e => e.Kind == HallEventKind.IdleTimePassed).Select(e => e.Window).ToArray()); // once a window
        Assert.Equal(parked, Assert.Single(events, e => e.Kind == HallEventKind.Resumed).Ticket);
        Assert.All(events, e => Assert.Equal(At(14 * 60), e.Time));
        Assert.Equal(((14 * 60) - 2) * 60, events.First(e => e.Ticket == a && e.Kind == HallEventKind.WaitLimitPassed).Value);

        // Nothing more is due for hours: the next tick fires nothing, and the idle window is not alerted again.
        hall.Do(HallCommand.Tick(), (14 * 60) + 1);
        Assert.Empty(hall.Events());
        hall.Do(HallCommand.Tick(), (14 * 60) + 30);
        Assert.DoesNotContain(hall.Events(), e => e.Kind == HallEventKind.WaitLimitPassed && e.Ticket != parked);
    }

    [Fact]
    public void Apply_ClockSteppedBack_HallTimeHoldsAndWaitsNeverShrink()
    {
        var hall = Open(OneItem(d => d with { Services = [d.Services[0] with { WaitLimit = TimeSpan.FromMinutes(20) }] }), 1);
        var a = hall.Issue(10);
        var b = hall.Do(HallCommand.IssueTicket(1), 5); // the wall clock went back five minutes
        Assert.Equal(At(10), hall.Now);
        Assert.Equal(At(10), b.IssuedAt);
        Assert.Equal(1, b.Position); // still after a
        Assert.Equal([a, b.Ticket], hall.WaitingOrder());
        Assert.Equal(TimeSpan.Zero, hall.ServiceView(1, 0).LongestWait);
        Assert.Equal(TimeSpan.FromMinutes(5), hall.ServiceView(1, 15).LongestWait);
        Assert.Equal(At(30), hall.NextDue);
    }

    [Fact]
    public void CallNext_AcrossSpringForward_WaitAndWaitLimitInRealMinutes()
    {
        // Berlin, Sunday 29 March 2026: at 01:00 UTC the clocks go from 02:00 to 03:00. A ticket issued at 01:50 and
        // called at 03:10 waited 20 minutes, not 80; its 30-minute wait limit is due at 03:20, not 02:20.
        static DateTimeOffset Utc(int hour, int minute) => new(2026, 3, 29, hour, minute, 0, TimeSpan.Zero);
        var hall = new Hall(OneItem(d => d with { TimeZone = "Europe/Berlin", Services = [d.Services[0] with { WaitLimit = TimeSpan.FromMinutes(30) }] }));
        Assert.True(hall.Apply(HallCommand.OpenDay(), Utc(0, 40)).IsSuccess);
        Assert.True(hall.Apply(HallCommand.OpenWindow(1, clerk: 101), Utc(0, 40)).IsSuccess);

        Assert.True(hall.Apply(HallCommand.IssueTicket(1), Utc(0, 50)).IsSuccess); // 01:50 CET
        Assert.Equal(Utc(1, 20), hall.NextDue); // 03:20 CEST
        Assert.True(hall.Apply(HallCommand.CallNext(1), Utc(1, 10)).IsSuccess); // 03:10 CEST

        Assert.Equal(TimeSpan.FromMinutes(20), hall.GetSnapshot(Utc(1, 10)).MeanWait);
    }
}
