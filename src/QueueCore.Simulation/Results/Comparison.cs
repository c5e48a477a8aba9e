namespace QueueCore.Simulation;

/// <summary>
/// Two runs side by side (what-if): per row and figure, B minus A with its 95% confidence interval. When both ran with
/// the same seed and replication count, replication i of each saw the same citizens (each service's arrivals and
/// each ticket's handling times come from streams of their own), so the difference is paired replication by
/// replication: common random numbers, a much narrower interval than two independent runs give.
/// </summary>
public static class Comparison
{
    /// <summary>The rows both results have, each figure's difference B - A.</summary>
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
                differences[m] = paired ? Paired(a, b, rowA.Key, (Metric)m) : Unpaired(rowA.Figures[m], rowB.Figures[m]);
            }

            rows.Add(new ComparisonRow(rowA.Key, rowA.ServiceName, rowA, rowB, differences, paired));
        }

        return rows;
    }

    private static Estimate Paired(SimulationResult a, SimulationResult b, ResultKey key, Metric metric)
    {
        var values = new double[a.Options.Replications];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = b.Value(i, key, metric) - a.Value(i, key, metric);
        }

        return Estimate.Of(values);
    }

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
