using QueueCore.Simulation;
using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary><c>run scenario.json</c>: simulate, show the tables, write CSV, JSON and the HTML report.</summary>
internal static class RunCommand
{
    public static int Run(CommandLine line)
    {
        var path = line.File(1, "run: give a scenario file, e.g. run bench/scenarios/township.json");
        var directory = line.Out(Path.Combine("sim-out", Path.GetFileNameWithoutExtension(path)));
        var scenario = ScenarioFileException.Naming(path, () => ScenarioReader.Load(path));
        var options = line.Simulation();
        var result = ScenarioFileException.Naming(path, () => Simulate(scenario, options, Path.GetDirectoryName(Path.GetFullPath(path))));
        Tables.Show(result, path);
        Write(result, directory, path);
        return 0;
    }

    /// <summary>Runs, with a progress bar (on standard error) if it takes more than a second; an invalid scenario is
    /// refused before.</summary>
    public static SimulationResult Simulate(Scenario scenario, SimulationOptions options, string? baseDirectory, string? label = null)
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var name = label ?? (scenario.Name is { Length: > 0 } n ? n : "scenario"); // a null name is refused by the run
        var plan = ScenarioCompiler.Compile(scenario, baseDirectory); // a refusal comes before any progress bar
        var result = DeferredProgress.Run(name, options.Replications, progress => QueueCore.Simulation.Simulator.Run(plan, options, progress));
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        // The count is over every replication: said, or a replayed day of 276 tickets reads as 552.
        AnsiConsole.MarkupLineInterpolated($"{(label is null ? "" : label + ": ")}{result.TicketsIssued:N0} tickets in {options.Replications} replication{(options.Replications == 1 ? "" : "s")}, {result.Elapsed.TotalSeconds:0.00} s wall, {cpuSeconds:0.00} s CPU: {result.TicketsIssued / cpuSeconds:N0} tickets per CPU second");
        foreach (var notice in result.Notices)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Note{(label is null ? "" : " (" + label + ")")}:[/] {notice}");
        }

        return result;
    }

    /// <summary>Writes rows.csv, windows.csv, result.json and report.html; <paramref name="file"/>, the scenario file,
    /// titles the report when the scenario has no name.</summary>
    public static void Write(SimulationResult result, string directory, string? file = null)
    {
        Directory.CreateDirectory(directory);
        using (var rows = new StreamWriter(Path.Combine(directory, "rows.csv")))
        {
            ResultWriter.WriteRowsCsv(result, rows);
        }

        using (var windows = new StreamWriter(Path.Combine(directory, "windows.csv")))
        {
            ResultWriter.WriteWindowsCsv(result, windows);
        }

        using (var json = File.Create(Path.Combine(directory, "result.json")))
        {
            ResultWriter.WriteJson(result, json);
        }

        File.WriteAllText(Path.Combine(directory, "report.html"), HtmlReport.Build(result, file));
        AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{directory}/[/]: rows.csv, windows.csv, result.json, report.html");
    }
}
