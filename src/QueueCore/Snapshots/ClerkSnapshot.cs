namespace QueueCore;

/// <summary>
/// One clerk's figures for the day, over every window the clerk worked (<see cref="HallSnapshot.Clerks"/>). A clerk is a
/// staff number (&gt; 0) given when a window opens (<see cref="HallCommand.OpenWindow"/>): the calls and finishes of a
/// window count for the clerk on it at the time, and a rating for the clerk who finished the service, whoever is on
/// the window by then (none when the window was open with no clerk). The figures start from none when a new day opens.
/// </summary>
public sealed record ClerkSnapshot
{
    /// <summary>The clerk's staff number.</summary>
    public required int Clerk { get; init; }

    /// <summary>The window the clerk is on now (open or paused), or 0.</summary>
    public int Window { get; init; }

    /// <summary>Items finished today (as <see cref="WindowSnapshot.ServedToday"/> counts them).</summary>
    public int ServedToday { get; init; }

    /// <summary>The mean wait of the tickets called while the clerk was on the window (as
    /// <see cref="WindowSnapshot.MeanWait"/> counts it); zero when none.</summary>
    public TimeSpan MeanWait { get; init; }

    /// <summary>Mean handling time of the items the clerk finished today; zero when none.</summary>
    public TimeSpan MeanHandlingTime { get; init; }

    /// <summary>Ratings counted for the clerk today.</summary>
    public int Ratings { get; init; }

    /// <summary>Their mean, 1 (very dissatisfied) to 5 (very satisfied); 0 with none.</summary>
    public double MeanRating { get; init; }
}
