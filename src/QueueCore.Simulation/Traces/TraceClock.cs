using System.Globalization;

namespace QueueCore.Simulation;

/// <summary>
/// A day trace's times (<c>arrival</c>, <c>appointment</c>): hall-local, from the midnight the day began on, hours
/// counting on past the next midnight as GTFS timetables count them (01:30 the next morning is 25:30:00), so a night
/// hall's day (18:00 to 02:00) is one run of times in the order its tickets came.
/// </summary>
internal static class TraceClock
{
    /// <summary>The first time a trace cannot give: a day and the night after it (a day that runs longer is no day).</summary>
    public static readonly TimeSpan End = TimeSpan.FromHours(48);

    /// <summary>What a field must hold, said in the reader's errors.</summary>
    public const string Expected = "expected a time HH:mm:ss from 00:00:00 to 47:59:59 (past midnight the hours count on: 01:30 the next morning is 25:30:00)";

    /// <summary>"H:mm:ss", "H:mm:ss.fffffff" or "H:mm", hours from 0 to 47; false for anything else.</summary>
    public static bool TryParse(string text, out TimeSpan time)
    {
        time = default;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is not (1 or 2)
            || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !TimeSpan.TryParseExact(text[(colon + 1)..], [@"mm\:ss\.FFFFFFF", @"mm\:ss", "mm"], CultureInfo.InvariantCulture, out var rest)
            || rest.Hours != 0)
        {
            return false;
        }

        time = TimeSpan.FromHours(hours) + rest;
        return time < End;
    }

    /// <summary>HH:mm:ss with the hours counted on past 24 (25:30:00), to the second.</summary>
    public static string Format(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}");
}
