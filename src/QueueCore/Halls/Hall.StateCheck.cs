using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace QueueCore;

/// <remarks>
/// This part: a saved state's own consistency, checked before a restore reads it. A state comes from a file or the
/// wire (MessagePack, JSON) and may be damaged; restoring one that contradicts itself would crash later commands or
/// serve a ticket twice, so it is refused whole, with the first contradiction named.
/// </remarks>
public sealed partial class Hall
{
    private void CheckConsistent(HallState state)
    {
        Consistent(state.Categories is not null && state.Services is not null && state.Windows is not null && state.Tickets is not null
            && state.Retired is not null && state.Parked is not null && state.Requests is not null && state.FreeSlots is not null
            && state.RemovedCategories is not null && state.CarriedNumbering is not null && state.CarriedIssued is not null && state.CarriedCheckIns is not null,
            $"a list (categories, services, windows, tickets, retired, parked, requests, free slots, removed categories, carried numbering, issued or check-ins) is missing");
        Consistent(Enum.IsDefined((HallDayState)state.Day), $"its day state {state.Day} is not a known value");
        Consistent(state.Sequence >= 0 && state.Serial >= 0, $"its sequence and serial cannot be negative");
        Consistent(!state.Categories.Contains(null) && !state.Services.Contains(null) && !state.Windows.Contains(null)
            && !state.Tickets.Contains(null) && !state.Requests.Contains(null), $"a list holds a null entry");
        foreach (var c in state.Categories.Concat(state.RemovedCategories).Concat(state.CarriedNumbering))
        {
            Consistent(c is { Id: not null, Prefix: not null, Sequence: >= 0 }, $"a category (or a removed or carried one) has no id or prefix, or a negative number");
        }

        Consistent(!DayFigures.OfRemovedWindows(state).HasNegative(out var figure, out var value), $"its RemovedWindows{figure} {value} is negative");
        Consistent(state.SlotsUsed is >= 0 and <= TicketTable.MaxSlots, $"its ticket table size {state.SlotsUsed} is out of range");

        var tickets = new Dictionary<long, SavedTicket>(state.Tickets.Length);
        var slots = new HashSet<int>();
        foreach (var t in state.Tickets)
        {
            Consistent(t.Id > 0 && tickets.TryAdd(t.Id, t), $"ticket {t.Id} is listed twice, or its id is not positive");
            Consistent(slots.Add(TicketTable.SlotOf(t.Id)) && (state.SlotsUsed == 0 || TicketTable.SlotOf(t.Id) < state.SlotsUsed),
                $"ticket {t.Id} does not fit the ticket table (its slot is taken or out of range)");
            Consistent(t.State != TicketState.None && Enum.IsDefined(t.State), $"ticket {t.Id} has an unknown state {(int)t.State}");
            Consistent(t.Items is { Length: >= 1 and <= ServiceItemList.Capacity } && t.ItemIndex >= 0 && (t.ItemIndex < t.Items.Length || (!IsLive(t.State) && t.ItemIndex == t.Items.Length)),
                $"ticket {t.Id} needs 1 to {ServiceItemList.Capacity} items and an item index among them (past the last only once finished)");
            Consistent(t.Number >= 1 && t.Width is >= 1 and <= 9 && t.Prefix is not null && t.Category is not null && t.Class is not null,
                $"ticket {t.Id} has no valid number, category or class");
            Consistent(t.State is not (TicketState.Called or TicketState.Serving) || t.Window != 0, $"ticket {t.Id} is {t.State.ToString().ToLowerInvariant()} at no window");
            Consistent(TextLength.Fits(t.Note, HallCommand.MaxReasonLength),
                $"ticket {t.Id} has a Note {TextLength.Overlong(t.Note!, HallCommand.MaxReasonLength)} (a command's Reason)");
            Consistent(t.Appointment is not { Length: > HallCommand.MaxAppointmentLength },
                $"ticket {t.Id} has an Appointment {t.Appointment!.Length} characters long; at most {HallCommand.MaxAppointmentLength} are accepted");
        }

        CheckLiveNumbers(state);
        CheckWindows(state, tickets);
        CheckClerkDays(state);
        foreach (var free in state.FreeSlots)
        {
            Consistent(free >= 0 && free < state.SlotsUsed && slots.Add(free), $"free slot {free} is out of range or holds a ticket");
        }

        CheckLists(state, tickets);
        CheckRanges(state);
        var references = new HashSet<string>(ReferenceComparer(state.AppointmentReferencesIgnoreCase));
        foreach (var c in state.CheckIns ?? [])
        {
            Consistent(c is { Reference.Length: > 0, Prefix: not null } && c.Width is >= 0 and <= 9 && references.Add(c.Reference),
                $"an appointment check-in is empty, has no valid number, or its reference is listed twice");
            Consistent(c.Reference.Length <= HallCommand.MaxAppointmentLength,
                $"an appointment check-in's reference is {c.Reference.Length} characters long; at most {HallCommand.MaxAppointmentLength} are accepted");
        }

        CheckCarriedDay(state);
    }

    /// <summary>What a removed hall with this id left (<see cref="HallState.CarriedIssued"/>, <see cref="HallState.CarriedCheckIns"/>).</summary>
    private void CheckCarriedDay(HallState state)
    {
        foreach (var s in state.CarriedIssued)
        {
            Consistent(s is { IssuedToday: >= 0 }, $"a carried item (of a removed hall with this id) is null or has a negative IssuedToday");
        }

        foreach (var c in state.CarriedCheckIns)
        {
            Consistent(c is { Reference.Length: > 0 and <= HallCommand.MaxAppointmentLength, Prefix: not null, Ticket: 0, Number: >= 0 } && c.Width is >= 0 and <= 9,
                $"a carried appointment check-in (of a removed hall with this id) is empty, longer than {HallCommand.MaxAppointmentLength} characters, names a ticket, or has no valid number");
        }
    }

    /// <summary>
    /// A live ticket's number is in a citizen's hand: its category's numbering must be past it and no other live ticket
    /// may carry it, or the restored hall prints it again (two A051s at one window). A live ticket whose category is not
    /// in the state is the definition's to refuse (Restore names it).
    /// </summary>
    private void CheckLiveNumbers(HallState state)
    {
        var numbered = new Dictionary<string, int>(StringComparer.Ordinal); // by category id: one look-up per ticket
        foreach (var c in state.Categories)
        {
            numbered.TryAdd(c.Id, c.Sequence);
        }

        var numbers = new HashSet<(string, int)>();
        foreach (var t in state.Tickets.Where(t => IsLive(t.State)))
        {
            Consistent(numbers.Add((t.Prefix, t.Number)), $"ticket {t.Id} is live with number {Printed(t)}, as another live ticket is");
            Consistent(!numbered.TryGetValue(t.Category, out var last) || t.Number <= last,
                $"ticket {Printed(t)} is live but category '{t.Category}' has numbered only to {last}");
        }
    }

    /// <summary>The longest handling time a saved window may expect (<see cref="SavedWindow.ExpectedHandlingTicks"/>):
    /// far beyond any service, and far inside a long when added to instants.</summary>
    private const long MaxSavedHandlingTicks = 366 * TimeSpan.TicksPerDay;

    private void CheckWindows(HallState state, Dictionary<long, SavedTicket> tickets)
    {
        var ids = new HashSet<int>();
        var clerks = new HashSet<int>();
        var atWindows = new HashSet<long>();
        foreach (var w in state.Windows)
        {
            Consistent(w.Id > 0 && ids.Add(w.Id), $"window {w.Id} is listed twice, or its id is not positive");
            Consistent(Enum.IsDefined(w.State), $"window {w.Id} has an unknown state {(int)w.State}");
            Consistent(w.Clerk == 0 || clerks.Add(w.Clerk), $"clerk {w.Clerk} is at two windows");
            Consistent(!DayFigures.Of(w).HasNegative(out var figure, out var value), $"window {w.Id} has a negative {figure} {value}");
            Consistent(w.LastTurn >= 0, $"window {w.Id} has a negative LastTurn {w.LastTurn}");
            Consistent(w.ExpectedHandlingTicks is >= 0 and <= MaxSavedHandlingTicks,
                $"window {w.Id} has an ExpectedHandlingTicks {w.ExpectedHandlingTicks}, not between 0 and a year's");
            Consistent(w.LastClerk >= 0 && (w.State == WindowState.Closed || w.LastClerk == 0 || w.LastClerk == w.Clerk),
                $"window {w.Id} has LastClerk {w.LastClerk}, but clerk {w.Clerk} is on it");
            Consistent(TextLength.Fits(w.PauseReason, HallCommand.MaxReasonLength),
                $"window {w.Id} has a PauseReason {TextLength.Overlong(w.PauseReason!, HallCommand.MaxReasonLength)}");
            var expected = w.State switch { WindowState.Calling => TicketState.Called, WindowState.Serving => TicketState.Serving, _ => TicketState.None };
            if (expected == TicketState.None)
            {
                Consistent(w.Ticket == 0, $"window {w.Id} is {WindowRecord.StateName(w.State)} but holds ticket {w.Ticket}");
                continue;
            }

            Consistent(tickets.TryGetValue(w.Ticket, out var t) && t.State == expected && t.Window == w.Id && atWindows.Add(w.Ticket),
                $"window {w.Id} is {WindowRecord.StateName(w.State)} but ticket {w.Ticket} is not {expected.ToString().ToLowerInvariant()} there");
        }

        foreach (var t in state.Tickets)
        {
            Consistent(t.Serial == t.Id >> TicketTable.SlotBits, $"ticket {t.Id} has serial {t.Serial}, which its id does not carry");
            Consistent(t.State is not (TicketState.Called or TicketState.Serving) || atWindows.Contains(t.Id),
                $"ticket {t.Id} is {t.State.ToString().ToLowerInvariant()} at window {t.Window}, which does not hold it");
        }
    }

    private void CheckLists(HallState state, Dictionary<long, SavedTicket> tickets)
    {
        var listed = new HashSet<long>();
        foreach (var s in state.Services)
        {
            foreach (var id in s.Watched ?? [])
            {
                Consistent(tickets.TryGetValue(id, out var t) && t.State == TicketState.Waiting && listed.Add(id),
                    $"ticket {id}, watched for item {s.Id}'s wait limit, is not a waiting ticket (or is watched twice)");
            }
        }

        foreach (var id in state.Parked)
        {
            Consistent(tickets.TryGetValue(id, out var t) && t.State == TicketState.Parked && listed.Add(id), $"ticket {id}, listed as parked, is not a parked ticket");
        }

        foreach (var id in state.Retired)
        {
            Consistent(tickets.TryGetValue(id, out var t) && !IsLive(t.State) && listed.Add(id), $"ticket {id}, listed as finished, is live or unknown");
        }
    }

    /// <summary>Refuses the state unless <paramref name="condition"/> holds; the message is formatted only then (a state
    /// holds thousands of tickets).</summary>
    private void Consistent([DoesNotReturnIf(false)] bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref RequirementMessage what)
    {
        if (!condition)
        {
            ThrowHelper.InvalidArgument($"The saved state of hall '{Id}' is damaged: {what.ToStringAndClear()}.", "state");
        }
    }
}
