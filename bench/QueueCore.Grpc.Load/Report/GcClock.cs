namespace QueueCore.Grpc.Load.Report;

/// <summary>
/// This process's garbage collections (client and in-process server together): a phase's latency tail is read beside
/// the time the collector held every thread.
/// </summary>
internal readonly record struct GcClock(TimeSpan Paused, int Gen0, int Gen1, int Gen2)
{
    public static GcClock Now() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>What the collector did since <paramref name="start"/>.</summary>
    public static GcClock Since(GcClock start)
    {
        var now = Now();
        return new GcClock(now.Paused - start.Paused, now.Gen0 - start.Gen0, now.Gen1 - start.Gen1, now.Gen2 - start.Gen2);
    }

    /// <summary>"GC paused 42 ms (gen0 10, gen1 2, gen2 0)": a collection counts in every generation up to its own.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"GC paused {Paused.TotalMilliseconds:0} ms (gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2})");
}
