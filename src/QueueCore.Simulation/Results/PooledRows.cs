namespace QueueCore.Simulation;

/// <summary>Every replication's rows added together, as each replication finishes: its counts, wait sums and
/// histograms. The mean wait, percentiles and shares of all the waits and tickets come from here (a percentile of the
/// days' percentiles is not one: the days with long waits make most of the tail; see <see cref="SimulationResult"/>). Integer sums, so the order replications finish in does not matter.</summary>
/// <remarks>The replications are also added in <see cref="Groups"/> groups (replication i into group i mod
/// <see cref="Groups"/>), each a sample of independent days, for the interval of a pooled percentile: how much the
/// groups' shares of waits below it differ (<see cref="PercentileInterval"/>). The spread of each day's own percentile
/// did not measure it: a day's p99 of 60 waits is about its longest, and half of such intervals missed Erlang C's p99.
/// At most <see cref="MaxGroups"/>, so the memory stays a few times the pooled rows' whatever the replications.</remarks>
internal sealed class PooledRows
{
    /// <summary>The most groups: enough degrees of freedom (t = 2.26 at 9) for little memory.</summary>
    public const int MaxGroups = 10;

    private readonly CellStats[] _rows;
    private readonly CellStats[][] _groups;
    private readonly Lock _lock = new(); // replications finish on several threads

    /// <param name="rows">The rows (<see cref="RowLayout"/>).</param>
    /// <param name="replications">The replications the run will add.</param>
    public PooledRows(int rows, int replications)
    {
        _rows = new CellStats[rows];
        _groups = [.. Enumerable.Range(0, Math.Clamp(replications, 1, MaxGroups)).Select(_ => new CellStats[rows])];
    }

    /// <summary>How many groups the replications are added in.</summary>
    public int Groups => _groups.Length;

    /// <summary>Adds replication <paramref name="index"/>'s rows (<see cref="RowLayout"/> order).</summary>
    public void Add(CellStats[] replication, int index)
    {
        var group = _groups[index % _groups.Length];
        lock (_lock)
        {
            for (var r = 0; r < _rows.Length; r++)
            {
                CellStats.Add(ref _rows[r], replication[r]);
                CellStats.Add(ref group[r], replication[r]);
            }
        }
    }

    /// <summary>A row over all replications (read once every replication has been added).</summary>
    public ref readonly CellStats this[int row] => ref _rows[row];

    /// <summary>Each group's pull on the pooled <paramref name="q"/>-quantile wait of <paramref name="row"/> (whose value
    /// is <paramref name="minutes"/>), in minutes, into <paramref name="deviations"/> (<see cref="Groups"/> long): the
    /// group's share of waits at most that long less the share over all waits, per mean group, times the quantile's
    /// slope there (minutes per unit of share, read from all the waits' quantiles over <see cref="PercentileInterval"/>'s
    /// span, the steeper side). Their mean is 0 and their spread that of the pooled quantile, linearised: a what-if
    /// subtracts A's from B's group by group, the same replications in both (<see cref="Comparison"/>). False, and
    /// nothing written, with fewer than two groups or no wait.</summary>
    public bool GroupDeviations(int row, double q, double minutes, Span<double> deviations)
    {
        var spread = IntervalAndSlope(row, q, minutes, out var slope);
        if (!double.IsFinite(spread))
        {
            return false;
        }

        ref readonly var all = ref _rows[row];
        var at = minutes * TimeSpan.TicksPerMinute;
        var share = all.AtMost(at) / all.Served;
        var meanWaits = (double)all.Served / _groups.Length;
        for (var g = 0; g < _groups.Length; g++)
        {
            ref readonly var cell = ref _groups[g][row];
            deviations[g] = slope * (cell.AtMost(at) - (share * cell.Served)) / meanWaits;
        }

        return true;
    }

    /// <summary>The 95% interval of the pooled <paramref name="q"/>-quantile wait of <paramref name="row"/>, whose value
    /// is <paramref name="minutes"/>, as its half-width in minutes (the larger side; NaN with fewer than two groups or no
    /// wait). It inverts the test of the share of waits at most that long: the share over all waits is q, and the groups'
    /// shares (a ratio of their counts) give its standard error se; the interval runs from the (q - t se)-quantile to the
    /// (q + t se)-quantile of all the waits, t of Student with groups - 1 degrees of freedom.</summary>
    public double PercentileInterval(int row, double q, double minutes) => IntervalAndSlope(row, q, minutes, out _);

    /// <summary><see cref="PercentileInterval"/>, and the quantile's slope over its span (minutes
    /// per unit of share, the steeper side; 0 where the span is empty).</summary>
    private double IntervalAndSlope(int row, double q, double minutes, out double slope)
    {
        slope = 0;
        ref readonly var all = ref _rows[row];
        var groups = _groups.Length;
        if (groups < 2 || all.Served == 0 || !double.IsFinite(minutes))
        {
            return double.NaN;
        }

        var at = minutes * TimeSpan.TicksPerMinute;
        var share = all.AtMost(at) / all.Served;
        var meanWaits = (double)all.Served / groups;
        var squares = 0.0;
        foreach (var group in _groups)
        {
            ref readonly var g = ref group[row];
            var residual = g.AtMost(at) - (share * g.Served);
            squares += residual * residual;
        }

        // Never below a binomial share's standard error, as if every wait were independent: waits in a queue are
        // positively correlated, and a few groups whose tails happen to agree (none or one wait past a p99) read a
        // spread of almost nothing.
        var variance = Math.Max(squares / (groups - 1) / groups / (meanWaits * meanWaits), q * (1 - q) / all.Served);
        var spread = StudentT.Quantile975(groups - 1) * Math.Sqrt(variance);
        var (low, high) = (Math.Max(0, q - spread), Math.Min(1, q + spread));
        Span<double> ends = stackalloc double[2];
        all.Quantile(low, ends[..1]);
        all.Quantile(high, ends[1..]);
        slope = Math.Max(q > low ? (minutes - ends[0]) / (q - low) : 0, high > q ? (ends[1] - minutes) / (high - q) : 0);
        return Math.Max(minutes - ends[0], ends[1] - minutes);
    }
}
