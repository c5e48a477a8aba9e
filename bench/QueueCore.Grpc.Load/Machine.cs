using System.Runtime;
using System.Runtime.InteropServices;

namespace QueueCore.Grpc.Load;

/// <summary>The line that says what the figures were measured on.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var gc = GCSettings.IsServerGC ? "server GC" : "workstation GC";
        var concurrent = GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent";
        return $"{Environment.ProcessorCount} cores ({Cpu()}), {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}, {gc} ({concurrent})";
    }

    /// <summary>The one-minute load average ("-" where the system does not say): how busy the shared machine was.</summary>
    public static string LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage) ? File.ReadAllText(loadAverage).Split(' ')[0] : "-";
    }

    private static string Cpu()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var model = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model is null ? RuntimeInformation.ProcessArchitecture.ToString() : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
