using System.Text.Json;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Snapshots;

/// <summary>
/// The numbers of a saved state (averages, counters, sequences, instants, a window's counts and alerts, pause and park
/// times, remembered requests): a state edited by hand, or damaged, that would give negative or absurd estimates,
/// overflow, or break an invariant once restored is refused whole, the message naming the field and its entry. A state
/// the hall saved itself restores as it was.
/// </summary>
public class SavedNumbersTests
{
    private static readonly long Day = TimeSpan.TicksPerDay;

    public static TheoryData<string, string> Damages() => new()
    {
        { "negative average handling time", "item 1 has an AverageHandlingTicks -3000000000, not between 1 tick and a day's" },
        { "zero average handling time", "item 1 has an AverageHandlingTicks 0, not between 1 tick and a day's" },
        { "average handling time past a day", $"item 3 has an AverageHandlingTicks {Day + 1}, not between 1 tick and a day's" },
        { "negative issued today", "item 2 has a negative IssuedToday -1" },
        { "item listed twice", "item 1 is listed twice" },
        { "warning raised in the future", "item 1 has a WarningRaisedAt" },
        { "category numbering at the end of its range", "category 'A' has a Sequence 2147483647" },
        { "removed category numbering at the end of its range", "removed category 'Z' has a Sequence 2147483647" },
        { "hall clock past the calendar", "its Time 9223372036854775807 is not a UTC instant" },
        { "day opened after the hall's clock", "its DayOpenedAt" },
        { "sequence out of range", "its Sequence 9223372036854775807 is beyond" },
        { "serial behind a ticket's", "its Serial 1 is behind ticket" },
        { "serial past the last", "its Serial 9223372036854775807 is beyond" },
        { "ticket issued after the hall's clock", "has an IssuedAt" },
        { "negative enqueue time", "has a negative EnqueuedAt -1" },
        { "negative serving time", "has a negative ServingAt -5" },
        { "call after the hall's clock", "has a CalledAt" },
        { "recalls past 255", "has Recalls 256, not between 0 and 255" },
        { "negative no-shows", "has NoShows -1, not between 0 and 255" },
        { "rank out of range", "has a Rank -9223372036854775808, out of range" },
        { "negative park due", "has a negative ParkDue -1" },
        { "negative unanswered calls", "window 3 has a negative UnansweredCalls -1" },
        { "negative priority run", "window 3 has a negative PriorityRun -2" },
        { "negative normal owed", "window 3 has a negative NormalOwed -1" },
        { "unknown alert bits", "window 3 has Alerts 4; only bits 0 (service time) and 1 (idle time) are known" },
        { "idle since after the hall's clock", "window 3 has an IdleSince" },
        { "negative hold", "window 3 has a negative HoldUntil -1" },
        { "negative alert timer", "window 3 has a negative AlertDue -1" },
        { "negative auto timer", "window 3 has a negative AutoDue -7" },
        { "negative paused-after count", "window 3 has a negative PausedAfterUnansweredCalls -1" },
        { "negative calls today", "window 3 has a negative CallsToday -1" },
        { "rating sum past five a rating", "window 1 has a RatingSumToday 6 for 1 ratings; each is 1 to 5" },
        { "removed windows' rating sum past five a rating", "its RemovedWindowsRatingSumToday 11 for 2 ratings; each is 1 to 5" },
        { "clerk's rating sum below one a rating", "clerk 101 has a RatingSumToday 0 for 1 ratings; each is 1 to 5" },
        { "request id twice", "is remembered twice" },
        { "request sequence ahead of the hall", "has a Sequence" },
        { "negative request wait", "has a negative EstimatedWait -1" },
        { "negative request position", "has a negative Position -1" },
        { "request number width 12", "has a number Width 12, not between 0 and 9" },
        { "unknown request ticket state", "has an unknown ticket State 42" },
        { "request issued after the hall's clock", "has an IssuedAt" },
        { "negative check-in ticket", "an appointment check-in (reference 'R-1') has a negative Ticket -1 or Number -1" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Restore_SavedNumberOutOfRange_RefusedNamingFieldAndEntry(string damage, string expected)
    {
        var d = Small();
        var state = MidDay(d);

        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(d, Damage(state, damage)));

        Assert.Equal("state", e.ParamName);
        Assert.Contains("is damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_NegativeAverageHandlingTime_RefusedRatherThanANegativeEstimate()
    {
        // A hand-edited average of minus an hour was restored, and the next kiosk told its citizen -55 minutes.
        var d = Small();
        var state = MidDay(d);
        var edited = state with { Services = [.. state.Services.Select(s => s with { AverageHandlingTicks = -TimeSpan.TicksPerHour })] };

        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(d, edited));

        Assert.Contains("item 1 has an AverageHandlingTicks -36000000000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_TheHallsOwnState_RestoresAndAnswersAsTheOriginal()
    {
        var d = Small();
        var original = Open(d, 1, 2, 3);
        var state = MidDay(d, original);

        var restored = Hall.Restore(d, state);

        Assert.Equal(JsonSerializer.Serialize(state), JsonSerializer.Serialize(restored.SaveState()));
        var next = HallCommand.IssueTicket(1);
        Assert.Equal(original.Apply(next, At(30)), restored.Apply(next, At(30)));
    }

    [Fact]
    public void Restore_StateFromBeforeNewerKeys_Restores()
    {
        // What an older version saved: none of the keys added since (request issue times and classes, call times, clerks,
        // removed categories, the last finished tickets, the windows' newer counts) are there, so they read as defaults.
        var d = Small();
        var state = MidDay(d);
        var old = state with
        {
            DayOpenedAt = 0, CheckIns = null, WindowsLastFinished = null, RemovedCategories = [], Clerks = [],
            RemovedWindowsCallsToday = 0, RemovedWindowsWaitTicksToday = 0,
            Services = [.. state.Services.Select(s => s with { WarningRaisedAt = 0 })],
            Windows = [.. state.Windows.Select(w => w with
            {
                CallsToday = 0, WaitTicksToday = 0, LastClerk = 0, LastTurn = 0, LastFinishedClerk = null, LastFinishedRated = false,
                ExpectedHandlingTicks = 0, PausedAfterUnansweredCalls = 0,
            })],
            Tickets = [.. state.Tickets.Select(t => t with { CalledAt = 0, CalledFromWindowQueue = false, RatableClerk = null })],
            Requests = [.. state.Requests.Select(r => r with { IssuedAt = 0, PriorityClass = null, AppointmentNotOnTime = false })],
        };

        var restored = Hall.Restore(d, old);

        Assert.Equal(state.Tickets.Count(t => t.State == TicketState.Waiting), restored.GetSnapshot(restored.Now).Services.Sum(s => s.Waiting));
    }

    /// <summary>
    /// Window 1 calling, window 2 serving, window 3 paused, a ticket finished and rated, tickets waiting, one parked, a
    /// request remembered, an appointment checked in.
    /// </summary>
    private static HallState MidDay(HallDefinition d, Hall? hall = null)
    {
        hall ??= Open(d, 1, 2, 3);
        var done = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 6);
        hall.Do(HallCommand.Rate(done, 5), 6.5);
        hall.Do(HallCommand.IssueTicket(1).WithRequestId(Guid.Parse("00000000-0000-0000-0000-000000000042")), 7);
        hall.Do(HallCommand.IssueTicket(1) with { Appointment = "R-1", AppointmentSlot = At(8) }, 7.5);
        hall.Issue(8);
        hall.Issue(8.5, items: 3);
        hall.Serve(2, 9);
        hall.Do(HallCommand.Park(2, "a missing document", At(40)), 10);
        hall.Serve(2, 11);
        hall.Do(HallCommand.CallNext(1), 12);
        hall.Do(HallCommand.PauseWindow(3, "lunch"), 13);
        return hall.SaveState();
    }

    private static HallState Damage(HallState s, string damage)
    {
        HallState WithTicket(Func<SavedTicket, bool> which, Func<SavedTicket, SavedTicket> change) =>
            s with { Tickets = [.. s.Tickets.Select(t => which(t) ? change(t) : t)] };
        HallState Waiting(Func<SavedTicket, SavedTicket> change) => WithTicket(t => t.Id == s.Tickets.First(x => x.State == TicketState.Waiting).Id, change);
        HallState Parked(Func<SavedTicket, SavedTicket> change) => WithTicket(t => t.State == TicketState.Parked, change);
        HallState WithWindow(int id, Func<SavedWindow, SavedWindow> change) =>
            s with { Windows = [.. s.Windows.Select(w => w.Id == id ? change(w) : w)] };
        HallState WithService(int id, Func<SavedService, SavedService> change) =>
            s with { Services = [.. s.Services.Select(x => x.Id == id ? change(x) : x)] };
        HallState WithRequest(Func<SavedRequest, SavedRequest> change) => s with { Requests = [.. s.Requests.Select(change)] };
        return damage switch
        {
            "negative average handling time" => WithService(1, x => x with { AverageHandlingTicks = -3_000_000_000 }),
            "zero average handling time" => WithService(1, x => x with { AverageHandlingTicks = 0 }),
            "average handling time past a day" => WithService(3, x => x with { AverageHandlingTicks = Day + 1 }),
            "negative issued today" => WithService(2, x => x with { IssuedToday = -1 }),
            "item listed twice" => s with { Services = [.. s.Services, s.Services.First(x => x.Id == 1)] },
            "warning raised in the future" => WithService(1, x => x with { WarningRaised = true, WarningRaisedAt = s.Time + 1 }),
            "category numbering at the end of its range" => s with { Categories = [.. s.Categories.Select(c => c.Id == "A" ? c with { Sequence = int.MaxValue } : c)] },
            "removed category numbering at the end of its range" => s with { RemovedCategories = [new SavedCategory { Id = "Z", Prefix = "Z", Sequence = int.MaxValue }] },
            "hall clock past the calendar" => s with { Time = long.MaxValue },
            "day opened after the hall's clock" => s with { DayOpenedAt = s.Time + 1 },
            "sequence out of range" => s with { Sequence = long.MaxValue },
            "serial behind a ticket's" => s with { Serial = 1 },
            "serial past the last" => s with { Serial = long.MaxValue },
            "ticket issued after the hall's clock" => Waiting(t => t with { IssuedAt = s.Time + TimeSpan.TicksPerHour }),
            "negative enqueue time" => Waiting(t => t with { EnqueuedAt = -1 }),
            "negative serving time" => WithTicket(t => t.State == TicketState.Serving, t => t with { ServingAt = -5 }),
            "call after the hall's clock" => WithTicket(t => t.State == TicketState.Called, t => t with { CalledAt = s.Time + 1 }),
            "recalls past 255" => WithTicket(t => t.State == TicketState.Called, t => t with { Recalls = 256 }),
            "negative no-shows" => Waiting(t => t with { NoShows = -1 }),
            "rank out of range" => Waiting(t => t with { Rank = long.MinValue }),
            "negative park due" => Parked(t => t with { ParkDue = -1 }),
            "negative unanswered calls" => WithWindow(3, w => w with { UnansweredCalls = -1 }),
            "negative priority run" => WithWindow(3, w => w with { PriorityRun = -2 }),
            "negative normal owed" => WithWindow(3, w => w with { NormalOwed = -1 }),
            "unknown alert bits" => WithWindow(3, w => w with { Alerts = 4 }),
            "idle since after the hall's clock" => WithWindow(3, w => w with { IdleSince = s.Time + 1 }),
            "negative hold" => WithWindow(3, w => w with { HoldUntil = -1 }),
            "negative alert timer" => WithWindow(3, w => w with { AlertDue = -1 }),
            "negative auto timer" => WithWindow(3, w => w with { AutoDue = -7 }),
            "negative paused-after count" => WithWindow(3, w => w with { PausedAfterUnansweredCalls = -1 }),
            "negative calls today" => WithWindow(3, w => w with { CallsToday = -1 }),
            "rating sum past five a rating" => WithWindow(1, w => w with { RatingsToday = 1, RatingSumToday = 6 }),
            "removed windows' rating sum past five a rating" => s with { RemovedWindowsRatingsToday = 2, RemovedWindowsRatingSumToday = 11 },
            "clerk's rating sum below one a rating" => s with { Clerks = [.. s.Clerks.Select(c => c.Id == 101 ? c with { RatingsToday = 1, RatingSumToday = 0 } : c)] },
            "request id twice" => s with { Requests = [.. s.Requests, s.Requests[0]] },
            "request sequence ahead of the hall" => WithRequest(r => r with { Sequence = s.Sequence + 1 }),
            "negative request wait" => WithRequest(r => r with { EstimatedWait = -1 }),
            "negative request position" => WithRequest(r => r with { Position = -1 }),
            "request number width 12" => WithRequest(r => r with { Width = 12 }),
            "unknown request ticket state" => WithRequest(r => r with { State = (TicketState)42 }),
            "request issued after the hall's clock" => WithRequest(r => r with { IssuedAt = s.Time + 1 }),
            "negative check-in ticket" => s with { CheckIns = [.. s.CheckIns!.Select(c => c with { Ticket = -1, Number = -1 })] },
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
    }
}
