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
