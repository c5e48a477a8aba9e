using System.Diagnostics;
using HdrHistogram;

namespace QueueCore.Grpc.Load.Report;

/// <summary>
/// Latencies recorded from many threads: HdrHistogram (3 significant digits, up to a minute, in nanoseconds) in
/// stripes chosen by thread, each behind its own lock, merged when read. One lock would be contended at 100,000
/// records a second; a stripe's lock is almost always free.
/// </summary>
internal sealed class LatencyRecorder
{
    private const long Highest = 60L * 1_000_000_000;
    private readonly LongHistogram[] _stripes;

    public LatencyRecorder()
    {
        _stripes = new LongHistogram[Math.Max(4, Environment.ProcessorCount * 4)];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new LongHistogram(Highest, 3);
        }
    }

    /// <summary>Records the time from <paramref name="start"/> to <paramref name="end"/> (<see cref="Stopwatch"/> timestamps).</summary>
    public void Record(long start, long end)
    {
        var nanoseconds = Math.Clamp((long)((end - start) * (1e9 / Stopwatch.Frequency)), 0, Highest);
        var stripe = _stripes[Environment.CurrentManagedThreadId % _stripes.Length];
        lock (stripe)
        {
            stripe.RecordValue(nanoseconds);
        }
    }

    public Latency Read()
    {
        var all = new LongHistogram(Highest, 3);
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                all.Add(stripe);
            }
        }

        return all.TotalCount == 0
            ? Latency.None
            : new Latency(all.TotalCount, all.GetValueAtPercentile(50), all.GetValueAtPercentile(99), all.GetValueAtPercentile(99.9), all.GetMaxValue());
    }
}
