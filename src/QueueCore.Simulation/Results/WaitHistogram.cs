namespace QueueCore.Simulation;

/// <summary>Waits in 5-second bins up to four hours (longer waits in the last bin): percentiles to within a few
/// seconds, merged across cells and replications by adding counts.</summary>
internal static class WaitHistogram
{
    public const int Bins = 2881;

    public const long BinTicks = 5 * TimeSpan.TicksPerSecond;

    public static int Bin(long waitTicks) => (int)Math.Min(Bins - 1, waitTicks / BinTicks);

    /// <summary>The q-quantile (0..1) in minutes, interpolated within its bin and capped by the exact maximum.</summary>
    public static double Quantile(ReadOnlySpan<long> bins, long total, double q, long maxTicks)
    {
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            if (bins[i] == 0)
            {
                continue;
            }

            if (seen + bins[i] >= rank)
            {
                var within = (rank - seen) / bins[i];
                var ticks = (i + within) * BinTicks;
                return Math.Min(ticks, maxTicks) / TimeSpan.TicksPerMinute;
            }

            seen += bins[i];
        }

        return (double)maxTicks / TimeSpan.TicksPerMinute;
    }
}
