using System.Diagnostics;
using QueueCore.Simulation;
using Spectre.Console;
using TimedRun = (QueueCore.Simulation.SimulationResult Result, double Seconds, double CpuSeconds, long AllocatedBytes, long HeapAfter);

namespace QueueCore.Simulator;

/// <summary><c>city</c>: a city's day (1,000 halls of 10 to 130 windows, two million tickets) as fast as it runs:
/// simulated tickets per second on one core, the speed-up of replications over the cores, and memory.</summary>
internal static class CityBenchmark
{
    /// <summary>Set in the child process the benchmark measures in.</summary>
    private const string JitVariable = "DOTNET_TieredCompilation";

    public static int Run(CommandLine line)
    {
        // Read the options first, so a wrong value is refused here, before a child process is announced and started.
        var halls = line.Int("halls", 1000, min: 1);
        var tickets = line.Int("tickets", 2_000_000, min: 1);
        var cores = Environment.ProcessorCount;
        var replications = line.Int("replications", cores, min: 1);
        if (Environment.GetEnvironmentVariable(JitVariable) is null && !line.Flag("no-tiering"))
        {
            return RunWithDefaultJit();
        }

        var clock = Stopwatch.StartNew();
        var plan = ScenarioCompiler.Compile(CityScenario.Build(halls, tickets));
        AnsiConsole.MarkupLineInterpolated($"{plan.Name}: compiled in {clock.Elapsed.TotalSeconds:0.0} s");

        // Warm-up: the whole day once on each thread count, untimed, so the timed runs use the code the JIT settles on
        // (with tiering, the profile-guided one it compiles in the background after the first calls).
        QueueCore.Simulation.Simulator.Run(plan, new SimulationOptions { Replications = cores, Seed = 99, MaxParallelism = 1 });
        QueueCore.Simulation.Simulator.Run(plan, new SimulationOptions { Replications = cores, Seed = 98, MaxParallelism = cores });
        Thread.Sleep(TimeSpan.FromSeconds(0.5)); // the JIT's background compilations queued by the warm-up finish untimed

        // One replication (or one core) runs on one thread either way: the serial and parallel runs would repeat the
        // first, and their ratio (1.0x, "not met") would measure nothing.
        var scaling = replications > 1 && cores > 1;
        var one = Timed(plan, 1, 1);
        (string Name, TimedRun Run)[] runs = scaling
            ?
            [
                ("1 replication, 1 thread", one),
                ($"{replications} replications, 1 thread", Timed(plan, replications, 1)),
                ($"{replications} replications, {cores} threads", Timed(plan, replications, cores)),
            ]
            : [("1 replication, 1 thread", one)];

        // Tickets per CPU second: on a shared machine the wall clock also counts other processes' time on our cores.
        var perCore = one.Result.TicketsIssued / one.CpuSeconds;
        var table = new Table().Title("City-scale day").AddColumns("run", "tickets", "wall s", "CPU s", "tickets/s (wall)", "tickets per CPU s", "allocated MB", "GC heap after MB");
        foreach (var (name, run) in runs)
        {
            table.AddRow(name, $"{run.Result.TicketsIssued:N0}", $"{run.Seconds:0.00}", $"{run.CpuSeconds:0.00}", $"{run.Result.TicketsIssued / run.Seconds:N0}", $"{run.Result.TicketsIssued / run.CpuSeconds:N0}", $"{run.AllocatedBytes / 1e6:N0}", $"{run.HeapAfter / 1e6:N0}");
        }

        AnsiConsole.Write(table);
        var result = one.Result;
        var total = result.Row((int?)null)!;
        AnsiConsole.MarkupLineInterpolated($"Simulated tickets per CPU second (one core): [bold]{perCore:N0}[/] (target >= 1,000,000: {(perCore >= 1e6 ? "met" : "not met")}); hall commands per ticket {result.Commands / (double)result.TicketsIssued:0.00}");
        if (scaling)
        {
            var speedUp = runs[1].Run.Seconds / runs[2].Run.Seconds;
            AnsiConsole.MarkupLineInterpolated($"Replications on {cores} threads: [bold]{speedUp:0.00}x[/] the serial wall-clock speed (target >= 1.8x: {(speedUp >= 1.8 ? "met" : "not met")}); load average {LoadAverage()} on {cores} cores");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"Replications over the cores: not measured ({(cores > 1 ? "one replication" : "one core")} runs on one thread; it takes --replications 2 or more on 2 or more cores)");
        }

        AnsiConsole.MarkupLineInterpolated($"Peak live tickets in one hall {result.PeakLiveTickets:N0}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB; the day: mean wait {total[Metric.MeanWait].Mean:0.0} min, {total[Metric.WithinLimit].Mean * 100:0.0}% within 15 min, abandoned {total[Metric.Abandoned].Mean * 100:0.0}%");
        return 0;
    }

    private static TimedRun Timed(SimulationPlan plan, int replications, int parallelism)
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

    /// <summary>
    /// Measures in a child process with the runtime's default JIT (tiered compilation with dynamic PGO). The CLI turns
    /// tiering off, which suits the short runs planners make (a 100-replication run spends a third of its time in
    /// tier-0 code otherwise); a city's day is one long loop, where the profile-guided code is 10-15% faster once warm.
    /// As BenchmarkDotNet runs each job in a process of its own, the runtime settings are the child's. <c>--no-tiering</c>
    /// measures in this process instead.
    /// </summary>
    private static int RunWithDefaultJit()
    {
        var args = Environment.GetCommandLineArgs();
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CityBenchmark).Assembly.Location); // launched as `dotnet QueueCore.Simulator.dll`
        }

        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[JitVariable] = "1";
        AnsiConsole.MarkupLine("Measuring in a child process with tiered compilation and dynamic PGO (the runtime's default; --no-tiering: in this process, tiering off as for other commands).");
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.ExitCode;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
