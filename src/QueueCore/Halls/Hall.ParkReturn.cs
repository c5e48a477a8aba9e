using System.Globalization;
using System.Runtime.CompilerServices;

namespace QueueCore;

/// <remarks>
/// This part: how far ahead a park's return time may be. A typo (next year, 2 a.m. tomorrow) parked the ticket where no
/// window would call it: the ticket held the hall's next day from opening after a close that serves the remaining
/// tickets, and nothing told the clerk. So a return time is refused when it is more than
/// <see cref="HallCommand.MaxReturnAhead"/> ahead, or, for an item with issuing hours (a hall that keeps office hours),
/// later than the end of today on the hall's clocks, or of the item's hours when they run on past midnight. A return
/// after the item stopped issuing the same evening is fine: the windows serve on after the last ticket is issued. The
/// hall knows no day schedule: a server that keeps one bounds the return by it too (QueueCore.Grpc's Terminal.Park: by
/// the next close when the close cancels parked tickets, before the next opening when the windows serve on after it).
/// </remarks>
public sealed partial class Hall
{
    /// <summary>Whether <paramref name="returnAt"/> is too far ahead for the ticket in <paramref name="slot"/>; if so,
    /// the refusal (<see cref="Refusal"/>) is in <paramref name="refusal"/>.</summary>
    private bool IsReturnTooFar(int slot, long returnAt, out int refusal)
    {
        refusal = ReturnTimeCheck(slot, returnAt);
        return refusal == Refusal;
    }

    private int ReturnTimeCheck(int slot, long returnAt)
    {
        var latest = Later(_now, HallCommand.MaxReturnAhead.Ticks);
        var svc = _services[T(slot).Service];
        if (svc.Hours.Length > 0)
        {
            var end = LatestReturnToday(svc.Hours);
            if (returnAt > end && end <= latest)
            {
                return RefuseReturnAfterHours(svc, end, returnAt);
            }
        }

        return returnAt > latest ? RefuseReturnTooFarAhead(latest, returnAt) : NoTicket;
    }

    /// <summary>
    /// The latest return time for an item with issuing hours, as UTC ticks: the end of the hall-clock day of now
    /// (midnight), or later when the item's hours run on past it: a span to 24:00 carried on into the next day by spans
    /// from 00:00 (a night's hours, given as 18:00-24:00 and 00:00-02:00, end at 02:00).
    /// </summary>
    private long LatestReturnToday(long[] hours)
    {
        var local = _now + _zone.GetUtcOffset(new DateTime(_now, DateTimeKind.Utc)).Ticks;
        var midnight = local - (((local % TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay);
        long end = 0;
        for (var i = 1; i < hours.Length; i += 2)
        {
            end = Math.Max(end, hours[i]);
        }

        if (end == TimeSpan.TicksPerDay)
        {
            // Spans are sorted by start: one pass extends the run from 00:00 through spans that touch or overlap it.
            long after = 0;
            for (var i = 0; i < hours.Length && hours[i] <= after; i += 2)
            {
                after = Math.Max(after, hours[i + 1]);
            }

            end += after;
        }

        end = Math.Max(end, TimeSpan.TicksPerDay); // the windows serve on after the item stops issuing: today is the bound

        // The hall's clocks at the end, back to UTC (an Unspecified time is read as the zone's own).
        var localEnd = midnight + end;
        return localEnd - _zone.GetUtcOffset(new DateTime(localEnd, DateTimeKind.Unspecified)).Ticks;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseReturnTooFarAhead(long latest, long returnAt) => RefuseInvalid(
        $"A parked ticket's return time may be at most {HallCommand.MaxReturnAhead.TotalHours:0} hours ahead (by {HallTime(latest)} hall time); {HallTime(returnAt)} was given.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseReturnAfterHours(ServiceRecord svc, long end, long returnAt)
    {
        List<string> spans = [.. svc.Definition.IssuingHours.OrderBy(h => h.From).Select(h => h.ToString())];
        var hours = spans.Count == 1 ? spans[0] : $"{string.Join(", ", spans[..^1])} and {spans[^1]}";
        return RefuseInvalid(
            $"{ItemAsCitizensKnowIt(svc)} issues tickets {hours} (hall time): a ticket parked for it returns the same day, by {HallTime(end)}; {HallTime(returnAt)} was given.");
    }

    /// <summary>
    /// A UTC instant as the hall's clocks show it (the clerk's desk clock, not UTC), clamped to the calendar: tick 1 (a
    /// default time) is before 0001-01-01 in a hall west of UTC.
    /// </summary>
    private string HallTime(long utcTicks) => new DateTime(Math.Clamp(
            utcTicks + _zone.GetUtcOffset(new DateTime(Math.Clamp(utcTicks, 0, DateTime.MaxValue.Ticks), DateTimeKind.Utc)).Ticks,
            DateTime.MinValue.Ticks,
            DateTime.MaxValue.Ticks))
        .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
