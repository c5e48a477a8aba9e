using System.Globalization;

namespace QueueCore;

/// <summary>
/// A span of hall-local time in which tickets for an item may be issued; <see cref="From"/> inclusive, <see cref="To"/>
/// exclusive. <see cref="To"/> 00:00 is midnight at the end of the day (configuration also takes "24:00" for it): a hall
/// that issues until midnight gives 20:00-24:00. A span starts before the day's end: configuration refuses a
/// <see cref="From"/> of "24:00", which it read as 00:00. A span does not cross midnight: hours from
/// 22:00 to 02:00 are two spans, 22:00-24:00 and 00:00-02:00 (a definition with To before From is refused). An item's
/// spans may overlap or touch: it issues at any time one of them holds (08:00-12:00 and 10:00-14:00 is 08:00-14:00),
/// and refusals list them as given. On the nights the clocks change
/// a span follows the hall's clock: one inside the hour they skip (02:00-03:00 when summer time begins) issues nothing
/// that night, and one that starts in it issues from when they go forward; the hour they show twice when it ends is
/// within a span both times, so one that ends inside it issues again when the clock shows its times the second time.
/// </summary>
public sealed record IssuingHours
{
    /// <summary>Start (inclusive), hall-local (configuration refuses "24:00" here: a span cannot start at the day's end).</summary>
    public required TimeOnly From { get; init; }

    /// <summary>End (exclusive), hall-local: later than <see cref="From"/>, or 00:00 for midnight at the end of the day.</summary>
    public required TimeOnly To { get; init; }

    /// <summary>Whether the span holds <paramref name="timeOfDay"/> (hall-local).</summary>
    public bool Contains(TimeOnly timeOfDay) => timeOfDay >= From && (timeOfDay < To || To == TimeOnly.MinValue);

    /// <summary>The span as kiosks and refusals show it: "08:30-11:30", "20:00-24:00" (seconds only when it has them).</summary>
    public override string ToString() => $"{Clock(From)}-{(To == TimeOnly.MinValue ? "24:00" : Clock(To))}";

    /// <summary>A time of day as <see cref="ToString"/> shows it: hh:mm, or hh:mm:ss when it has seconds.</summary>
    internal static string Clock(TimeOnly time) => time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
