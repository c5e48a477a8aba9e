namespace QueueCore.Grpc.Load.Report;

/// <summary>A latency distribution's summary, in nanoseconds.</summary>
internal readonly record struct Latency(long Count, long P50, long P99, long P999, long Max)
{
    public static readonly Latency None = new(0, 0, 0, 0, 0);
}
