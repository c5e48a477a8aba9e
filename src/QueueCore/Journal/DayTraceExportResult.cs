namespace QueueCore;

/// <summary>What <see cref="DayTraceExport"/> wrote: how many tickets, and whether that is the hall's whole day.</summary>
public sealed record DayTraceExportResult
{
    /// <summary>The tickets written (one row per item of each).</summary>
    public required int Tickets { get; init; }

    /// <summary>
    /// What the trace lacks of the day and why, one sentence each: the journal no longer holds the day's start (its
    /// archive deleted it, being older than <see cref="JournalOptions.ArchiveRetention"/>, or at once with a retention of
    /// zero; the sentence names the first time and the numbers issued before), or
    /// holds it with a part missing (damage) or without its end (asked for by date), or the hall was open around the
    /// clock (its day issued a ticket 24 hours or more after it opened: each date is a day of its own, without the tickets
    /// still in the hall at its midnight), or two days
    /// of the date asked for are held (the later is written), or the hall's clocks changed between its tickets (summer time: arrivals are
    /// times on the hall's clock, so the tickets after the change are an hour later, or earlier, against those before
    /// them than they came; the sentence names the tickets either side). Empty when the trace is the whole day.
    /// </summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Whether the trace holds the whole day: the journal still holds its opening and all the hall did since, and
    /// the hall was not open around the clock, nor its clocks change between its tickets.</summary>
    public bool WholeDay => Notes.Count == 0;
}
