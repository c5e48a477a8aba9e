using System.Diagnostics;
using QueueCore.Simulation;
using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary><c>city</c>: a city's day (1,000 halls of 10 to 130 windows, two million tickets) as fast as it runs:
/// simulated tickets per second on one core, the speed-up of replications over the cores, and memory.</summary>
internal static class CityBenchmark
{
    public static int Run(CommandLine line)
    {
        var halls = line.Int("halls", 1000);
        var tickets = line.Int("tickets", 2_000_000);
        var cores = Environment.ProcessorCount;
        var replications = line.Int("replications", cores);
        var clock = Stopwatch.StartNew();
        var plan = ScenarioCompiler.Compile(CityScenario.Build(halls, tickets));
        AnsiConsole.MarkupLineInterpolated($"{plan.Name}: compiled in {clock.Elapsed.TotalSeconds:0.0} s");

        // Warm-up: a small slice of the city, so the timed runs use optimised code.
        QueueCore.Simulation.Simulator.Run(ScenarioCompiler.Compile(CityScenario.Build(50, tickets / 20)), new SimulationOptions { Replications = cores, Seed = 99 });

        var one = Timed(plan, 1, 1);
        var serial = Timed(plan, replications, 1);
        var parallel = Timed(plan, replications, cores);

        // Tickets per CPU second: on a shared machine the wall clock also counts other processes' time on our cores.
        var perCore = one.Result.TicketsIssued / one.CpuSeconds;
        var table = new Table().Title("City-scale day").AddColumns("run", "tickets", "wall s", "CPU s", "tickets/s (wall)", "tickets per CPU s", "allocated MB", "GC heap after MB");
        foreach (var (name, run) in new[] { ("1 replication, 1 thread", one), ($"{replications} replications, 1 thread", serial), ($"{replications} replications, {cores} threads", parallel) })
        {
            table.AddRow(name, $"{run.Result.TicketsIssued:N0}", $"{run.Seconds:0.00}", $"{run.CpuSeconds:0.00}", $"{run.Result.TicketsIssued / run.Seconds:N0}", $"{run.Result.TicketsIssued / run.CpuSeconds:N0}", $"{run.AllocatedBytes / 1e6:N0}", $"{run.HeapAfter / 1e6:N0}");
        }

        AnsiConsole.Write(table);
        var scaling = serial.Seconds / parallel.Seconds;
        var result = one.Result;
        var total = result.Row((int?)null)!;
        AnsiConsole.MarkupLineInterpolated($"Simulated tickets per CPU second (one core): [bold]{perCore:N0}[/] (target >= 1,000,000: {(perCore >= 1e6 ? "met" : "not met")}); hall commands per ticket {result.Commands / (double)result.TicketsIssued:0.00}");
        AnsiConsole.MarkupLineInterpolated($"Replications on {cores} threads: [bold]{scaling:0.00}x[/] the serial wall-clock speed (target >= 1.8x: {(scaling >= 1.8 ? "met" : "not met")}); load average {LoadAverage()} on {cores} cores");
        AnsiConsole.MarkupLineInterpolated($"Peak live tickets in one hall {result.PeakLiveTickets:N0}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB; the day: mean wait {total[Metric.MeanWait].Mean:0.0} min, {total[Metric.WithinLimit].Mean:P1} within 15 min, abandoned {total[Metric.Abandoned].Mean:P1}");
        return 0;
    }

    private static (SimulationResult Result, double Seconds, double CpuSeconds, long AllocatedBytes, long HeapAfter) Timed(SimulationPlan plan, int replications, int parallelism)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = QueueCore.Simulation.Simulator.Run(plan, new SimulationOptions { Replications = replications, Seed = 1, MaxParallelism = parallelism });
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (result, seconds, (process.TotalProcessorTime - cpu).TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
