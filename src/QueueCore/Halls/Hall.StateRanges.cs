namespace QueueCore;

/// <remarks>
/// This part: the numbers of a saved state, each within the range the hall itself could have saved. A state edited by
/// hand, or damaged, restored an average handling time of minus an hour (every kiosk then told its citizens a negative
/// wait), a category's numbering at int.MaxValue (the next ticket's number wrapped negative), a second copy of a
/// remembered request (a later retry then got a second ticket). Every figure is checked here, and the first out of range
/// is named with its entry. A state from before a key was kept reads it as its default (0, null, empty), which passes.
/// </remarks>
public sealed partial class Hall
{
    /// <summary>The longest average handling time a saved item may hold: the longest a definition may expect
    /// (<see cref="ServiceItem.ExpectedHandlingTime"/>, a day), which the live average never passes either.</summary>
    private static readonly long MaxAverageHandlingTicks = HallCompiler.MaxExpectedHandlingTime.Ticks;

    /// <summary>The last event sequence a saved state may hold: room for any number of days' events, far from a long's
    /// end (the hall numbers its journal's lost commands past its sequence up to the same bound).</summary>
    private const long MaxSavedSequence = MaxSequencePastDamage;

    /// <summary>A rank (issue time less head starts and resume bonuses) far enough inside a long that adding any head
    /// start or time to it cannot overflow; the hall keeps its own ranks within it.</summary>
    private const long MaxSavedRank = long.MaxValue / 4;

    private void CheckRanges(HallState state)
    {
        var now = state.Time;
        Consistent(now is >= 0 and <= MaxTicks, $"its Time {now} is not a UTC instant (0 to {MaxTicks} ticks)");
        Consistent(state.DayOpenedAt >= 0 && state.DayOpenedAt <= now, $"its DayOpenedAt {state.DayOpenedAt} is not between 0 and its Time {now}");
        Consistent(state.Sequence <= MaxSavedSequence, $"its Sequence {state.Sequence} is beyond {MaxSavedSequence}");
        Consistent(state.Serial <= MaxSerial, $"its Serial {state.Serial} is beyond the last a hall issues ({MaxSerial})");
        var figures = DayFigures.OfRemovedWindows(state);
        Consistent(figures.RatingsAddUp(), $"its RemovedWindowsRatingSumToday {figures.RatingSum} for {figures.Ratings} ratings; each is 1 to 5");
        foreach (var c in state.Categories)
        {
            Consistent(c.Sequence < int.MaxValue, $"category '{c.Id}' has a Sequence {c.Sequence}, the last number there is: its next ticket would have none");
        }

        foreach (var c in state.RemovedCategories)
        {
            Consistent(c.Sequence < int.MaxValue, $"removed category '{c.Id}' has a Sequence {c.Sequence}, the last number there is");
        }

        CheckServiceRanges(state);
        CheckTicketRanges(state);
        CheckWindowRanges(state);
        foreach (var c in state.Clerks ?? [])
        {
            var day = DayFigures.Of(c);
            Consistent(day.RatingsAddUp(), $"clerk {c.Id} has a RatingSumToday {c.RatingSumToday} for {c.RatingsToday} ratings; each is 1 to 5");
        }

        CheckRequestRanges(state);
        foreach (var c in state.CheckIns ?? [])
        {
            Consistent(c.Ticket >= 0 && c.Number >= 0, $"an appointment check-in (reference '{c.Reference}') has a negative Ticket {c.Ticket} or Number {c.Number}");
        }
    }

    private void CheckServiceRanges(HallState state)
    {
        var ids = new HashSet<int>();
        foreach (var s in state.Services)
        {
            Consistent(ids.Add(s.Id), $"item {s.Id} is listed twice");
            Consistent(s.AverageHandlingTicks is >= 1 && s.AverageHandlingTicks <= MaxAverageHandlingTicks,
                $"item {s.Id} has an AverageHandlingTicks {s.AverageHandlingTicks}, not between 1 tick and a day's ({MaxAverageHandlingTicks})");
            Consistent(s.IssuedToday >= 0, $"item {s.Id} has a negative IssuedToday {s.IssuedToday}");
            Consistent(s.WarningRaisedAt >= 0 && s.WarningRaisedAt <= state.Time,
                $"item {s.Id} has a WarningRaisedAt {s.WarningRaisedAt}, not between 0 and the state's Time {state.Time}");
        }
    }

    private void CheckTicketRanges(HallState state)
    {
        var now = state.Time;
        var serial = 0L;
        foreach (var t in state.Tickets)
        {
            serial = Math.Max(serial, t.Serial);
            Consistent(t.IssuedAt >= 0 && t.IssuedAt <= now, $"ticket {t.Id} has an IssuedAt {t.IssuedAt}, not between 0 and the state's Time {now}");
            Consistent(t.EnqueuedAt >= 0, $"ticket {t.Id} has a negative EnqueuedAt {t.EnqueuedAt}");
            Consistent(t.EnqueuedAt <= now, $"ticket {t.Id} has an EnqueuedAt {t.EnqueuedAt}, after the state's Time {now}");
            Consistent(t.ServingAt >= 0, $"ticket {t.Id} has a negative ServingAt {t.ServingAt}");
            Consistent(t.ServingAt <= now, $"ticket {t.Id} has a ServingAt {t.ServingAt}, after the state's Time {now}");
            Consistent(t.CalledAt >= 0 && t.CalledAt <= now, $"ticket {t.Id} has a CalledAt {t.CalledAt}, not between 0 and the state's Time {now}");
            Consistent(t.ParkDue >= 0, $"ticket {t.Id} has a negative ParkDue {t.ParkDue}");
            Consistent(t.Recalls is >= 0 and <= byte.MaxValue, $"ticket {t.Id} has Recalls {t.Recalls}, not between 0 and 255");
            Consistent(t.NoShows is >= 0 and <= byte.MaxValue, $"ticket {t.Id} has NoShows {t.NoShows}, not between 0 and 255");
            Consistent(t.Rank is >= -MaxSavedRank and <= MaxSavedRank, $"ticket {t.Id} has a Rank {t.Rank}, out of range (±{MaxSavedRank})");
            Consistent(t.Window >= 0 && t.QueueWindow >= 0 && t.RatableWindow >= SavedTicket.RemovedWindow,
                $"ticket {t.Id} has a negative Window {t.Window}, QueueWindow {t.QueueWindow} or RatableWindow {t.RatableWindow}");
        }

        Consistent(state.Serial >= serial, $"its Serial {state.Serial} is behind ticket serial {serial}: new tickets would take ids in use");
    }

    private void CheckWindowRanges(HallState state)
    {
        var now = state.Time;
        foreach (var w in state.Windows)
        {
            Consistent(w.UnansweredCalls >= 0, $"window {w.Id} has a negative UnansweredCalls {w.UnansweredCalls}");
            Consistent(w.PriorityRun >= 0, $"window {w.Id} has a negative PriorityRun {w.PriorityRun}");
            Consistent(w.NormalOwed >= 0, $"window {w.Id} has a negative NormalOwed {w.NormalOwed}");
            Consistent(w.PausedAfterUnansweredCalls >= 0, $"window {w.Id} has a negative PausedAfterUnansweredCalls {w.PausedAfterUnansweredCalls}");
            Consistent(w.Alerts is >= 0 and <= 3, $"window {w.Id} has Alerts {w.Alerts}; only bits 0 (service time) and 1 (idle time) are known");
            Consistent(w.IdleSince >= 0 && w.IdleSince <= now, $"window {w.Id} has an IdleSince {w.IdleSince}, not between 0 and the state's Time {now}");
            Consistent(w.HoldUntil >= 0, $"window {w.Id} has a negative HoldUntil {w.HoldUntil}");
            Consistent(w.HeldTicket >= 0, $"window {w.Id} has a negative HeldTicket {w.HeldTicket}");
            Consistent(w.AlertDue >= 0, $"window {w.Id} has a negative AlertDue {w.AlertDue}");
            Consistent(w.AutoDue >= 0, $"window {w.Id} has a negative AutoDue {w.AutoDue}");
            Consistent(DayFigures.Of(w).RatingsAddUp(), $"window {w.Id} has a RatingSumToday {w.RatingSumToday} for {w.RatingsToday} ratings; each is 1 to 5");
        }
    }

    private void CheckRequestRanges(HallState state)
    {
        var ids = new HashSet<Guid>();
        foreach (var r in state.Requests)
        {
            // A request remembered twice: forgetting the older copy later forgot the newer one, and its retry got a second ticket.
            Consistent(ids.Add(r.Id), $"request {r.Id} is remembered twice");
            Consistent(r.Sequence >= 0 && r.Sequence <= state.Sequence, $"request {r.Id} has a Sequence {r.Sequence}, not between 0 and the state's {state.Sequence}");
            Consistent(r.Position >= 0, $"request {r.Id} has a negative Position {r.Position}");
            Consistent(r.EstimatedWait >= 0, $"request {r.Id} has a negative EstimatedWait {r.EstimatedWait}");
            Consistent(r.Width is >= 0 and <= 9 && r.Number >= 0 && r.Prefix is not null, $"request {r.Id} has a number Width {r.Width}, not between 0 and 9, or a negative Number {r.Number}, or no Prefix");
            Consistent(Enum.IsDefined(r.State), $"request {r.Id} has an unknown ticket State {(int)r.State}");
            Consistent(r.IssuedAt >= 0 && r.IssuedAt <= state.Time, $"request {r.Id} has an IssuedAt {r.IssuedAt}, not between 0 and the state's Time {state.Time}");
            Consistent(r.Ticket >= 0 && r.Window >= 0, $"request {r.Id} has a negative Ticket {r.Ticket} or Window {r.Window}");
        }
    }
}
