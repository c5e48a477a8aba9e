using System.Globalization;

namespace QueueCore;

// The replay's view of the hall's days: the tickets of each, what of each the journal no longer holds, and the trace.
public static partial class DayTraceExport
{
    /// <summary>
    /// The hall's days as the replay sees them: the current one (the last opened, or the one <see cref="Select"/> chose)
    /// with its tickets and what of it the journal no longer holds, and the earlier ones the journal holds.
    /// </summary>
    private sealed class Day(string hallId, string timeZone)
    {
        private readonly TimeZoneInfo _zone = Zone(timeZone);
        private readonly Dictionary<long, Visit> _byTicket = [];
        private readonly List<HeldDay> _earlier = []; // the days before the current one, in the order they opened
        private List<Visit> _visits = [];
        private long _sequence = -1;   // the hall's last event as the trace saw it (-1: not seen yet)
        private DateTimeOffset _sequenceAt;
        private long _dayOpened;       // when the day the trace holds opened (UTC ticks)
        private DateOnly? _date;       // the date of the day the trace holds, once chosen (Select, or Write's last)
        private bool _startMissing;    // the journal no longer holds the current day's start
        private bool _generationStart; // the hall's next record is the first of a generation

        /// <summary>What the trace lacks of the day, one sentence each (none: the whole day).</summary>
        public List<string> Notes { get; private set; } = [];

        /// <summary>The dates of the days the journal holds, in order, each marked when it lacks its start.</summary>
        public List<string> Held =>
            [.. Days().Where(d => DateOf(d) is not null).Select(d => Date(DateOf(d)!.Value) + (d.StartMissing ? " (without its start)" : "")).Distinct()];

        /// <summary>
        /// Makes the day dated <paramref name="date"/> the current one (the later of two such); false when the journal
        /// holds none.
        /// </summary>
        public bool Select(DateOnly date)
        {
            var held = Held;
            var dated = Days().Where(d => DateOf(d) == date).ToList();
            if (dated.Count == 0)
            {
                return false;
            }

            var day = dated[^1];
            (_visits, Notes, _dayOpened, _startMissing, _date) = (day.Visits, [.. day.Notes], day.Opened, day.StartMissing, date);
            if (_startMissing)
            {
                Notes[0] += $" For hall '{hallId}' it holds the days of {string.Join(", ", held)}.";
            }

            if (dated.Count > 1)
            {
                var others = dated.SkipLast(1).Select(d => d.Opened == 0 ? "" : $" opened at {Clock(Local(new DateTimeOffset(d.Opened, TimeSpan.Zero)))}");
                Notes.Add($"The journal holds {dated.Count - 1} more {(dated.Count == 2 ? "day" : "days")} of hall '{hallId}' dated {Date(date)} " +
                    $"(the day closed and opened again:{string.Join(",", others)}): the trace is the last one opened, and their tickets are not in it.");
            }

            return true;
        }

        /// <summary>The days held, the current one last; a day open around the clock as one day per date (see <see cref="Dates"/>).</summary>
        private List<HeldDay> Days() =>
            [.. (_visits.Count > 0 || _dayOpened != 0 ? [.. _earlier, new HeldDay(_visits, Notes, _dayOpened, _startMissing)] : _earlier).SelectMany(Dates)];

        /// <summary>
        /// A day's date: its opening's (a night hall's day opened at 22:00 is that date's, its tickets after midnight
        /// too), or its first ticket's when the journal does not know when it opened (null: neither).
        /// </summary>
        private DateOnly? DateOf(HeldDay day) =>
            day.Date is { } date ? date
            : day.Opened != 0 ? LocalDate(new DateTimeOffset(day.Opened, TimeSpan.Zero))
            : day.Visits.Count > 0 ? LocalDate(day.Visits.Min(v => v.IssuedAt))
            : null;

        /// <summary>
        /// <paramref name="day"/>, or, when it issued a ticket 24 hours or more after it opened (a hall open around the
        /// clock, whose day never closes), one day per date on the hall's clock, midnight to midnight, the first from its
        /// opening: such a hall has no day of its own, and one trace of it reached 48 hours and left the rest out.
        /// </summary>
        private IEnumerable<HeldDay> Dates(HeldDay day)
        {
            if (day.Date is not null || day.Opened == 0 || !day.Visits.Any(v => v.IssuedAt.UtcTicks - day.Opened >= TimeSpan.TicksPerDay))
            {
                return [day];
            }

            var opened = new DateTimeOffset(day.Opened, TimeSpan.Zero);
            var note = $"Hall '{hallId}' was open around the clock (its day opened on {Date(LocalDate(opened))} at {Clock(Local(opened))} " +
                "and issued tickets 24 hours later): each date on its clock is a day of its own, from midnight to midnight, so the " +
                "tickets still in the hall at the date's midnight, issued the date before, are not in the trace.";
            return day.Visits.GroupBy(v => LocalDate(v.IssuedAt)).OrderBy(g => g.Key).Select((g, i) => i == 0
                ? new HeldDay([.. g], [.. day.Notes, note], day.Opened, day.StartMissing, g.Key)
                : new HeldDay([.. g], [note], 0, false, g.Key));
        }

        /// <summary>The current day is done (another opened): it goes to the earlier ones, and the current one is empty.</summary>
        private void Keep()
        {
            if (_visits.Count > 0 || _dayOpened != 0)
            {
                _earlier.Add(new HeldDay(_visits, Notes, _dayOpened, _startMissing));
            }

            _visits = [];
            Notes = [];
            _byTicket.Clear();
            _startMissing = false;
        }

        public void NextGeneration() => _generationStart = true;

        /// <summary>The hall as a hall record or a snapshot has it; <paramref name="pastDamage"/>: read past a damage in its log.</summary>
        public void Restored(Hall hall, bool pastDamage)
        {
            // A generation starts with the halls as the one before left them; within one, a hall record follows from what
            // came before it (a redefinition, a restore) unless the log was damaged in between or the hall began again.
            var continues = _generationStart ? hall.Sequence == _sequence : !pastDamage && hall.Sequence >= _sequence;
            _generationStart = false;
            if (_sequence < 0 || (!continues && (hall.Sequence < _sequence || hall.DayOpenedTicks != _dayOpened)))
            {
                // The first of the hall, or an earlier state or another day than the trace's (a generation that does not
                // lead to this one, the hall added again): the trace is this hall's day from here.
                Begin(hall);
            }
            else if (!continues)
            {
                Notes.Add($"The journal does not hold what hall '{hall.Id}' did from {Local(_sequenceAt):hh\\:mm\\:ss} to {Local(hall.Now):hh\\:mm\\:ss} " +
                    "(a generation no longer on disk, or damage): tickets issued then are not in the trace, and those served then lack that handling.");
            }

            _sequence = hall.Sequence;
            _sequenceAt = hall.Now;
        }

        /// <summary>The trace is the day of <paramref name="hall"/> as it stands; the tickets its day issued before are not in the journal.</summary>
        private void Begin(Hall hall)
        {
            // The days that opened before this one stay; the current one goes to them when it did, and is dropped when it
            // is this day's earlier state (or no earlier day at all).
            var opened = hall.DayOpenedTicks;
            _earlier.RemoveAll(d => d.Opened >= opened);
            if (_dayOpened < opened)
            {
                if (_dayOpened != 0)
                {
                    // Asked for by its date, the day before comes out as far as the journal holds it, and says so.
                    Notes.Add($"The journal no longer holds the end of the day of hall '{hall.Id}' (a generation no longer on disk, or damage): the " +
                        $"trace ends at {Local(_sequenceAt):hh\\:mm\\:ss}, where the journal's record of it stops; tickets issued after then are not in it, and " +
                        "those served after then lack that handling.");
                }

                Keep();
            }
            else
            {
                (_visits, Notes, _startMissing) = ([], [], false);
                _byTicket.Clear();
            }

            _dayOpened = opened;
            var issued = hall.SaveState().Categories.Where(c => c.Sequence > 0).ToList();
            if (issued.Count == 0)
            {
                return; // nothing issued yet that day (or no day yet): nothing of it is missing
            }

            var widths = hall.Definition.Categories.ToDictionary(c => c.Id, c => c.NumberWidth);
            var last = string.Join(", ", issued.Select(c => TicketNumber.Of(c.Prefix, c.Sequence, widths.GetValueOrDefault(c.Id, 3))));
            var openedAt = _dayOpened == 0 ? "" : $" (opened at {Local(new DateTimeOffset(_dayOpened, TimeSpan.Zero)):hh\\:mm\\:ss})";
            _startMissing = true;
            Notes.Add($"The journal no longer holds the start of the day of hall '{hall.Id}'{openedAt}: the trace starts at " +
                $"{Local(hall.Now):hh\\:mm\\:ss}, where the journal's record of the hall begins, and the tickets issued before then " +
                $"(numbers up to {last}) are not in it.");
        }

        /// <summary>
        /// Recovery moved the kept hall's numbering and event sequence past the damage; the next generation begins with
        /// the hall as recovery left it, so it goes on from there.
        /// </summary>
        public void NumberedPastDamage(Hall hall) => _sequence = hall.Sequence;

        /// <summary>The hall was kept as it stood at a damage: its <paramref name="skipped"/> commands after it are not replayed.</summary>
        public void Cut(int skipped, JournalDamage at) =>
            Notes.Add($"The journal is damaged at {at}: {skipped} later commands of the hall are not replayed, so the trace lacks what they did.");

        public void Record(Hall hall, in HallCommand command, DateTimeOffset at, in CommandResult result, ReadOnlySpan<HallEvent> events)
        {
            _sequence = hall.Sequence;
            _sequenceAt = hall.Now;
            if (command.Kind == CommandKind.OpenDay && result.IsSuccess)
            {
                Keep(); // a new day, whose start the journal holds: the one before goes to the earlier days
                _dayOpened = hall.DayOpenedTicks;
            }

            if (command.Kind == CommandKind.IssueTicket && result.IsSuccess && !_byTicket.ContainsKey(result.Ticket))
            {
                var visit = new Visit(result.Number.ToString(), Local(at), command.Age, command.Flags,
                    command.Appointment is null ? null : Local(command.AppointmentSlot), [.. command.Services.AsSpan()])
                {
                    AppointmentAt = command.Appointment is null ? null : command.AppointmentSlot,
                    Class = command.PriorityClass, // staff gave it: the replay's hall rules would derive another from the attributes
                    IssuedAt = at,
                    OnTime = command.Appointment is null ? null : hall.AppointmentOnTime(command.AppointmentSlot), // the hall's now is the issue's
                };
                _visits.Add(visit);
                _byTicket[result.Ticket] = visit;
            }

            foreach (ref readonly var e in events)
            {
                if (!_byTicket.TryGetValue(e.Ticket, out var visit))
                {
                    continue;
                }

                switch (e.Kind)
                {
                    case HallEventKind.TicketCalled:
                        visit.Current = e.Service;
                        visit.Called = e.Time;
                        visit.AtWindow = true;
                        break;
                    case HallEventKind.TicketRecalled:
                        visit.Current = e.Service;
                        visit.AtWindow = true;
                        break;
                    case HallEventKind.ServingStarted:
                        visit.Current = e.Service;
                        visit.Started = e.Time;
                        visit.AtWindow = true;
                        visit.MissedCall = false;
                        break;
                    case HallEventKind.NoShow:
                        // The window spent the call and its recalls on a holder who was not there: the replay spends
                        // them too, so the tickets behind wait as long as that day (a no-show later served lost them).
                        if (visit.Called is { } calledAt && visit.Current is { } missed)
                        {
                            visit.Missed(missed).Add((e.Time - calledAt).TotalSeconds);
                        }

                        visit.AtWindow = false;
                        visit.MissedCall = true; // re-queued (value 1) or dropped (0): the holder was not there when called
                        visit.End = e.Value == 0 ? Outcome.NoShow : visit.End;
                        break;
                    case HallEventKind.Cancelled when e.Value == (int)CancelCause.Requested && !visit.AtWindow:
                        // Cancelled while it waited (or was parked): the citizen left, and no window spent time on it then.
                        visit.LeftAt = e.Time;
                        visit.End = Outcome.Left;
                        break;
                    case HallEventKind.Cancelled when e.Value == (int)CancelCause.Requested:
                        visit.End = Outcome.Cancelled; // at the window, after its call
                        break;
                    case HallEventKind.Cancelled:
                        // The day closed while it waited (or before its next item): real demand the day's windows did not
                        // reach, unless its holder had already missed a call for the item (then absent, as that day showed).
                        visit.End = visit.MissedCall ? Outcome.NoShow : Outcome.WaitingAtClose;
                        break;
                    case HallEventKind.ServiceFinished when (visit.Started ?? visit.Called) is { } started:
                        // Finished straight from its call (a terminal's one "Next" key, no start): the hall counts it
                        // served from the call, and so does the trace; it used to list the item as never served.
                        visit.Handled.Add((e.Service, (e.Time - started + visit.Carried).TotalSeconds, e.Window, visit.TakeMissed(e.Service)));
                        visit.Started = null;
                        visit.Called = null;
                        visit.Carried = TimeSpan.Zero;
                        visit.AtWindow = false;
                        visit.MissedCall = false;
                        break;
                    case HallEventKind.Transferred or HallEventKind.Parked:
                        // Handed on before it finished: the time the window already spent on the item counts toward the
                        // item when it is handled (it was lost before, and a transfer to another item left the first item
                        // in the trace as never served, replayed as an absent citizen after the item that followed).
                        if (visit.Started is { } begun)
                        {
                            visit.Carried += e.Time - begun;
                            visit.Started = null;
                        }

                        if (e.Kind == HallEventKind.Transferred && visit.Current is { } from && from != e.Service)
                        {
                            visit.Replace(from, e.Service); // to another item: the event names the item it goes to
                            if (visit.TakeMissed(from) is { } missedBefore)
                            {
                                visit.Missed(e.Service).AddRange(missedBefore); // its row is the item it ended up with
                            }
                        }

                        visit.Current = e.Service;
                        visit.AtWindow = false;
                        break;
                }
            }
        }

        public int Write(TextWriter output)
        {
            // Arrivals count from the midnight of the day's date (its opening's), on past the next one as GTFS timetables count (a night hall's 01:30 is 25:30:00), so a replay takes
            // the night's last citizens after its first, not for the morning's first (warm-up). A day still open past the
            // second midnight is no day the simulator replays: the tickets from then on are left out, and the result says so.
            if (_date is null && Days() is [.., { Date: { } last } day])
            {
                // Not asked by date, of a hall open around the clock: its last date.
                (_visits, Notes, _dayOpened, _startMissing, _date) = (day.Visits, [.. day.Notes], day.Opened, day.StartMissing, last);
            }

            List<Visit> visits = [];
            if (_visits.Count > 0)
            {
                var date = _date ?? DateOf(new HeldDay(_visits, Notes, _dayOpened, _startMissing))!.Value;
                TimeSpan Counted(DateTimeOffset at, TimeSpan local) => TimeSpan.FromDays(LocalDate(at).DayNumber - date.DayNumber) + local;
                var later = _visits.Where(v => LocalDate(v.IssuedAt).DayNumber - date.DayNumber >= 2).OrderBy(v => v.IssuedAt).ToList();
                foreach (var visit in _visits.Where(v => LocalDate(v.IssuedAt).DayNumber - date.DayNumber < 2))
                {
                    // A slot on the day's date or the next counts on as the arrival does; one on another day is its time of
                    // day (the appointment_on_time column says how the hall found it).
                    var slot = visit.AppointmentAt is { } at && LocalDate(at).DayNumber - date.DayNumber is 0 or 1 ? Counted(at, visit.Appointment!.Value) : visit.Appointment;
                    visits.Add(visit with { Arrival = Counted(visit.IssuedAt, visit.Arrival), Appointment = slot, Left = visit.LeftAt is { } left ? Counted(left, Local(left)) : null });
                }

                if (later.Count > 0)
                {
                    var first = later[0];
                    Notes.Add($"The day whose first ticket was issued on {Date(date)} ran past the second midnight after it: {later.Count} {(later.Count == 1 ? "ticket" : "tickets")} " +
                        $"issued after the second midnight (the first, {first.Ticket} at {first.Arrival:hh\\:mm\\:ss} on {Date(LocalDate(first.IssuedAt))}) {(later.Count == 1 ? "is" : "are")} not in the trace, " +
                        "whose arrivals count from the day's date up to 47:59:59.");
                }
            }

            NoteClockChange(visits);
            output.WriteLine(Header);
            foreach (var visit in visits.OrderBy(v => v.Arrival).ThenBy(v => v.IssuedAt))
            {
                var unserved = visit.Items.ToList();
                foreach (var (service, seconds, window, missed) in visit.Handled)
                {
                    unserved.Remove(service);
                    Row(output, visit, service, seconds.ToString("0.###", CultureInfo.InvariantCulture), window.ToString(CultureInfo.InvariantCulture), Outcome.Served, missed);
                }

                foreach (var service in unserved)
                {
                    // Never handled that day, for the reason the ticket ended with; a ticket the journal holds no end of was
                    // still in the hall when the trace ends (a day exported before its close): real demand, as at a close.
                    Row(output, visit, service, "", "", visit.End ?? (visit.MissedCall ? Outcome.NoShow : Outcome.WaitingAtClose), visit.TakeMissed(service));
                }
            }

            return visits.Count;
        }

        /// <summary>
        /// Notes a change of the hall's clocks (summer time) between the trace's tickets: its arrivals are times on the
        /// hall's clock, so a replay takes the tickets after it as that much later (forward) or earlier (back) against
        /// those before it than they came, and those of an hour the clocks showed twice in the order of their times.
        /// </summary>
        private void NoteClockChange(List<Visit> visits)
        {
            Visit? before = null;
            foreach (var visit in visits.OrderBy(v => v.IssuedAt))
            {
                var moved = before is null ? TimeSpan.Zero : _zone.GetUtcOffset(visit.IssuedAt) - _zone.GetUtcOffset(before.IssuedAt);
                if (moved != TimeSpan.Zero)
                {
                    var by = moved.Duration() == TimeSpan.FromHours(1) ? "an hour" : $"{(int)moved.Duration().TotalMinutes} minutes";
                    Notes.Add($"The hall's clocks went {(moved > TimeSpan.Zero ? "forward" : "back")} {by} between {before!.Ticket} ({Clock(before.Arrival)}) " +
                        $"and {visit.Ticket} ({Clock(visit.Arrival)}): arrivals are times on the hall's clock, so the trace puts the tickets from " +
                        $"{visit.Ticket} on {by} {(moved > TimeSpan.Zero ? "later" : "earlier")}, against those before them, than they came" +
                        $"{(moved < TimeSpan.Zero ? ", and those of the hour the clocks showed twice in the order of their times" : "")}.");
                    return;
                }

                before = visit;
            }
        }

        private static void Row(TextWriter output, Visit visit, int service, string seconds, string window, string outcome, List<double>? missed)
        {
            var flags = visit.Flags;
            output.WriteLine(string.Join(',',
                Field(visit.Ticket), // letters and digits (the hall refuses other prefixes), but every text field is written the same way
                Clock(visit.Arrival),
                service.ToString(CultureInfo.InvariantCulture),
                visit.Age.ToString(CultureInfo.InvariantCulture),
                Bit(flags, TicketFlags.Disabled), Bit(flags, TicketFlags.KeyEnterprise), Bit(flags, TicketFlags.GreenChannel),
                visit.Appointment is { } slot ? Clock(slot) : "",
                seconds,
                window,
                Bit(flags, TicketFlags.Pregnant), // the default rules make her elderly: without it the replay called her as normal
                Field(visit.Class ?? ""),
                visit.OnTime is { } onTime ? (onTime ? "1" : "0") : "",
                visit.Left is { } left ? Clock(left) : "",
                outcome,
                missed is null ? "" : string.Join(';', missed.Select(m => m.ToString("0.###", CultureInfo.InvariantCulture)))));
        }

        /// <summary>A text field as RFC 4180 writes it (the simulator reads it so): quoted, its quotes doubled, when it
        /// holds a comma, a quote or a line break.</summary>
        private static string Field(string text) =>
            text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

        private static string Bit(TicketFlags flags, TicketFlags flag) => (flags & flag) != 0 ? "1" : "0";

        private TimeSpan Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).TimeOfDay;

        private DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _zone).DateTime);

        private static TimeZoneInfo Zone(string id)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (TimeZoneNotFoundException)
            {
                return TimeZoneInfo.Utc; // the hall validated it when it was built; a machine without the zone data falls back
            }
        }
    }

    /// <summary>The <c>outcome</c> column's values: how a ticket item ended that day.</summary>
    private static class Outcome
    {
        public const string Served = "served";
        public const string NoShow = "no_show";
        public const string Left = "left";
        public const string Cancelled = "cancelled";
        public const string WaitingAtClose = "waiting_at_close";
    }

    /// <summary>A day of the hall the journal holds: its tickets, what of it is missing, when it opened (UTC ticks; 0:
    /// not known, or a later date of a hall open around the clock), and its date when it is one of those dates.</summary>
    private sealed record HeldDay(List<Visit> Visits, List<string> Notes, long Opened, bool StartMissing, DateOnly? Date = null);

    private sealed record Visit(string Ticket, TimeSpan Arrival, byte Age, TicketFlags Flags, TimeSpan? Appointment, int[] Items)
    {
        /// <summary>The appointment slot's instant (null: no appointment); <see cref="Appointment"/> is its hall-local time.</summary>
        public DateTimeOffset? AppointmentAt { get; init; }

        public DateTimeOffset? Started { get; set; }

        /// <summary>The priority class staff gave the ticket at issue, or null when the hall's rules derived it.</summary>
        public string? Class { get; init; }

        /// <summary>When it was issued (the instant; <see cref="Arrival"/> is its hall-local time of day).</summary>
        public DateTimeOffset IssuedAt { get; init; }

        /// <summary>Whether the hall found its appointment check-in on time (null: no appointment).</summary>
        public bool? OnTime { get; init; }

        /// <summary>When its latest call came (a recall does not count again), from which a finish without a start counts.</summary>
        public DateTimeOffset? Called { get; set; }

        /// <summary>The item the ticket is at, as its last call or start named it.</summary>
        public int? Current { get; set; }

        /// <summary>Time spent on the current item at windows that handed it on before finishing it.</summary>
        public TimeSpan Carried { get; set; }

        /// <summary>The ticket's item <paramref name="from"/> became <paramref name="to"/> (a transfer to another item).</summary>
        public void Replace(int from, int to)
        {
            var i = Array.IndexOf(Items, from);
            if (i >= 0)
            {
                Items[i] = to;
            }
        }

        public List<(int Service, double Seconds, int Window, List<double>? Missed)> Handled { get; } = [];

        /// <summary>Per item, the seconds each missed call of it took (call to no-show), not yet written to a row.</summary>
        private Dictionary<int, List<double>>? _missed;

        /// <summary>The missed calls of <paramref name="service"/> so far, to add one to.</summary>
        public List<double> Missed(int service)
        {
            _missed ??= [];
            if (!_missed.TryGetValue(service, out var list))
            {
                _missed[service] = list = [];
            }

            return list;
        }

        /// <summary>The missed calls of <paramref name="service"/> (null: none), for its row; the item's next visit
        /// (a return to it) starts with none.</summary>
        public List<double>? TakeMissed(int service) => _missed is not null && _missed.Remove(service, out var list) ? list : null;

        /// <summary>Whether a window has it now (called, recalled or served): a cancel then is no citizen leaving.</summary>
        public bool AtWindow { get; set; }

        /// <summary>How the ticket ended, for its items not served (an <see cref="Outcome"/> value), or null: it has not.</summary>
        public string? End { get; set; }

        /// <summary>Its holder did not come to the last call of its current item (a no-show, re-queued or dropped).</summary>
        public bool MissedCall { get; set; }

        /// <summary>When it was cancelled while it waited or was parked (the citizen left), or null.</summary>
        public DateTimeOffset? LeftAt { get; set; }

        /// <summary><see cref="LeftAt"/> as the trace writes it, counted from the day's date as <see cref="Arrival"/> is.</summary>
        public TimeSpan? Left { get; init; }
    }
}
