namespace QueueCore.Simulation;

/// <summary>A scenario compiled for replications: halls with their hall definitions, and the result cells' axes.</summary>
internal sealed class SimulationPlan
{
    public required string Name { get; init; }

    public required HallPlan[] Halls { get; init; }

    /// <summary>Service ids by global index (result rows).</summary>
    public required int[] ServiceIds { get; init; }

    public required string[] ServiceNames { get; init; }

    /// <summary>Class ids by global index.</summary>
    public required string[] ClassIds { get; init; }

    /// <summary>Hours of the day the cells cover (hour index = ticks from midnight / 1 h, clamped).</summary>
    public required int Hours { get; init; }

    /// <summary>The first hour of the hourly rows: dayStart's. Nothing before dayStart is counted (the warm-up starts
    /// there), so the hours from midnight to it were rows of zeros.</summary>
    public int FirstHour => (int)Math.Clamp(SlotStart / TimeSpan.TicksPerHour, 0, Hours - 1);

    /// <summary>Hours of the day hourly utilisation covers: to the last window's close (at least <see cref="Hours"/>).
    /// The cells' hours end with the arrivals; the windows' day often runs on after them.</summary>
    public required int UtilisationHours { get; init; }

    public required long SlotStart { get; init; }

    public required long SlotTicks { get; init; }

    public required long WarmupEnd { get; init; }

    public required long RecallTicks { get; init; }

    /// <summary>The wait limit per global service (the first hall's, for rows).</summary>
    public required long[] WaitLimitTicks { get; init; }

    /// <summary>What the planner should know about the scenario that is not an error (e.g. trace tickets counted as
    /// warm-up), each naming its field.</summary>
    public string[] Notices { get; init; } = [];

    public int WindowCount => Halls.Sum(h => h.Windows.Length);
}
