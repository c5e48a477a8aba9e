using System.Globalization;

namespace QueueCore;

/// <summary>
/// Exports a hall's day from the journal as a day trace: one CSV row per ticket item with the ticket's arrival, its
/// class attributes and how long a window handled the item, in the format the capacity simulator replays with
/// other staffing ("what if window 7 had opened at 10:00 today?"). The format is documented in
/// bench/scenarios/README.md ("Day trace CSV").
/// </summary>
/// <remarks>
/// The trace is rebuilt by replaying the journal: the tickets issued by the commands it holds for the hall, from the
/// last day opening it holds, across every generation still on disk (the current one, those set aside as damaged, and
/// those in the journal's archive) in order, each command once. Each start begins a new generation with the halls as
/// they stood, and a segment roll-over begins a segment with their snapshots; the older generations and segments go to
/// the archive, which keeps them for <see cref="JournalOptions.ArchiveRetention"/> (default 2 days), so a day that
/// spans roll-overs and restarts comes out whole. With a shorter retention (zero: deleted at once) the journal may no
/// longer hold the start of the day: the trace then starts at the first command it holds, and the result says so (<see
/// cref="DayTraceExportResult.Notes"/>) rather than passing a part of the day off as all of it.
/// </remarks>
public static class DayTraceExport
{
    /// <summary>
    /// The columns written, in order. <c>pregnant</c>, <c>class</c> and then <c>appointment_on_time</c> come last (they
    /// came after the others): a trace without them still reads, and readers that go by position find the older columns
    /// where they were. <c>class</c> is the priority class staff gave the ticket, empty when the hall's rules derived it.
    /// <c>appointment</c> is the start of the slot checked in with the ticket as a hall-local time of day to the second
    /// (HH:mm:ss), and <c>appointment_on_time</c> whether the hall found that check-in on time (1) or early or late (0),
    /// by its own early window and grace period, to the tick of the check-in and whatever day the slot was on, which
    /// the slot's time of day alone does not tell; both are empty for a ticket without an appointment.
    /// </summary>
    public const string Header = "ticket,arrival,service,age,disabled,key_enterprise,green_channel,appointment,handling_seconds,window,pregnant,class,appointment_on_time";

    /// <summary>
    /// Writes the day of hall <paramref name="hallId"/> held by the journal in <paramref name="dataDirectory"/> (an
    /// engine's <see cref="JournalOptions.Directory"/>; read while no engine writes it, or from a copy) to
    /// <paramref name="output"/>; returns the number of tickets written and whether that is the whole day.
    /// </summary>
    /// <exception cref="ArgumentException">The directory holds no journal (or does not exist), or the journal holds no hall with that id.</exception>
    /// <exception cref="IOException">An engine is using the journal now (it holds the directory's lock file).</exception>
    public static DayTraceExportResult Write(string dataDirectory, string hallId, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(hallId);
        ArgumentNullException.ThrowIfNull(output);
        var generations = JournalStore.GenerationsOnDisk(dataDirectory);
        if (generations.Count == 0)
        {
            throw new ArgumentException($"'{dataDirectory}' holds no journal.", nameof(dataDirectory));
        }

        if (JournalStore.IsLocked(dataDirectory))
        {
            // A running engine rolls segments over and moves them to the archive under the reader: part of the day
            // could go missing from the trace without a word.
            throw new IOException(
                $"The journal in '{dataDirectory}' is in use by an engine (it holds '{JournalStore.LockFile}' locked), which moves " +
                "its files while they are read: stop the server first, or export from a copy of the directory.");
        }

        Day? day = null;
        foreach (var parts in generations)
        {
            day?.NextGeneration();
            var shards = parts.SelectMany(p => Directory.EnumerateDirectories(p, "shard-*")).Select(Path.GetFileName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var shard in shards)
            {
                var key = -1;
                ShardReplay? replay = null;
                replay = new ShardReplay([.. parts.Select(p => Path.Combine(p, shard!))])
                {
                    Restored = (k, hall) =>
                    {
                        if (hall.Id == hallId)
                        {
                            key = k;
                            day ??= new Day(hall.Definition.TimeZone);
                            day.Restored(hall, replay!.PastDamage);
                        }
                        else if (k == key)
                        {
                            key = -1;
                        }
                    },
                    Applied = (k, hall, command, at, result) =>
                    {
                        if (k == key)
                        {
                            day!.Record(hall, command, at, result, hall.LastEvents);
                        }
                    },
                };
                replay.Run();
                foreach (var (id, skipped, at) in replay.CutHalls)
                {
                    if (id == hallId)
                    {
                        day!.Cut(skipped, at);
                    }
                }

                if (replay.NumberingMoved.Any(m => m.Id == hallId) && replay.Halls.FirstOrDefault(h => h.Id == hallId) is { } kept)
                {
                    day!.NumberedPastDamage(kept);
                }
            }
        }

        if (day is null)
        {
            throw new ArgumentException($"The journal in '{dataDirectory}' holds no hall '{hallId}'.", nameof(hallId));
        }

        return new DayTraceExportResult { Tickets = day.Write(output), Notes = [.. day.Notes] };
    }

    /// <summary>One day's tickets as the replay sees them, and what of the day the journal no longer holds.</summary>
    private sealed class Day(string timeZone)
    {
        private readonly TimeZoneInfo _zone = Zone(timeZone);
        private readonly List<Visit> _visits = [];
        private readonly Dictionary<long, Visit> _byTicket = [];
        private long _sequence = -1;   // the hall's last event as the trace saw it (-1: not seen yet)
        private DateTimeOffset _sequenceAt;
        private long _dayOpened;       // when the day the trace holds opened (UTC ticks)
        private bool _generationStart; // the hall's next record is the first of a generation

        /// <summary>What the trace lacks of the day, one sentence each (none: the whole day).</summary>
        public List<string> Notes { get; } = [];

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
            _visits.Clear();
            _byTicket.Clear();
            Notes.Clear();
            _dayOpened = hall.DayOpenedTicks;
            var issued = hall.SaveState().Categories.Where(c => c.Sequence > 0).ToList();
            if (issued.Count == 0)
            {
                return; // nothing issued yet that day (or no day yet): nothing of it is missing
            }

            var widths = hall.Definition.Categories.ToDictionary(c => c.Id, c => c.NumberWidth);
            var last = string.Join(", ", issued.Select(c => TicketNumber.Of(c.Prefix, c.Sequence, widths.GetValueOrDefault(c.Id, 3))));
            var opened = _dayOpened == 0 ? "" : $" (opened at {Local(new DateTimeOffset(_dayOpened, TimeSpan.Zero)):hh\\:mm\\:ss})";
            Notes.Add($"The journal no longer holds the start of the day of hall '{hall.Id}'{opened}: the trace starts at " +
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
                _visits.Clear(); // a new day: the trace is the last one, and the journal holds its start
                _byTicket.Clear();
                Notes.Clear();
                _dayOpened = hall.DayOpenedTicks;
            }

            if (command.Kind == CommandKind.IssueTicket && result.IsSuccess && !_byTicket.ContainsKey(result.Ticket))
            {
                var visit = new Visit(result.Number.ToString(), Local(at), command.Age, command.Flags,
                    command.Appointment is null ? null : Local(command.AppointmentSlot), [.. command.Services.AsSpan()])
                {
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
                        break;
                    case HallEventKind.TicketRecalled:
                        visit.Current = e.Service;
                        break;
                    case HallEventKind.ServingStarted:
                        visit.Current = e.Service;
                        visit.Started = e.Time;
                        break;
                    case HallEventKind.ServiceFinished when (visit.Started ?? visit.Called) is { } started:
                        // Finished straight from its call (a terminal's one "Next" key, no start): the hall counts it
                        // served from the call, and so does the trace; it used to list the item as never served.
                        visit.Handled.Add((e.Service, (e.Time - started + visit.Carried).TotalSeconds, e.Window));
                        visit.Started = null;
                        visit.Called = null;
                        visit.Carried = TimeSpan.Zero;
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
                        }

                        visit.Current = e.Service;
                        break;
                }
            }
        }

        public int Write(TextWriter output)
        {
            // A trace is one day of hall-local times of day. A day that ran past midnight issued tickets whose time of day
            // would sort them before its first ones (a replay took the night's last citizens for the morning's first, as
            // warm-up): they are left out, and the result says so. The date is its first ticket's, not its opening's: a
            // hall may open tomorrow's day this evening.
            var visits = _visits;
            if (_visits.Count > 0)
            {
                var date = LocalDate(_visits.Min(v => v.IssuedAt));
                var later = _visits.Where(v => LocalDate(v.IssuedAt) > date).OrderBy(v => v.IssuedAt).ToList();
                if (later.Count > 0)
                {
                    visits = [.. _visits.Where(v => LocalDate(v.IssuedAt) <= date)];
                    var first = later[0];
                    Notes.Add($"The day whose first ticket was issued on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ran past midnight: {later.Count} {(later.Count == 1 ? "ticket" : "tickets")} " +
                        $"issued after midnight (the first, {first.Ticket} at {first.Arrival:hh\\:mm\\:ss}) {(later.Count == 1 ? "is" : "are")} not in the trace, " +
                        "whose arrivals are times of one day.");
                }
            }

            NoteClockChange(visits);
            output.WriteLine(Header);
            foreach (var visit in visits.OrderBy(v => v.Arrival).ThenBy(v => v.IssuedAt))
            {
                var unserved = visit.Items.ToList();
                foreach (var (service, seconds, window) in visit.Handled)
                {
                    unserved.Remove(service);
                    Row(output, visit, service, seconds.ToString("0.###", CultureInfo.InvariantCulture), window.ToString(CultureInfo.InvariantCulture));
                }

                foreach (var service in unserved)
                {
                    Row(output, visit, service, "", ""); // never handled that day: the simulator replays an absent citizen
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
                    Notes.Add($"The hall's clocks went {(moved > TimeSpan.Zero ? "forward" : "back")} {by} between {before!.Ticket} ({before.Arrival:hh\\:mm\\:ss}) " +
                        $"and {visit.Ticket} ({visit.Arrival:hh\\:mm\\:ss}): arrivals are times on the hall's clock, so the trace puts the tickets from " +
                        $"{visit.Ticket} on {by} {(moved > TimeSpan.Zero ? "later" : "earlier")}, against those before them, than they came" +
                        $"{(moved < TimeSpan.Zero ? ", and those of the hour the clocks showed twice in the order of their times" : "")}.");
                    return;
                }

                before = visit;
            }
        }

        private static void Row(TextWriter output, Visit visit, int service, string seconds, string window)
        {
            var flags = visit.Flags;
            output.WriteLine(string.Join(',',
                Field(visit.Ticket), // letters and digits (the hall refuses other prefixes), but every text field is written the same way
                visit.Arrival.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
                service.ToString(CultureInfo.InvariantCulture),
                visit.Age.ToString(CultureInfo.InvariantCulture),
                Bit(flags, TicketFlags.Disabled), Bit(flags, TicketFlags.KeyEnterprise), Bit(flags, TicketFlags.GreenChannel),
                visit.Appointment?.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) ?? "",
                seconds,
                window,
                Bit(flags, TicketFlags.Pregnant), // the default rules make her elderly: without it the replay called her as normal
                Field(visit.Class ?? ""),
                visit.OnTime is { } onTime ? (onTime ? "1" : "0") : ""));
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

    private sealed record Visit(string Ticket, TimeSpan Arrival, byte Age, TicketFlags Flags, TimeSpan? Appointment, int[] Items)
    {
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

        public List<(int Service, double Seconds, int Window)> Handled { get; } = [];
    }
}
