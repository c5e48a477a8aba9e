using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

/// <summary>Waits in 5-second bins up to four hours, then in bins each 1/64 wider than the one before (to the longest
/// wait a scenario can have): percentiles to within a few seconds up to four hours and within 1.6% beyond, merged
/// across cells and replications by adding counts. A histogram's array holds only up to the highest bin used so far
/// (grown by doubling): most waits are short, and a full array per cell (23 KB) made allocating and zeroing them a
/// large share of a run.</summary>
/// <remarks>The 5-second bins used to end in one bin for "four hours or more", so an overloaded hall's percentiles all
/// read about 240 minutes (a median below the mean wait) however long its citizens waited.</remarks>
internal static class WaitHistogram
{
    /// <summary>The 5-second bins, [0, 4 h).</summary>
    public const int LinearBins = 2880;

    /// <summary>All bins: the 5-second ones, then geometric ones from four hours to past 10,000 hours.</summary>
    public const int Bins = LinearBins + 560;

    public const long BinTicks = 5 * TimeSpan.TicksPerSecond;

    private const long LinearTicks = LinearBins * BinTicks;

    private const int FirstLength = 64; // five minutes of waits: most cells never grow past it

    private static readonly double LogGrowth = Math.Log(1 + (1.0 / 64));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bin(long waitTicks) => waitTicks < LinearTicks ? (int)(waitTicks / BinTicks) : LongBin(waitTicks);

    /// <summary>Where bin <paramref name="bin"/> starts, in ticks (its end is where the next one starts).</summary>
    public static double Start(int bin) =>
        bin <= LinearBins ? bin * (double)BinTicks : LinearTicks * Math.Exp((bin - LinearBins) * LogGrowth);

    [MethodImpl(MethodImplOptions.NoInlining)] // waits of four hours or more: rare
    private static int LongBin(long waitTicks) =>
        (int)Math.Min(Bins - 1, LinearBins + Math.Floor(Math.Log((double)waitTicks / LinearTicks) / LogGrowth));

    /// <summary>Counts one wait in <paramref name="bin"/>, making or growing the array when it is too short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref long[]? bins, int bin)
    {
        if (bins is null || bin >= bins.Length)
        {
            Grow(ref bins, bin + 1);
        }

        bins![bin]++;
    }

    /// <summary>Adds <paramref name="source"/>'s counts bin by bin into <paramref name="target"/> (grown to fit).</summary>
    public static void Merge(ref long[]? target, ReadOnlySpan<long> source)
    {
        if (source.IsEmpty)
        {
            return;
        }

        if (target is null || target.Length < source.Length)
        {
            Grow(ref target, source.Length);
        }

        var into = target.AsSpan(0, source.Length);
        var i = 0;
        for (; i <= source.Length - Vector<long>.Count; i += Vector<long>.Count)
        {
            (new Vector<long>(into[i..]) + new Vector<long>(source[i..])).CopyTo(into[i..]);
        }

        for (; i < source.Length; i++)
        {
            into[i] += source[i];
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow([NotNull] ref long[]? bins, int needed)
    {
        var length = Math.Max(FirstLength, bins?.Length ?? 0);
        while (length < needed)
        {
            length *= 2;
        }

        Array.Resize(ref bins, Math.Min(length, Bins));
    }

    /// <summary>The q-quantiles (0..1, ascending) in minutes, each interpolated within its bin and capped by the exact
    /// maximum, in one pass over the bins (a result has a row per service and hour, each with three quantiles).</summary>
    /// <param name="bins">The waits' bins, from bin 0.</param>
    /// <param name="total">The waits counted in <paramref name="bins"/>.</param>
    /// <param name="qs">The quantiles, ascending.</param>
    /// <param name="minutes">Where their waits go, in minutes (NaN when <paramref name="total"/> is 0).</param>
    /// <param name="maxTicks">The longest wait.</param>
    /// <param name="zeros">How many of bin 0's waits were none at all (called at once): a quantile among them is 0. Spread
    /// over the bin with the rest, a hall where most were called at once read a median (or p90) of a few seconds, up to
    /// the bin's end, 5 s, shown as 0.1 minutes.</param>
    public static void Quantiles(ReadOnlySpan<long> bins, long total, ReadOnlySpan<double> qs, Span<double> minutes, long maxTicks, long zeros = 0)
    {
        if (total == 0)
        {
            minutes[..qs.Length].Fill(double.NaN);
            return;
        }

        var k = 0;
        while (k < qs.Length && qs[k] * total <= zeros)
        {
            minutes[k++] = 0; // among the waits of none at all
        }

        if (k == qs.Length)
        {
            return;
        }

        var rank = qs[k] * total;
        long seen = zeros;
        for (var i = 0; i < bins.Length && k < qs.Length; i++)
        {
            var count = i == 0 ? bins[0] - zeros : bins[i]; // bin 0's waits above none at all
            if (count == 0)
            {
                continue;
            }

            while (seen + count >= rank)
            {
                var within = (rank - seen) / count;
                var ticks = Start(i) + (within * (Start(i + 1) - Start(i)));
                minutes[k] = Math.Min(ticks, maxTicks) / TimeSpan.TicksPerMinute;
                if (++k == qs.Length)
                {
                    return;
                }

                rank = qs[k] * total;
            }

            seen += count;
        }

        for (; k < qs.Length; k++)
        {
            minutes[k] = (double)maxTicks / TimeSpan.TicksPerMinute;
        }
    }

    /// <summary>How many of the waits in <paramref name="bins"/> are at most <paramref name="ticks"/> long, each bin's
    /// spread evenly over it as <see cref="Quantiles"/> has them (its inverse), <paramref name="zeros"/> of bin 0's at 0.</summary>
    public static double AtMost(ReadOnlySpan<long> bins, double ticks, long zeros)
    {
        if (ticks < 0)
        {
            return 0;
        }

        double count = zeros;
        for (var i = 0; i < bins.Length; i++)
        {
            var inBin = i == 0 ? bins[0] - zeros : bins[i];
            var (start, end) = (Start(i), Start(i + 1));
            if (ticks >= end)
            {
                count += inBin;
                continue;
            }

            return count + (inBin * (ticks - start) / (end - start));
        }

        return count;
    }
}
