using System.Runtime.CompilerServices;

namespace QueueCore;

/// <remarks>
/// This part: appointment check-ins. An appointment is one visit: its reference gives one ticket per hall day, so a
/// second check-in with the same reference (a citizen who presses again, a booking shared by two people) is refused
/// with <see cref="QueueError.AlreadyCheckedIn"/> rather than issuing a second ticket that may also take the
/// appointment class. A retry of the same request (same request id) is answered before this, with the first ticket.
/// The references are kept for the whole day, not only while the ticket is live: a citizen served in the morning
/// does not check in the same appointment for a second visit in the afternoon. They are saved with the hall's state
/// and forgotten when the next day opens. Only issues that carry a reference come here. A reference is matched ignoring
/// letter case and the white space around it (" ab12" typed at the kiosk is the booking "AB12"); the ticket keeps it as
/// its first check-in gave it. A hall restored from a state saved before references were matched so matches them
/// exactly, as that hall did (see <see cref="HallState.AppointmentReferencesIgnoreCase"/>).
/// </remarks>
public sealed partial class Hall
{
    private Dictionary<string, AppointmentCheckIn>? _checkIns; // made at the first check-in of the hall's life, cleared each day
    private bool _referencesIgnoreCase = true; // false only in a hall restored from a state saved before (see HallState)

    /// <summary>The day's check-ins, made on first use with the hall's way of matching references.</summary>
    private Dictionary<string, AppointmentCheckIn> CheckIns => _checkIns ??= new(ReferenceComparer(_referencesIgnoreCase));

    private static IEqualityComparer<string> ReferenceComparer(bool ignoreCase) =>
        ignoreCase ? AppointmentReferenceComparer.Instance : StringComparer.Ordinal;

    /// <summary>
    /// From now on references are matched ignoring case and surrounding white space. For a hall the engine recovered
    /// from a journal written while they were matched exactly: its replay matched them as written, and the generation
    /// the engine starts records the hall with this rule. Two of today's references that are the same under it (checked
    /// in as two appointments before) are kept as the first one.
    /// </summary>
    internal void MatchReferencesIgnoringCase()
    {
        if (_referencesIgnoreCase)
        {
            return;
        }

        var exact = _checkIns;
        _referencesIgnoreCase = true;
        _checkIns = null;
        foreach (var c in exact?.OrderBy(c => c.Value.Ticket) ?? Enumerable.Empty<KeyValuePair<string, AppointmentCheckIn>>())
        {
            CheckIns.TryAdd(c.Key, c.Value);
        }
    }

    /// <summary>Whether an issue's appointment reference is refused (empty, without its slot, or checked in already
    /// today); the refusal is set.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AppointmentRefused(string reference, DateTimeOffset slot)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            // An empty or blank reference is no appointment: counted as one, it gave an on-time "check-in" the
            // appointment class.
            RefuseInvalid("An appointment reference must not be empty or blank: give the booking's reference, or none for a ticket without an appointment.");
            return true;
        }

        if (slot.UtcTicks == 0)
        {
            // A check-in that forgot its slot was taken as a very late one: a Normal ticket, and the reference used up
            // for the day, so the citizen's real check-in was then refused as already checked in.
            RefuseInvalid($"Appointment '{reference}' needs its slot (AppointmentSlot, the booked start); it was not given.");
            return true;
        }

        if (_checkIns is not null && _checkIns.TryGetValue(reference, out var first))
        {
            RefuseCheckedIn(reference, first);
            return true;
        }

        return false;
    }

    /// <summary>Records the appointment a ticket just issued checked in.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckIn(int slot, string reference)
    {
        ref readonly var t = ref T(slot);
        _tickets.SetAppointment(slot, reference);
        CheckIns.Add(reference, new AppointmentCheckIn(t.Id, NumberOf(t)));
    }

    /// <summary>A new day: every appointment may check in again (a reference is one visit per day).</summary>
    private void ForgetCheckIns() => _checkIns?.Clear();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RefuseCheckedIn(string reference, AppointmentCheckIn first)
    {
        // Ticket 0: carried from a hall with this id removed earlier today (Hall.CarriedDay.cs). Its ticket went with it,
        // so only its number can be named; no ticket of this hall is (its ids start over). No number: a check-in restored
        // from a state saved before check-ins kept numbers.
        var number = first.Number.IsEmpty ? "" : $" as ticket {first.Number}";
        var unknown = first.Number.IsEmpty ? " (its ticket's number was not kept)" : "";
        var slot = _tickets.Find(first.Ticket);
        var now = first.Ticket == 0 ? ", before this hall was removed from the engine and added again" : slot < 0 ? "" : $", which is {StandingOf(T(slot))}";
        Refuse(QueueError.AlreadyCheckedIn,
            $"Appointment '{reference.Trim()}' was already checked in today{number}{now}{unknown}; an appointment is one visit.");
    }

    /// <summary>The day's check-ins for a saved state, in check-in order (ticket ids grow with each issue).</summary>
    private SavedCheckIn[] SaveCheckIns() => _checkIns is null
        ? []
        : [.. _checkIns.OrderBy(c => c.Value.Ticket).Select(c => new SavedCheckIn
        {
            Reference = c.Key, Ticket = c.Value.Ticket, Prefix = c.Value.Number.Prefix, Number = c.Value.Number.Sequence, Width = c.Value.Number.Width,
        })];

    /// <summary>
    /// Restore: the day's check-ins as saved; from a state saved before they were kept (null), the references of the
    /// live tickets (all of today's day: a day opens only when none of the previous one is live).
    /// </summary>
    private void RestoreCheckIns(HallState state)
    {
        _referencesIgnoreCase = state.AppointmentReferencesIgnoreCase;
        if (state.CheckIns is { } saved)
        {
            foreach (var c in saved)
            {
                CheckIns.Add(
                    c.Reference, new AppointmentCheckIn(c.Ticket, c.Number == 0 && c.Prefix.Length == 0 ? default : TicketNumber.Of(c.Prefix, c.Number, c.Width)));
            }

            return;
        }

        foreach (var t in state.Tickets.Where(t => IsLive(t.State) && t.Appointment is { Length: > 0 }).OrderBy(t => t.Serial))
        {
            CheckIns.TryAdd(t.Appointment!, new AppointmentCheckIn(t.Id, TicketNumber.Of(t.Prefix, t.Number, t.Width)));
        }
    }

    /// <summary>The ticket an appointment reference gave today.</summary>
    private readonly record struct AppointmentCheckIn(long Ticket, TicketNumber Number);
}
