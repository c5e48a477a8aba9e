using QueueCore.Grpc.Load.Report;

namespace QueueCore.Grpc.Load.Drivers;

/// <summary>
/// A unary phase's figures: completed calls per second, their latency, failed calls, and the CPU the whole process
/// (clients and server) burned, as cores and per call, and the collector's pauses in the phase.
/// </summary>
internal sealed record UnaryResult(double PerSecond, Latency Latency, long Errors, double Cores, GcClock Gc)
{
    public double CpuMicrosecondsPerCall => PerSecond > 0 ? Cores * 1e6 / PerSecond : 0;
}
