using QueueCore.Grpc.Load.Report;

namespace QueueCore.Grpc.Load.Drivers;

/// <summary>
/// What the screens saw of the calls: how fast calls went out and arrived, the send-to-screen delay, the terminals'
/// reply time, and every call accounted for (expected = measured calls x screens of their hall).
/// </summary>
internal sealed record CallTrafficResult(
    double CallsPerSecond,
    double DeliveriesPerSecond,
    double UpdatesPerSecond,
    Latency Delay,
    Latency Reply,
    long Expected,
    long Delivered,
    long OutOfOrder,
    long Unmatched,
    long Refused,
    double Cores)
{
    public long Missing => Expected - Delivered;
}
