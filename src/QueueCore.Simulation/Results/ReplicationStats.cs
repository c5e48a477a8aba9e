namespace QueueCore.Simulation;

/// <summary>Everything one replication measured: cells by (service, class, hour), windows, and counters.</summary>
internal sealed class ReplicationStats
{
    public ReplicationStats(SimulationPlan plan)
    {
        Services = plan.ServiceIds.Length;
        Classes = plan.ClassIds.Length;
        Hours = plan.Hours;
        Cells = new CellStats[Services * Classes * Hours];
        RefusedCells = new int[Services * Hours];
        var windows = plan.WindowCount;
        WindowBusy = new long[windows];
        WindowOpen = new long[windows];
        WindowServed = new int[windows];
        HourBusy = new long[plan.UtilisationHours];
        HourOpen = new long[plan.UtilisationHours];
    }

    public int Services { get; }

    public int Classes { get; }

    public int Hours { get; }

    public CellStats[] Cells { get; }

    /// <summary>Tickets refused by (service of the first item, hour they came), after the warm-up; by service and hour
    /// only, since a refused ticket has no class (<see cref="Metric.Refused"/>).</summary>
    public int[] RefusedCells { get; }

    /// <summary>Ticks each window (scenario order over halls) was calling or serving.</summary>
    public long[] WindowBusy { get; }

    /// <summary>Ticks each window was open (staffed, not paused).</summary>
    public long[] WindowOpen { get; }

    public int[] WindowServed { get; }

    /// <summary>Busy and open ticks of all windows by hour of the day, to the last window's close (time past it, a
    /// service run past the bell, in the last hour).</summary>
    public long[] HourBusy { get; }

    public long[] HourOpen { get; }

    /// <summary>Tickets the halls issued, the warm-up's too (the work simulated).</summary>
    public long Issued { get; set; }

    /// <summary>Issue commands the halls refused (e.g. the day had closed) after the warm-up: the sum of <see cref="RefusedCells"/>.</summary>
    public long Refused { get; set; }

    /// <summary>Commands applied to the halls.</summary>
    public long Commands { get; set; }

    /// <summary>The most tickets live at once in one hall of the replication.</summary>
    public long PeakLive { get; set; }

    public ref CellStats Cell(int service, int cls, long ticks) =>
        ref Cells[(((service * Classes) + cls) * Hours) + Hour(ticks)];

    public ref int RefusedCell(int service, long ticks) => ref RefusedCells[(service * Hours) + Hour(ticks)];

    public int Hour(long ticks) => (int)Math.Clamp(ticks / TimeSpan.TicksPerHour, 0, Hours - 1);

    /// <summary>Adds [from, to) to an hour-indexed array, split at hour boundaries (time past its last hour goes to
    /// that hour). It used to end with the arrivals' hours, so the windows' hours after the last arrival all went
    /// into that hour: a day whose windows stay two hours to serve the queue showed none of them, and its last
    /// arrival hour's utilisation diluted by them.</summary>
    public static void AddSpan(long[] byHour, long from, long to)
    {
        var last = byHour.Length - 1;
        while (from < to)
        {
            var hour = (int)Math.Clamp(from / TimeSpan.TicksPerHour, 0, last);
            var end = hour == last ? to : Math.Min(to, (hour + 1) * TimeSpan.TicksPerHour);
            byHour[hour] += end - from;
            from = end;
        }
    }
}
