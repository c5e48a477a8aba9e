namespace QueueCore.Simulation;

/// <summary>A slot's share within the limit as the staffing search judges it: the share over the replications, the
/// waits it rests on, and the lower 95% bound the target must reach.</summary>
/// <param name="Share">The share within the limit of all replications' waits pooled, with the interval of the
/// replications' own shares.</param>
/// <param name="Within">The waits within the limit over all replications.</param>
/// <param name="Waits">The waits judged over all replications (served, abandoned or left unserved at closing).</param>
/// <param name="LowerBound">The lower 95% bound judged on, 0 to 1 (1 for a slot without waits: nothing to miss).</param>
/// <remarks>
/// The bound is the lower of two: the pooled share less the half-width of the Student-t interval of the replications'
/// shares, which sees how much one day differs from another, but reads 100% ± 0 when every replication had every wait within the limit, be
/// they two replications of three waits each; and the Wilson score bound on the share of all the replications' waits
/// pooled, which asks for enough waits (all within the limit, 35 for a 90% target) however alike the days were. With
/// one replication only the Wilson bound is known. The waits of one day are not independent (a queue that builds up
/// delays many), so the Wilson bound alone would be too sure on few days: the t interval is the day-to-day check.
/// </remarks>
internal readonly record struct SlotLevel(Estimate Share, long Within, long Waits, double LowerBound)
{
    private const double Z = 1.959964; // two-sided 95%: the lower end of the interval, as the t interval's

    /// <summary>Whether more windows could raise the share: some wait was beyond the limit (when none was, only more
    /// replications can make the bound surer).</summary>
    public bool CanImprove => Within < Waits;

    /// <summary>The row <paramref name="key"/> of <paramref name="result"/>, judged.</summary>
    public static SlotLevel Of(SimulationResult result, ResultKey key)
    {
        if (!result.RowIndex.TryGetValue(key, out var row) || result.Pooled[row].Judged == 0)
        {
            return new(new Estimate(double.NaN, double.NaN, 0), 0, 0, 1); // no share, as a row without waits has none: not 0%
        }

        var share = result.Rows[row][Metric.WithinLimit];
        var (within, waits) = (result.Pooled[row].Within, result.Pooled[row].Judged);
        var wilson = Wilson(within, waits);
        // The t interval of two replications far apart reaches below 0 (it read "-136.8% of 8 waits"): a share cannot.
        return new(share, within, waits, double.IsNaN(share.HalfWidth) ? wilson : Math.Max(0, Math.Min(share.Low, wilson)));
    }

    /// <summary>The lower end of the Wilson score interval for <paramref name="successes"/> of <paramref name="trials"/>.</summary>
    public static double Wilson(long successes, long trials)
    {
        var (n, p, z2) = ((double)trials, (double)successes / trials, Z * Z);
        return (p + (z2 / (2 * n)) - (Z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))))) / (1 + (z2 / n));
    }
}
