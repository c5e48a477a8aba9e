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
        HourBusy = new long[Hours];
        HourOpen = new long[Hours];
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

    /// <summary>Busy and open ticks of all windows by hour of the day.</summary>
    public long[] HourBusy { get; }

    public long[] HourOpen { get; }

    /// <summary>Tickets the halls issued.</summary>
    public long Issued { get; set; }

    /// <summary>Issue commands the halls refused (e.g. the day had closed).</summary>
    public long Refused { get; set; }

    /// <summary>Commands applied to the halls.</summary>
    public long Commands { get; set; }

    /// <summary>The most tickets live at once in one hall of the replication.</summary>
    public long PeakLive { get; set; }

    public ref CellStats Cell(int service, int cls, long ticks) =>
        ref Cells[(((service * Classes) + cls) * Hours) + Hour(ticks)];

    public ref int RefusedCell(int service, long ticks) => ref RefusedCells[(service * Hours) + Hour(ticks)];

    public int Hour(long ticks) => (int)Math.Clamp(ticks / TimeSpan.TicksPerHour, 0, Hours - 1);

    /// <summary>Adds [from, to) to an hour-indexed array, split at hour boundaries.</summary>
    public void AddSpan(long[] byHour, long from, long to)
    {
        while (from < to)
        {
            var hour = Hour(from);
            var end = hour == Hours - 1 ? to : Math.Min(to, (hour + 1) * TimeSpan.TicksPerHour);
            byHour[hour] += end - from;
            from = end;
        }
    }
}
