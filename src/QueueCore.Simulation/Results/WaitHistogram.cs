using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

/// <summary>Waits in 5-second bins up to four hours (longer waits in the last bin): percentiles to within a few
/// seconds, merged across cells and replications by adding counts. A histogram's array holds only up to the highest
/// bin used so far (grown by doubling): most waits are short, and a full array per cell (23 KB) made allocating and
/// zeroing them a large share of a run.</summary>
internal static class WaitHistogram
{
    public const int Bins = 2881;

    public const long BinTicks = 5 * TimeSpan.TicksPerSecond;

    private const int FirstLength = 64; // five minutes of waits: most cells never grow past it

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bin(long waitTicks) => (int)Math.Min(Bins - 1, waitTicks / BinTicks);

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
    public static void Quantiles(ReadOnlySpan<long> bins, long total, ReadOnlySpan<double> qs, Span<double> minutes, long maxTicks)
    {
        if (total == 0)
        {
            minutes[..qs.Length].Fill(double.NaN);
            return;
        }

        var k = 0;
        var rank = qs[0] * total;
        long seen = 0;
        for (var i = 0; i < bins.Length && k < qs.Length; i++)
        {
            var count = bins[i];
            if (count == 0)
            {
                continue;
            }

            while (seen + count >= rank)
            {
                var within = (rank - seen) / count;
                var ticks = (i + within) * BinTicks;
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
}
