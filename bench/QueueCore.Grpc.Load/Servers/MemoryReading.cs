using System.Diagnostics;
using System.Globalization;

namespace QueueCore.Grpc.Load.Servers;

/// <summary>A process's managed heap after a full, compacting collection, and its working set.</summary>
internal readonly record struct MemoryReading(long Managed, long WorkingSet)
{
    public static MemoryReading Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemoryReading(managed, process.WorkingSet64);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Managed} {WorkingSet}");

    public static MemoryReading Parse(string text)
    {
        var parts = text.Split(' ');
        return new MemoryReading(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
