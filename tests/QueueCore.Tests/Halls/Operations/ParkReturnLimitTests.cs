using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// A park's return time typed wrong (next year, 2 a.m. tomorrow) parked the ticket where no window would call it, and
/// nothing said so. The hall refuses one more than a day ahead, or, for an item with issuing hours, one after the end of
/// today (or of the hours, when they run past midnight), saying why in hall time. The hall is in Shanghai: <see cref="T0"/> (01:00 UTC) is 09:00 on its clocks.
/// </summary>
public class ParkReturnLimitTests
{
    private static HallDefinition Shanghai(params IssuingHours[] hours) =>
        OneItem(d => d with { TimeZone = "Asia/Shanghai", Services = [d.Services[0] with { IssuingHours = hours }] });

    private static IssuingHours Hours(int from, int to) => new() { From = new TimeOnly(from, 0), To = new TimeOnly(to % 24, 0) };

    /// <summary>Minutes after <see cref="T0"/> of a hall-clock time, <paramref name="days"/> days on.</summary>
    private static double HallClock(int hour, int minute = 0, int days = 0) => ((days * 24) + hour - 9) * 60 + minute;

    /// <summary>The hall, its day open at 09:00, A001 being served at window 1 since <paramref name="minute"/>.</summary>
    private static (Hall Hall, long Ticket) Serving(HallDefinition definition, double minute = 1)
    {
        var hall = Open(definition, 1);
        var a = hall.Issue(minute);
        hall.Serve(1, minute);
        return (hall, a);
    }

    [Fact]
    public void Park_ReturnNextYear_RefusedSayingTheLatestInHallTime()
    {
        var (hall, a) = Serving(Shanghai());

        var r = hall.Reject(HallCommand.Park(1, "passport photo", At(2).AddYears(1)), 2, QueueError.InvalidArgument);

        Assert.Equal(
            "A parked ticket's return time may be at most 24 hours ahead (by 2026-11-24 09:02:00 hall time); 2027-11-23 09:02:00 was given.",
            r.Message);
        Assert.Equal((WindowState.Serving, a), (hall.WindowView(1, 2).State, hall.WindowView(1, 2).Ticket));
    }

    [Fact]
    public void Park_NoHours_ReturnUpToADayAheadParks()
    {
        // Without issuing hours the hall may serve around the clock: 2 a.m. is no typo there, and a day ahead is the bound.
        var (hall, a) = Serving(Shanghai());

        hall.Reject(HallCommand.Park(1, null, At(2 + 24 * 60).AddSeconds(1)), 2, QueueError.InvalidArgument);
        hall.Do(HallCommand.Park(1, null, At(HallClock(2, days: 1))), 2);

        Assert.Equal(TicketState.Parked, hall.StateOf(a, 3));
    }

    [Fact]
    public void Park_ItemWithHours_ReturnTomorrow_RefusedNamingTheHoursAndTheLatest()
    {
        // 2 a.m. for 2 p.m.: the ticket would hold the next day's queue from its opening.
        var (hall, a) = Serving(Shanghai(Hours(8, 17)));

        var typo = hall.Reject(HallCommand.Park(1, "contract", At(HallClock(2, days: 1))), 2, QueueError.InvalidArgument);

        Assert.Equal(
            "Service item 1 (Registration) issues tickets 08:00-17:00 (hall time): a ticket parked for it returns the same day, by 2026-11-24 00:00:00; 2026-11-24 02:00:00 was given.",
            typo.Message);
        Assert.Equal(TicketState.Serving, hall.StateOf(a, 2));
    }

    [Fact]
    public void Park_ItemWithHours_ReturnAfterTheirEndTheSameEveningParks()
    {
        // The windows serve on after the item stops issuing (17:00): a citizen sent for a copy at 16:50 comes back at 17:20.
        var (hall, a) = Serving(Shanghai(Hours(8, 12), Hours(14, 17)));

        hall.Do(HallCommand.Park(1, "contract", At(HallClock(17, 20))), 2);

        Assert.Equal(TicketState.Parked, hall.StateOf(a, 3));
    }

    [Fact]
    public void Park_NightHours_ReturnBeforeTheyEndAfterMidnightParks()
    {
        // 18:00-24:00 and 00:00-02:00: one night's hours, given as two spans; the night goes on after midnight.
        var definition = Shanghai(Hours(18, 24), Hours(0, 2));
        var evening = HallClock(18, 1);
        var (hall, a) = Serving(definition, evening);

        hall.Reject(HallCommand.Park(1, null, At(HallClock(2, 30, days: 1))), evening + 1, QueueError.InvalidArgument);
        hall.Do(HallCommand.Park(1, null, At(HallClock(1, 30, days: 1))), evening + 1);

        Assert.Equal(TicketState.Parked, hall.StateOf(a, evening + 2));
    }

    [Fact]
    public void Park_ItemWithHours_AfterTheyEnded_ReturnLaterThatEveningParks()
    {
        // Serving on at 17:10 after the item stopped issuing at 17:00: a short park with a return time still works.
        var (hall, a) = Serving(Shanghai(Hours(8, 17)));
        var evening = HallClock(17, 10);

        hall.Do(HallCommand.Park(1, null, At(evening + 10)), evening);

        Assert.Equal(TicketState.Parked, hall.StateOf(a, evening + 1));
        hall.Do(HallCommand.Tick(), evening + 11);
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, evening + 11)); // back at 17:20, as the clerk said
    }

    [Fact]
    public void Park_ShortReturnRightAfterTheClockSteppedBack_ParkedForTheMinutesGiven()
    {
        // Served at +10; the server's clock then steps back to +2, and the hall's time stays at +10 (it never goes back).
        // A terminal adding 5 minutes to the clock it reads asks for +7: it was refused as "not later than now".
        var (hall, a) = Serving(Shanghai(), minute: 10);

        var parked = hall.Apply(HallCommand.Park(1, "a copy", At(7)), At(2));

        Assert.True(parked.IsSuccess, parked.Message);
        Assert.Equal(5 * 60, hall.Single(HallEventKind.Parked).Value); // "back in 5 min", as the clerk said
        hall.Do(HallCommand.Tick(), 14.5);
        Assert.Equal(TicketState.Parked, hall.StateOf(a, 14.5));
        hall.Do(HallCommand.Tick(), 15);
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 15));
    }

    [Fact]
    public void Park_ReturnBeforeTheSteppedBackClock_RefusedNamingBothTimes()
    {
        // A return not later than the clock the command came with is in the past on any clock: refused, and the message
        // says why the hall's time is ahead of the clock the clerk reads.
        var (hall, a) = Serving(Shanghai(), minute: 10);

        var r = hall.Reject(HallCommand.Park(1, null, At(1)), 2, QueueError.InvalidArgument);

        Assert.Equal(
            "A parked ticket's return time must be later than now (2026-11-23 09:02:00 hall time, by the server's clock; the hall's own time, which never goes back, is 2026-11-23 09:10:00); 2026-11-23 09:01:00 was given.",
            r.Message);
        Assert.Equal(TicketState.Serving, hall.StateOf(a, 10));
    }
}
