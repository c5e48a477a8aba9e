using System.Globalization;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Snapshots;

/// <summary>
/// A saved state read from a damaged file or message is refused whole with an <see cref="ArgumentException"/> that
/// names the contradiction, never restored into a hall that crashes on a later command.
/// </summary>
public class DamagedStateTests
{
    public static TheoryData<string, string> Damages() => new()
    {
        { "no categories", "a list" },
        { "null ticket", "null entry" },
        { "day 7", "day state 7" },
        { "negative table size", "table size -1" },
        { "ticket id 0", "its id is not positive" },
        { "ticket twice", "is listed twice" },
        { "serial not in the id", "which its id does not carry" },
        { "nine items", "1 to 8 items" },
        { "no items", "1 to 8 items" },
        { "item index out of range", "item index" },
        { "unknown ticket state", "unknown state 42" },
        { "window holds an unknown ticket", "ticket 987654321 is not serving there" },
        { "window holds a waiting ticket", "is not called there" },
        { "idle window holds a ticket", "is idle but holds ticket" },
        { "called ticket at no window", "which does not hold it" },
        { "clerk at two windows", "clerk 101 is at two windows" },
        { "retired live ticket", "listed as finished, is live" },
        { "free slot holding a ticket", "free slot" },
        { "overlong note", $"ticket {{0}} has a Note {HallCommand.MaxReasonLength + 1} characters long; at most {HallCommand.MaxReasonLength} are accepted" },
        { "overlong appointment", $"ticket {{0}} has an Appointment {HallCommand.MaxAppointmentLength + 1} characters long; at most {HallCommand.MaxAppointmentLength} are accepted" },
        { "overlong pause reason", $"window 3 has a PauseReason {HallCommand.MaxReasonLength + 1} characters long; at most {HallCommand.MaxReasonLength} are accepted" },
        { "negative served today", "window 3 has a negative ServedToday -1" },
        { "negative handling time", "window 3 has a negative HandlingTicksToday -1" },
        { "negative ratings", "window 3 has a negative RatingsToday -1" },
        { "negative rating sum", "window 3 has a negative RatingSumToday -5" },
        { "negative turn", "window 3 has a negative LastTurn -1" },
        { "negative expected handling time", "window 2 has an ExpectedHandlingTicks -1, not between 0 and a year's" },
        { "expected handling time past a year", "window 2 has an ExpectedHandlingTicks 9223372036854775807, not between 0 and a year's" },
        { "negative removed windows' served", "its RemovedWindowsServedToday -1 is negative" },
        { "negative removed windows' ratings", "its RemovedWindowsRatingsToday -1 is negative" },
        { "negative removed windows' rating sum", "its RemovedWindowsRatingSumToday -5 is negative" },
        { "overlong check-in reference", $"an appointment check-in's reference is {HallCommand.MaxAppointmentLength + 1} characters long; at most {HallCommand.MaxAppointmentLength} are accepted" },
        // Rule 8 after a restart: numbering behind a live ticket, or two live tickets with one number, printed it again.
        { "numbering behind a live ticket", "is live but category 'A' has numbered only to 1" },
        { "two live tickets with one number", "is live with number A003, as another live ticket is" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Restore_DamagedState_RefusedNamingTheDamage(string damage, string expected)
    {
        var d = Small();
        var (state, calledId, servingId) = MidDay(d);
        var damaged = Damage(state, damage, calledId, servingId);

        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(d, damaged));
        Assert.Equal("state", e.ParamName);
        Assert.Contains("is damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, expected, Waiting(state)), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_TheUndamagedState_Restores()
    {
        var d = Small();
        var (state, _, _) = MidDay(d);
        var restored = Hall.Restore(d, state);
        Assert.Equal(Fingerprint(Hall.Restore(d, state)), Fingerprint(restored));
    }

    /// <summary>Window 1 calling a ticket, window 2 serving one, two waiting, one finished.</summary>
    private static (HallState State, long Called, long Serving) MidDay(HallDefinition d)
    {
        var hall = Open(d, 1, 2);
        var done = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Issue(3);
        hall.Issue(3);
        hall.Issue(3);
        var serving = hall.Serve(2, 4);
        var called = hall.Call(1, 5);
        Assert.NotEqual(0, done);
        return (hall.SaveState(), called, serving);
    }

    private static HallState Damage(HallState s, string damage, long called, long serving)
    {
        SavedTicket Ticket(long id) => s.Tickets.Single(t => t.Id == id);
        HallState WithTicket(long id, Func<SavedTicket, SavedTicket> change) =>
            s with { Tickets = [.. s.Tickets.Select(t => t.Id == id ? change(t) : t)] };
        HallState WithWindow(int id, Func<SavedWindow, SavedWindow> change) =>
            s with { Windows = [.. s.Windows.Select(w => w.Id == id ? change(w) : w)] };
        var waiting = Waiting(s);
        return damage switch
        {
            "no categories" => s with { Categories = null! },
            "null ticket" => s with { Tickets = [.. s.Tickets, null!] },
            "day 7" => s with { Day = 7 },
            "negative table size" => s with { SlotsUsed = -1 },
            "ticket id 0" => WithTicket(waiting, t => t with { Id = 0 }),
            "ticket twice" => s with { Tickets = [.. s.Tickets, Ticket(waiting)] },
            "serial not in the id" => WithTicket(waiting, t => t with { Serial = t.Serial + 1 }),
            "nine items" => WithTicket(waiting, t => t with { Items = [1, 1, 1, 1, 1, 1, 1, 1, 1] }),
            "no items" => WithTicket(waiting, t => t with { Items = [] }),
            "item index out of range" => WithTicket(waiting, t => t with { ItemIndex = 3 }),
            "unknown ticket state" => WithTicket(waiting, t => t with { State = (TicketState)42 }),
            "window holds an unknown ticket" => WithWindow(2, w => w with { Ticket = 987654321 }),
            "window holds a waiting ticket" => WithWindow(1, w => w with { Ticket = waiting }),
            "idle window holds a ticket" => WithWindow(1, w => w with { State = WindowState.Idle }),
            "negative served today" => WithWindow(3, w => w with { ServedToday = -1 }),
            "negative handling time" => WithWindow(3, w => w with { HandlingTicksToday = -1 }),
            "negative ratings" => WithWindow(3, w => w with { RatingsToday = -1 }),
            "negative rating sum" => WithWindow(3, w => w with { RatingSumToday = -5 }),
            "negative turn" => WithWindow(3, w => w with { LastTurn = -1 }),
            "negative expected handling time" => WithWindow(2, w => w with { ExpectedHandlingTicks = -1 }),
            "expected handling time past a year" => WithWindow(2, w => w with { ExpectedHandlingTicks = long.MaxValue }),
            "negative removed windows' served" => s with { RemovedWindowsServedToday = -1 },
            "negative removed windows' ratings" => s with { RemovedWindowsRatingsToday = -1 },
            "negative removed windows' rating sum" => s with { RemovedWindowsRatingSumToday = -5 },
            "called ticket at no window" => WithWindow(1, w => w with { State = WindowState.Idle, Ticket = 0 }),
            "clerk at two windows" => WithWindow(2, w => w with { Clerk = 101 }),
            "retired live ticket" => s with { Retired = [.. s.Retired, serving] },
            "free slot holding a ticket" => s with { FreeSlots = [.. s.FreeSlots, TicketSlot(called)] },
            "overlong note" => WithTicket(waiting, t => t with { Note = new string('n', HallCommand.MaxReasonLength + 1) }),
            "overlong appointment" => WithTicket(waiting, t => t with { Appointment = new string('a', HallCommand.MaxAppointmentLength + 1) }),
            "overlong pause reason" => WithWindow(3, w => w with { State = WindowState.Paused, PauseReason = new string('r', HallCommand.MaxReasonLength + 1) }),
            "overlong check-in reference" => s with
            {
                CheckIns = [new SavedCheckIn { Reference = new string('a', HallCommand.MaxAppointmentLength + 1), Prefix = "A", Number = 1, Width = 3 }],
            },
            "numbering behind a live ticket" => s with { Categories = [.. s.Categories.Select(c => c.Id == "A" ? c with { Sequence = 1 } : c)] },
            "two live tickets with one number" => WithTicket(waiting, t => t with { Number = 3 }),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
    }

    /// <summary>The first waiting ticket's id (the one the ticket damages change).</summary>
    private static long Waiting(HallState s) => s.Tickets.First(t => t.State == TicketState.Waiting).Id;

    private static int TicketSlot(long id) => (int)(id & ((1 << 20) - 1));
}
