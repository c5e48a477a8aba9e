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
/// cref="DayTraceExportResult.Notes"/>) rather than passing a part of the day off as all of it. A day is known by its
/// hall-local date (<see cref="Write(string, string, DateOnly, TextWriter)"/>): that of its opening (a night hall's day
/// opened at 22:00 is that date's, its tickets after midnight too), or of its first ticket when the journal no longer
/// holds when it opened. Arrivals count from that date's midnight, on past the next one (a night hall's 01:30 is
/// 25:30:00, as GTFS timetables count). A hall open around the clock (its day never closes: it issued a ticket 24 hours
/// or more after it opened) has no day of its own: each date on its clock is a day, from midnight to midnight (the first
/// from the opening), and the tickets still in the hall at that midnight are not in it (a note says so).
/// </remarks>
public static partial class DayTraceExport
{
    /// <summary>
    /// The columns written, in order. <c>pregnant</c>, <c>class</c> and then <c>appointment_on_time</c> come last (they
    /// came after the others): a trace without them still reads, and readers that go by position find the older columns
    /// where they were. <c>class</c> is the priority class staff gave the ticket, empty when the hall's rules derived it.
    /// <c>arrival</c> is hall-local to the second (HH:mm:ss) from the midnight of the day's date, the hours counting on past
    /// the next one (25:30:00 is 01:30 the next morning). <c>appointment</c> is the start of the slot checked in with the
    /// ticket, counted so when it is on the day's date or the next, else its time of day, and <c>appointment_on_time</c> whether the hall found that check-in on time (1) or early or late (0),
    /// by its own early window and grace period, to the tick of the check-in and whatever day the slot was on, which
    /// the slot's time of day alone does not tell; both are empty for a ticket without an appointment. <c>left_at</c>
    /// (last) is when a ticket was cancelled while it waited (the citizen left, or cancelled on the phone: no window called
    /// it then), counted as <c>arrival</c> is; empty for the others. Without it the replay took such a citizen for an
    /// absent one, called, recalled and re-queued, and counted no one as having left. <c>outcome</c> (last) is how the item
    /// ended: <c>served</c>, <c>no_show</c> (its holder did not come when called), <c>left</c>, <c>cancelled</c> (at the
    /// window after its call) or <c>waiting_at_close</c> (still waiting or parked when the day closed, or still in the hall
    /// when the trace ends: real demand, which a replay with more windows may serve, never a no-show). <c>recall_seconds</c>
    /// (last) is the window time of each call of the item its holder missed (from the call, through its recalls, to the
    /// no-show), to the millisecond, separated by <c>;</c> when there were several (e.g. <c>120;95.5</c>); empty: none.
    /// Without it a no-show re-queued and served later was replayed as served at its first call, and the recall minutes
    /// that kept the window from the tickets behind were lost.
    /// </summary>
    public const string Header = "ticket,arrival,service,age,disabled,key_enterprise,green_channel,appointment,handling_seconds,window,pregnant,class,appointment_on_time,left_at,outcome,recall_seconds";

    /// <summary>
    /// Writes the last day of hall <paramref name="hallId"/> held by the journal in <paramref name="dataDirectory"/> (an
    /// engine's <see cref="JournalOptions.Directory"/>; read while no engine writes it, or from a copy) to
    /// <paramref name="output"/>; returns the number of tickets written and whether that is the whole day.
    /// </summary>
    /// <exception cref="ArgumentException">The directory holds no journal (or does not exist), or the journal holds no hall with that id.</exception>
    /// <exception cref="IOException">An engine is using the journal now (it holds the directory's lock file).</exception>
    public static DayTraceExportResult Write(string dataDirectory, string hallId, TextWriter output) => Export(dataDirectory, hallId, null, output);

    /// <summary>
    /// Writes the day of hall <paramref name="hallId"/> dated <paramref name="day"/> (hall-local: the date of the day's
    /// opening; of a hall open around the clock, the tickets of that date) held by the journal in <paramref name="dataDirectory"/> to
    /// <paramref name="output"/>, e.g. yesterday's after today's opening (the journal's archive keeps older generations
    /// for <see cref="JournalOptions.ArchiveRetention"/>, default 2 days); returns the number of tickets written and
    /// whether that is the whole day. When the journal holds that day without its start, the trace holds the rest and
    /// <see cref="DayTraceExportResult.Notes"/> says so, naming the days it holds; when it holds two days of that date
    /// (the day closed and opened again), the trace is the later one, and a note says so.
    /// </summary>
    /// <exception cref="ArgumentException">The directory holds no journal (or does not exist), the journal holds no hall
    /// with that id, or no day of it dated <paramref name="day"/> (the message names the dates it holds).</exception>
    /// <exception cref="IOException">An engine is using the journal now (it holds the directory's lock file).</exception>
    public static DayTraceExportResult Write(string dataDirectory, string hallId, DateOnly day, TextWriter output) => Export(dataDirectory, hallId, day, output);

    private static DayTraceExportResult Export(string dataDirectory, string hallId, DateOnly? day, TextWriter output)
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

        Day? days = null;
        foreach (var parts in generations)
        {
            days?.NextGeneration();
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
                            days ??= new Day(hallId, hall.Definition.TimeZone);
                            days.Restored(hall, replay!.PastDamage);
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
                            days!.Record(hall, command, at, result, hall.LastEvents);
                        }
                    },
                };
                replay.Run();
                foreach (var (id, skipped, at) in replay.CutHalls)
                {
                    if (id == hallId)
                    {
                        days!.Cut(skipped, at);
                    }
                }

                if (replay.NumberingMoved.Any(m => m.Id == hallId) && replay.Halls.FirstOrDefault(h => h.Id == hallId) is { } kept)
                {
                    days!.NumberedPastDamage(kept);
                }
            }
        }

        if (days is null)
        {
            throw new ArgumentException($"The journal in '{dataDirectory}' holds no hall '{hallId}'.", nameof(hallId));
        }

        if (day is { } asked && !days.Select(asked))
        {
            throw new ArgumentException(
                $"The journal in '{dataDirectory}' holds no day of hall '{hallId}' dated {Date(asked)}: " +
                (days.Held.Count == 0 ? "it holds none (the hall has not opened a day)." : $"it holds the days of {string.Join(", ", days.Held)}.") +
                $" Its archive keeps older days for {nameof(JournalOptions)}.{nameof(JournalOptions.ArchiveRetention)} (default 2 days).",
                nameof(day));
        }

        return new DayTraceExportResult { Tickets = days.Write(output), Notes = [.. days.Notes] };
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A time of the trace: HH:mm:ss from the day's midnight, the hours counted on past 24 (25:30:00).</summary>
    private static string Clock(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}");
}
