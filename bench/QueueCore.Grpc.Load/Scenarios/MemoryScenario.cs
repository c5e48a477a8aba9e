using QueueCore.Grpc.Load.Clients;
using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Servers;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>
/// 4. Memory per idle display stream: each server in a child process of its own; its managed heap (after a full
/// collection) and working set before and after opening the streams, divided by the streams. Over shared
/// connections (100 streams each) and with a connection each.
/// </summary>
internal static class MemoryScenario
{
    private const int WarmupStreams = 20;

    public static async Task RunAsync(LoadSettings s)
    {
        Console.WriteLine($"## memory: idle display streams over {s.MemoryHalls} halls, server in a child process; growth of its managed heap " +
            "(GC.GetTotalMemory after a full collection) and working set, per stream");
        var table = new Table("streams", "real managed", "real working set", "bare managed", "bare working set", "real/bare (managed)", "target", "verdict");
        foreach (var (count, connectionEach, target) in new[] { (s.IdleStreams, false, 12 * 1024), (s.IdleConnections, true, 40 * 1024) })
        {
            var real = await PerStreamAsync(ServerKind.Real, s, count, connectionEach);
            Console.WriteLine($"  Real, {count} streams{(connectionEach ? ", a connection each" : "")}: {Table.Bytes(real.Managed)} managed, {Table.Bytes(real.WorkingSet)} working set per stream");
            var bare = await PerStreamAsync(ServerKind.Bare, s, count, connectionEach);
            Console.WriteLine($"  Bare, {count} streams{(connectionEach ? ", a connection each" : "")}: {Table.Bytes(bare.Managed)} managed, {Table.Bytes(bare.WorkingSet)} working set per stream");
            table.Row(
                $"{count:N0}, {(connectionEach ? "a connection each" : $"{LoadSettings.StreamsPerConnection} per connection")}",
                Table.Bytes(real.Managed), Table.Bytes(real.WorkingSet), Table.Bytes(bare.Managed), Table.Bytes(bare.WorkingSet),
                Table.Ratio(real.Managed, bare.Managed), $"< {target / 1024} KB",
                $"managed {(real.Managed < target ? "met" : "**not met**")}, working set {(real.WorkingSet < target ? "met" : "**not met**")}");
        }

        table.Print();
    }

    private static async Task<(double Managed, double WorkingSet)> PerStreamAsync(ServerKind kind, LoadSettings s, int count, bool connectionEach)
    {
        await using var server = await ChildServer.StartAsync(kind, s.MemoryHalls, s.Engine, s.ServerConfiguration);
        var halls = LoadHalls.Ids(s.MemoryHalls);
        await using (await IdleScreens.OpenAsync(server.Address, halls, WarmupStreams, connectionEach))
        {
            // first use of every path (JIT, pools) is not charged to the measured streams
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var before = await server.MeasureAsync();
        await using var screens = await IdleScreens.OpenAsync(server.Address, halls, count, connectionEach);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = await server.MeasureAsync();
        await Task.Delay(s.Hold);
        return ((after.Managed - before.Managed) / (double)count, (after.WorkingSet - before.WorkingSet) / (double)count);
    }
}
