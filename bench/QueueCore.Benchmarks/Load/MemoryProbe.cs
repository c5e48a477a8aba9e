using System.Globalization;
using System.Runtime.CompilerServices;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// <c>load-memory</c>: managed memory per hall and per waiting ticket, as <see cref="GC.GetTotalMemory(bool)"/>
/// after a full collection, before and after. Per hall: <see cref="SmallHall"/> (default hall options) in an engine
/// (added, day and windows opened through its handle), as a bare <see cref="Hall"/>, and as a bare hall with a
/// 16-slot ticket table (what a hall costs beyond its initial table); then <see cref="EngineTraffic.Hall"/> as the
/// load modes use it (initial ticket capacity 1 &lt;&lt; 14). Per ticket: one bare small hall filled with waiting
/// tickets (the ticket table grows by doubling, so the figure includes its spare capacity at that count).
/// </summary>
/// <remarks>
/// Synchronous, each measurement in its own method, each starting reading taken once the heap has settled
/// (<see cref="Settled"/>): a disposed engine can stay reachable for a moment from another thread's stack, and an
/// earlier async version of this probe charged a freed engine's halls to the next measurement that way.
/// </remarks>
internal static class MemoryProbe
{
    public static void Run(int halls, int tickets, int trafficHalls)
    {
        Console.WriteLine($"QueueCore memory: {halls} small halls, {trafficHalls} EngineTraffic halls, {tickets:N0} waiting tickets; one shard");
        var (engine, small) = EngineHalls(halls, SmallHall.Definition);
        Print("engine, 1 shard, no halls (fixed cost)", engine, 1, "engine");
        Print($"small hall in the engine ({SmallHall.Services} items, {SmallHall.Windows} windows, day and windows open)", small, halls, "hall");
        Print("small hall, bare Hall (day and windows open)", BareHalls(halls, i => SmallHall.Definition(i)), halls, "hall");
        Print("small hall, bare Hall, InitialTicketCapacity = 16 (the rest of a hall)",
            BareHalls(halls, i => SmallHall.Definition(i) with { InitialTicketCapacity = 16 }), halls, "hall");
        var (_, traffic) = EngineHalls(trafficHalls, EngineTraffic.Hall);
        Print($"EngineTraffic hall in the engine ({EngineTraffic.ServicesPerHall} items, {EngineTraffic.WindowsPerHall} windows, ticket capacity 1<<14)",
            traffic, trafficHalls, "hall");
        Print("EngineTraffic hall, bare Hall", BareHalls(trafficHalls, EngineTraffic.Hall), trafficHalls, "hall");
        Print("waiting ticket (one small hall)", WaitingTickets(tickets), tickets, "ticket");
    }

    /// <summary>Bytes of an engine with one shard and no halls, and of <paramref name="halls"/> halls added and opened.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long Engine, long Halls) EngineHalls(int halls, Func<int, HallDefinition> definition)
    {
        var before = Settled();
        using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        engine.Start();
        var empty = Measure();
        var handles = EngineTraffic.PrepareAsync(engine, halls, definition).GetAwaiter().GetResult();
        var full = Measure();
        GC.KeepAlive(handles);
        return (empty - before, full - empty);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long BareHalls(int count, Func<int, HallDefinition> definition)
    {
        var before = Settled();
        var halls = new Hall[count];
        for (var i = 0; i < count; i++)
        {
            halls[i] = OpenHall(definition(i));
        }

        var after = Measure();
        GC.KeepAlive(halls);
        return after - before;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long WaitingTickets(int tickets)
    {
        var hall = OpenHall(SmallHall.Definition(0));
        var now = DateTimeOffset.UnixEpoch;
        var before = Settled();
        for (var i = 0; i < tickets; i++)
        {
            now = now.AddSeconds(1);
            if (!hall.Apply(HallCommand.IssueTicket(i % SmallHall.Services), now).IsSuccess)
            {
                throw new InvalidOperationException($"Issue {i} was refused.");
            }
        }

        var after = Measure();
        if (hall.TotalWaiting != tickets)
        {
            throw new InvalidOperationException($"{hall.TotalWaiting} waiting, expected {tickets}.");
        }

        return after - before;
    }

    private static Hall OpenHall(HallDefinition definition)
    {
        var hall = new Hall(definition);
        var now = DateTimeOffset.UnixEpoch;
        hall.Apply(HallCommand.OpenDay(), now);
        foreach (var w in definition.Windows)
        {
            hall.Apply(HallCommand.OpenWindow(w.Id, clerk: w.Id), now);
        }

        return hall;
    }

    private static long Measure() => GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>
    /// A starting reading once the heap has settled: two full-collection readings 50 ms apart within 64 KiB (at most
    /// 2 s). Another thread (a pool thread still unwinding the continuation that completed the previous phase) can
    /// keep a disposed engine reachable for a moment; one run measured a small hall at -9 KB that way.
    /// </summary>
    private static long Settled()
    {
        var last = Measure();
        for (var i = 0; i < 40; i++)
        {
            Thread.Sleep(50);
            var now = Measure();
            if (Math.Abs(now - last) < 64 * 1024)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    private static void Print(string what, long bytes, int count, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {bytes / (double)count:N0} bytes per {unit} ({bytes / 1048576.0:F1} MiB / {count:N0})"));
}
