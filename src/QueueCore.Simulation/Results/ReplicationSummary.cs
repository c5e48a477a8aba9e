namespace QueueCore.Simulation;

/// <summary>One replication's figures per row (<see cref="RowLayout"/> by <see cref="Metric"/>), computed from its cells.</summary>
internal sealed class ReplicationSummary
{
    private static readonly int MetricCount = Enum.GetValues<Metric>().Length;

    /// <param name="layout">The rows.</param>
    /// <param name="stats">The replication's cells.</param>
    /// <param name="pooled">Where its rows are added to the other replications' (for the mean wait, percentiles and shares of all waits and tickets).</param>
    /// <param name="index">The replication's index in the run (its group in <paramref name="pooled"/>).</param>
    public ReplicationSummary(RowLayout layout, ReplicationStats stats, PooledRows pooled, int index)
    {
        var rows = layout.Count;
        var acc = new CellStats[rows];
        for (var s = 0; s < layout.Services; s++)
        {
            for (var c = 0; c < layout.Classes; c++)
            {
                for (var h = 0; h < layout.Hours; h++)
                {
                    ref var cell = ref stats.Cells[(((s * layout.Classes) + c) * layout.Hours) + h];
                    if (cell.Arrivals == 0 && cell.Served == 0 && cell.Abandoned == 0 && cell.Unserved == 0 && cell.NoShows == 0)
                    {
                        continue;
                    }

                    CellStats.Add(ref acc[RowLayout.Total], cell);
                    CellStats.Add(ref acc[RowLayout.Service(s)], cell);
                    CellStats.Add(ref acc[layout.ServiceClass(s, c)], cell);
                    if (h >= layout.FirstHour) // cells before dayStart stay empty; hours before it have no rows to index
                    {
                        CellStats.Add(ref acc[layout.ServiceHour(s, h)], cell);
                        CellStats.Add(ref acc[layout.Hour(h)], cell);
                    }
                }
            }
        }

        Values = new double[rows * MetricCount];
        for (var r = 0; r < rows; r++)
        {
            Fill(Values.AsSpan(r * MetricCount, MetricCount), acc[r]);
        }

        FillRefused(layout, stats);
        pooled.Add(acc, index);
        Windows = [.. stats.WindowBusy.Select((busy, i) => stats.WindowOpen[i] > 0 ? (double)busy / stats.WindowOpen[i] : double.NaN)];
        WindowServed = [.. stats.WindowServed.Select(x => (double)x)];
        WindowOpenHours = [.. stats.WindowOpen.Select(x => (double)x / TimeSpan.TicksPerHour)];
        HourUtilisation = [.. stats.HourBusy.Select((busy, i) => stats.HourOpen[i] > 0 ? (double)busy / stats.HourOpen[i] : double.NaN)];
        Issued = stats.Issued;
        Refused = stats.Refused;
        Commands = stats.Commands;
        PeakLive = stats.PeakLive;
    }

    /// <summary>Row-major: row * metrics + metric.</summary>
    public double[] Values { get; }

    public double[] Windows { get; }

    public double[] WindowServed { get; }

    public double[] WindowOpenHours { get; }

    public double[] HourUtilisation { get; }

    public long Issued { get; }

    public long Refused { get; }

    public long Commands { get; }

    public long PeakLive { get; }

    public static int Metrics => MetricCount;

    /// <summary>Refused tickets per row: counted by service and hour, so rows by class have no figure (NaN).</summary>
    private void FillRefused(RowLayout layout, ReplicationStats stats)
    {
        var refused = (int)Metric.Refused;
        for (var r = 0; r < layout.Count; r++)
        {
            Values[(r * MetricCount) + refused] = 0;
        }

        for (var s = 0; s < layout.Services; s++)
        {
            for (var c = 0; c < layout.Classes; c++)
            {
                Values[(layout.ServiceClass(s, c) * MetricCount) + refused] = double.NaN;
            }

            for (var h = 0; h < layout.Hours; h++)
            {
                var n = stats.RefusedCells[(s * layout.Hours) + h];
                Values[(RowLayout.Total * MetricCount) + refused] += n;
                Values[(RowLayout.Service(s) * MetricCount) + refused] += n;
                if (h >= layout.FirstHour) // refusals count from dayStart (n is 0 before it); hours before it have no rows to index
                {
                    Values[(layout.ServiceHour(s, h) * MetricCount) + refused] += n;
                    Values[(layout.Hour(h) * MetricCount) + refused] += n;
                }
            }
        }
    }

    /// <summary>The figures of <paramref name="c"/> (a replication's row, or all replications' added) into
    /// <paramref name="v"/>, by <see cref="Metric"/>; <see cref="Metric.Refused"/> is left as it is (counted apart).</summary>
    public static void Fill(Span<double> v, in CellStats c)
    {
        const double Minute = TimeSpan.TicksPerMinute;
        v[(int)Metric.Arrivals] = c.Arrivals;
        v[(int)Metric.Served] = c.Served;
        var served = c.Served > 0;
        v[(int)Metric.MeanWait] = served ? (double)c.WaitTicksSum / c.Served / Minute : double.NaN;
        c.Percentiles(v[(int)Metric.P50Wait..((int)Metric.P99Wait + 1)]);
        v[(int)Metric.WithinLimit] = c.Judged > 0 ? c.Within / (double)c.Judged : double.NaN;
        v[(int)Metric.Waited] = served ? (double)c.Waited / c.Served : double.NaN;
        var arrived = c.Arrivals > 0;
        v[(int)Metric.Abandoned] = arrived ? (double)c.Abandoned / c.Arrivals : double.NaN;
        v[(int)Metric.NoShows] = arrived ? (double)c.NoShows / c.Arrivals : double.NaN;
        v[(int)Metric.Unserved] = arrived ? (double)c.Unserved / c.Arrivals : double.NaN;
        v[(int)Metric.MaxWait] = served ? c.MaxWaitTicks / Minute : double.NaN;
    }
}
