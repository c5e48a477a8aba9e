namespace QueueCore.Simulation;

/// <summary>
/// Two runs side by side (what-if): per row and figure, B minus A with its 95% confidence interval. When both ran with
/// the same seed and replication count, replication i of each saw the same citizens (each service's arrivals, each
/// citizen's attributes and each ticket's handling times come from streams of their own), so the difference is paired replication by
/// replication: common random numbers, a much narrower interval than two independent runs give (the percentiles' by
/// groups of replications, as one run's are: see <see cref="PooledRows.GroupDeviations"/>). Rows are paired by
/// what they cover (service id, class id, hour of the day), never by their position in the scenario files.
/// </summary>
public static class Comparison
{
    /// <summary>The rows both results have, each figure's difference B - A (<see cref="OneSided"/>: the others).</summary>
    public static IReadOnlyList<ComparisonRow> Compare(SimulationResult a, SimulationResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var paired = a.Options.Seed == b.Options.Seed && a.Options.Replications == b.Options.Replications;
        var rows = new List<ComparisonRow>();
        foreach (var rowA in a.Rows)
        {
            if (b.Row(rowA.Key) is not { } rowB)
            {
                continue;
            }

            var differences = new Estimate[rowA.Figures.Count];
            for (var m = 0; m < differences.Length; m++)
            {
                differences[m] = paired ? Paired(a, b, rowA.Key, (Metric)m, rowB.Figures[m].Mean - rowA.Figures[m].Mean) : Unpaired(rowA.Figures[m], rowB.Figures[m]);
            }

            rows.Add(new ComparisonRow(rowA.Key, rowA.ServiceName, rowA, rowB, differences, paired));
        }

        return rows;
    }

    /// <summary>The rows only one result has, which <see cref="Compare"/> leaves out: a service's whole day, a class of a
    /// service both have, an hour's all-services row (the rows these imply, e.g. a one-sided service's hours, are not
    /// listed again).</summary>
    public static IReadOnlyList<OneSidedRow> OneSided(SimulationResult a, SimulationResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return [.. Missing(a, b, inA: true), .. Missing(b, a, inA: false)];
    }

    /// <summary>The rows of <paramref name="from"/> that <paramref name="other"/> lacks, but for those a missing
    /// service or hour already explains.</summary>
    private static IEnumerable<OneSidedRow> Missing(SimulationResult from, SimulationResult other, bool inA) =>
        from.Rows.Where(r => other.Row(r.Key) is null && r.Key switch
        {
            { Class: null, Hour: null } => true, // a service's day
            { Service: { } s, Class: { } } => other.Row(s) is not null, // a class of a service both have
            { Service: null } => true, // an hour of all services
            _ => false, // a service's hour: its service or its hour is listed already
        }).Select(r => new OneSidedRow(r.Key, r.ServiceName, inA));

    /// <summary>The replications' differences with their paired interval. For the figures of all replications pooled
    /// (<see cref="SimulationResult.OfAllReplications"/>) the interval is centred on <paramref name="shown"/>, the difference
    /// of the figures shown, rather than on the mean of the days' own figures' differences.</summary>
    private static Estimate Paired(SimulationResult a, SimulationResult b, ResultKey key, Metric metric, double shown)
    {
        if (Quantile(metric) is { } q && a.Pooled.Groups > 1 && a.Pooled.Groups == b.Pooled.Groups)
        {
            return PairedGroups(a, b, key, metric, q, shown);
        }

        var values = new double[a.Options.Replications];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = b.Value(i, key, metric) - a.Value(i, key, metric);
        }

        var difference = Estimate.Of(values);
        return SimulationResult.OfAllReplications(metric) && difference.Samples > 0 ? difference with { Mean = shown } : difference;
    }

    /// <summary>A pooled percentile's difference, its interval from paired groups of replications: group g of each run
    /// holds the same replications (i mod groups), so the same citizens, and each group's pull on B's percentile less
    /// its pull on A's (<see cref="PooledRows.GroupDeviations"/>) gives the t interval of the difference, centred on
    /// <paramref name="shown"/>. The days' own percentile differences read far too narrow (a day's p99 of a hundred waits
    /// is about its longest: the interval held Erlang C's p99 difference in 47 of 100 runs), and so did the groups' own
    /// percentiles' (64 of 100).</summary>
    private static Estimate PairedGroups(SimulationResult a, SimulationResult b, ResultKey key, Metric metric, double q, double shown)
    {
        var groups = a.Pooled.Groups;
        var (rowA, rowB) = (a.RowIndex[key], b.RowIndex[key]);
        Span<double> deviationsA = stackalloc double[groups];
        Span<double> deviationsB = stackalloc double[groups];
        if (!double.IsFinite(shown)
            || !a.Pooled.GroupDeviations(rowA, q, a.Rows[rowA][metric].Mean, deviationsA)
            || !b.Pooled.GroupDeviations(rowB, q, b.Rows[rowB][metric].Mean, deviationsB))
        {
            return new(shown, double.NaN, double.IsFinite(shown) ? 1 : 0);
        }

        var squares = 0.0;
        for (var g = 0; g < groups; g++)
        {
            var d = deviationsB[g] - deviationsA[g];
            squares += d * d; // the deviations' mean is 0 in each run
        }

        return new(shown, StudentT.Quantile975(groups - 1) * Math.Sqrt(squares / (groups - 1) / groups), groups);
    }

    private static double? Quantile(Metric metric) => metric switch
    {
        Metric.P50Wait => 0.50,
        Metric.P90Wait => 0.90,
        Metric.P99Wait => 0.99,
        _ => null,
    };

    /// <summary>Independent runs: the difference of means, half-widths combined as independent standard errors
    /// (a conservative Welch interval, using the smaller sample's t quantile).</summary>
    private static Estimate Unpaired(Estimate a, Estimate b)
    {
        var samples = Math.Min(a.Samples, b.Samples);
        if (samples < 2)
        {
            return new(b.Mean - a.Mean, double.NaN, samples);
        }

        var seA = a.HalfWidth / StudentT.Quantile975(a.Samples - 1);
        var seB = b.HalfWidth / StudentT.Quantile975(b.Samples - 1);
        return new(b.Mean - a.Mean, StudentT.Quantile975(samples - 1) * Math.Sqrt((seA * seA) + (seB * seB)), samples);
    }
}
