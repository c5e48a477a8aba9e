using QueueCore;
using QueueCore.Simulation;
using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary><c>memory</c>: bytes per hall and per waiting ticket at a million waiting tickets, in the engine's hall state
/// machine (10,000 halls, all windows closed so everything waits), and the simulation's own per-ticket table.</summary>
internal static class MemoryBenchmark
{
    public static int Run(CommandLine line)
    {
        var halls = line.Int("halls", 10_000, min: 1);
        var waiting = line.Int("waiting", 1_000_000, min: 1);
        if (waiting < halls)
        {
            // Each hall gets waiting / halls tickets: none, and every figure per ticket a division by zero.
            throw new CommandLineException($"--waiting: {waiting} is fewer than --halls ({halls}); every hall needs a waiting ticket at least");
        }

        var perHall = waiting / halls;
        var definitions = Enumerable.Range(0, halls).Select(i => new HallDefinition
        {
            Id = $"hall-{i}",
            Categories = [new ServiceCategory { Id = "all", Prefix = "A" }],
            Services = [.. Enumerable.Range(101, 8).Select(s => new ServiceItem { Id = s, Category = "all" })],
            Windows = [.. Enumerable.Range(1, 10).Select(w => new WindowDefinition { Id = w, Comprehensive = w <= 7, Skills = w > 7 ? [new WindowSkill { Service = 93 + w }] : [] })],
        }).ToArray();

        var baseline = Measure();
        var built = definitions.Select(d => new Hall(d)).ToArray();
        var now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        foreach (var hall in built)
        {
            hall.Apply(HallCommand.OpenDay(), now);
        }

        var withHalls = Measure();
        var classes = new[] { null, null, null, "elderly", null, "key-enterprise", null, null };
        for (var t = 0; t < perHall; t++)
        {
            foreach (var hall in built)
            {
                hall.Apply(HallCommand.IssueTicket(101 + (t % 8), priorityClass: classes[t % 8]), now.AddSeconds(t));
            }
        }

        var withTickets = Measure();
        var total = built.Sum(h => (long)h.TotalWaiting);

        // The simulation's own record of each live ticket: its per-hall table, filled the same way.
        var maps = Enumerable.Range(0, halls).Select(_ => new TicketMap()).ToArray();
        var beforeMaps = Measure();
        for (var t = 0; t < perHall; t++)
        {
            foreach (var map in maps)
            {
                map.Add((t + 1L) << 20);
            }
        }

        var withMaps = Measure();
        GC.KeepAlive(built);
        GC.KeepAlive(maps);

        var hallBytes = (withHalls - baseline) / (double)halls;
        var ticketBytes = (withTickets - withHalls) / (double)total;
        var simBytes = (withMaps - beforeMaps) / (double)total;
        AnsiConsole.MarkupLineInterpolated($"{halls:N0} halls (8 items, 10 windows, default options), {total:N0} tickets waiting");
        AnsiConsole.MarkupLineInterpolated($"Hall, day open, nothing waiting: [bold]{hallBytes:N0} B[/] per hall");
        var allIn = (withTickets - baseline) / (double)total;
        AnsiConsole.MarkupLineInterpolated($"Hall state per waiting ticket: [bold]{ticketBytes:N0} B[/] more per ticket; everything (halls included) over the waiting tickets: [bold]{allIn:N0} B[/] (target < 300 B: {(allIn < 300 ? "met" : "not met")})");
        AnsiConsole.MarkupLineInterpolated($"Simulation's own table per live ticket: {simBytes:N0} B (a {System.Runtime.CompilerServices.Unsafe.SizeOf<SimTicket>()}-byte record, open addressing at most half full); hall + simulation {ticketBytes + simBytes:N0} B");
        return 0;
    }

    private static long Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
