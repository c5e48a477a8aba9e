using System.Globalization;

namespace QueueCore.Grpc.Load.Report;

/// <summary>
/// This process's garbage collections (client and in-process server together): a phase's latency tail is read beside
/// the time the collector held every thread, and what the last young collection had to keep.
/// </summary>
internal readonly record struct GcClock(TimeSpan Paused, int Gen0, int Gen1, int Gen2, long LastPromotedBytes, TimeSpan LastPause)
{
    public static GcClock Now() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), 0, default);

    /// <summary>What the collector did since <paramref name="start"/>, with the last young (gen0 or gen1) collection's figures.</summary>
    public static GcClock Since(GcClock start)
    {
        var now = Now();
        var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        var lastPause = last.PauseDurations.Length > 0 ? last.PauseDurations[0] : default;
        return new GcClock(now.Paused - start.Paused, now.Gen0 - start.Gen0, now.Gen1 - start.Gen1, now.Gen2 - start.Gen2, last.PromotedBytes, lastPause);
    }

    /// <summary>"GC paused 42 ms (gen0 10, gen1 2, gen2 0; last young: 1.2 MB promoted, 4 ms)": a collection counts in every generation up to its own.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"GC paused {Paused.TotalMilliseconds:0} ms (gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}; last young: {LastPromotedBytes / 1e6:0.0} MB promoted, {LastPause.TotalMilliseconds:0.0} ms)");
}
