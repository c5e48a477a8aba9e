using System.Diagnostics;

namespace QueueCore.Grpc.Load.Report;

/// <summary>This process's CPU time (client and in-process server together), to charge a phase with what it burned.</summary>
internal readonly record struct CpuClock(TimeSpan Cpu, long Wall)
{
    public static CpuClock Now()
    {
        using var process = Process.GetCurrentProcess();
        return new CpuClock(process.TotalProcessorTime, Stopwatch.GetTimestamp());
    }

    /// <summary>CPU time since <paramref name="start"/> as cores busy on average (1.0 = one core all the time).</summary>
    public static double CoresSince(CpuClock start)
    {
        var now = Now();
        return (now.Cpu - start.Cpu).TotalSeconds / Stopwatch.GetElapsedTime(start.Wall, now.Wall).TotalSeconds;
    }
}
