using System.Runtime.InteropServices;

namespace QueueCore.Simulation;

/// <summary>The figures of one (service, class, hour) cell of one replication; the hour is when the wait began.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct CellStats
{
    /// <summary>Items that came to wait (a ticket's first item on arrival, each further item when the previous finished).</summary>
    public int Arrivals;

    /// <summary>Items called with their holder present (their wait is measured).</summary>
    public int Served;

    /// <summary>Served items that waited at all (were not taken at once by an idle window).</summary>
    public int Waited;

    /// <summary>Served items called within the service's wait limit.</summary>
    public int Within;

    /// <summary>Tickets whose holder left before the first call.</summary>
    public int Abandoned;

    /// <summary>Tickets dropped after their absent holder was called the policy's number of times, and traced items
    /// the real day did not serve that the ticket passed on its way to a later item.</summary>
    public int NoShows;

    /// <summary>Items still waiting when the day closed (cancelled).</summary>
    public int Unserved;

    public long WaitTicksSum; // a sum of integers: exact, so the figures do not depend on the order of the halls

    public long MaxWaitTicks;

    /// <summary>Wait bins up to the highest used (made on the first served item, grown as needed).</summary>
    public long[]? Histogram;

    /// <summary>One past the highest bin used: merges and quantiles read only up to it (most waits are short, most
    /// bins empty).</summary>
    public int BinsUsed;

    /// <summary>Adds <paramref name="cell"/>'s counts, sums and histogram into <paramref name="into"/>.</summary>
    public static void Add(ref CellStats into, in CellStats cell)
    {
        into.Arrivals += cell.Arrivals;
        into.Served += cell.Served;
        into.Waited += cell.Waited;
        into.Within += cell.Within;
        into.Abandoned += cell.Abandoned;
        into.NoShows += cell.NoShows;
        into.Unserved += cell.Unserved;
        into.WaitTicksSum += cell.WaitTicksSum;
        into.MaxWaitTicks = Math.Max(into.MaxWaitTicks, cell.MaxWaitTicks);
        if (cell.Histogram is { } bins)
        {
            WaitHistogram.Merge(ref into.Histogram, bins.AsSpan(0, cell.BinsUsed));
            into.BinsUsed = Math.Max(into.BinsUsed, cell.BinsUsed);
        }
    }

    /// <summary>Items judged against the wait limit: served, abandoned or left unserved at closing.</summary>
    public readonly long Judged => (long)Served + Abandoned + Unserved;

    /// <summary>The median, 90th and 99th percentile waits in minutes (NaN when none was served), into <paramref name="minutes"/>.</summary>
    public readonly void Percentiles(Span<double> minutes)
    {
        var bins = Histogram is { } h ? h.AsSpan(0, BinsUsed) : [];
        WaitHistogram.Quantiles(bins, Served, [0.50, 0.90, 0.99], minutes, MaxWaitTicks, zeros: Served - Waited);
    }

    /// <summary>The <paramref name="q"/>-quantile wait (0..1) in minutes, into <paramref name="minutes"/>[0].</summary>
    public readonly void Quantile(double q, Span<double> minutes)
    {
        var bins = Histogram is { } h ? h.AsSpan(0, BinsUsed) : [];
        WaitHistogram.Quantiles(bins, Served, [q], minutes, MaxWaitTicks, zeros: Served - Waited);
    }

    /// <summary>How many served items waited at most <paramref name="ticks"/>, read from the bins as
    /// <see cref="Percentiles"/> reads them (spread evenly within a bin, the waits of none at 0).</summary>
    public readonly double AtMost(double ticks)
    {
        var bins = Histogram is { } h ? h.AsSpan(0, BinsUsed) : [];
        return WaitHistogram.AtMost(bins, ticks, zeros: Served - Waited);
    }
}
