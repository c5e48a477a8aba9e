using QueueCore.Simulation;
using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary><c>whatif a.json b.json</c>: both scenarios with the same seeds, side by side, B - A with its interval.</summary>
internal static class WhatIfCommand
{
    private static readonly Metric[] Shown = [Metric.MeanWait, Metric.P90Wait, Metric.WithinLimit, Metric.Abandoned];

    public static int Run(CommandLine line)
    {
        const string Missing = "whatif: give two scenario files, e.g. whatif bench/scenarios/township.json bench/scenarios/township-window7.json";
        var (pathA, pathB) = (line.File(1, Missing), line.File(2, Missing));
        var directory = line.Out("sim-out/whatif");
        var options = line.Simulation();
        var (scenarioA, directoryA) = (ScenarioFileException.Naming(pathA, () => ScenarioReader.Load(pathA)), Path.GetDirectoryName(Path.GetFullPath(pathA)));
        var (scenarioB, directoryB) = (ScenarioFileException.Naming(pathB, () => ScenarioReader.Load(pathB)), Path.GetDirectoryName(Path.GetFullPath(pathB)));

        // Both are checked before either runs: a mistake in B must not show only after A's replications have run. Each
        // names its file: "halls[0].services[0].handling: is required" did not say whether A or B lacked it.
        ScenarioFileException.Naming(pathA, () => ScenarioCompiler.Compile(scenarioA, directoryA));
        ScenarioFileException.Naming(pathB, () => ScenarioCompiler.Compile(scenarioB, directoryB));
        var (labelA, labelB) = ("A: " + Path.GetFileName(pathA), "B: " + Path.GetFileName(pathB));
        var a = RunCommand.Simulate(scenarioA, options, directoryA, labelA);
        var b = RunCommand.Simulate(scenarioB, options, directoryB, labelB);
        var rows = Comparison.Compare(a, b).Where(r => r.Key.Class is null && r.Key.Hour is null).ToArray();
        var (nameA, nameB) = (Named(a, pathA), Named(b, pathB));
        var table = new Table().Title($"[bold]What if[/]: A = {Markup.Escape(nameA)}, B = {Markup.Escape(nameB)} ({options.Replications} paired replications)")
            .AddColumn("service");
        foreach (var m in Shown)
        {
            table.AddColumns($"{Label(m)} A", $"{Label(m)} B", "B - A (95%)");
        }

        foreach (var row in rows)
        {
            var cells = new List<string> { Markup.Escape(row.ServiceName) };
            foreach (var m in Shown)
            {
                var share = m is Metric.WithinLimit or Metric.Abandoned;
                cells.Add(share ? Tables.Share(row.A[m]) : Tables.Ci(row.A[m]));
                cells.Add(share ? Tables.Share(row.B[m]) : Tables.Ci(row.B[m]));
                cells.Add(Difference(row[m], share));
            }

            table.AddRow([.. cells]);
        }

        AnsiConsole.Write(table);
        foreach (var only in Comparison.OneSided(a, b))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Note:[/] {OneSided(only)} is only in {(only.InA ? "A" : "B")}: not compared");
        }

        Tables.ShowRefused(a, labelA); // below the table, where run shows it: refused arrivals are in neither figure
        Tables.ShowRefused(b, labelB);
        RunCommand.Write(a, Path.Combine(directory, "a"), pathA);
        RunCommand.Write(b, Path.Combine(directory, "b"), pathB);
        using (var csv = new StreamWriter(Path.Combine(directory, "difference.csv")))
        {
            ResultWriter.WriteDifferenceCsv(Comparison.Compare(a, b), csv);
        }

        AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.Combine(directory, "difference.csv")}[/]: B - A per row and figure, with its interval");

        return 0;
    }

    /// <summary>The scenario's name, or its file's when it has none.</summary>
    private static string Named(SimulationResult result, string path) => result.Name is { Length: > 0 } name ? name : Path.GetFileName(path);

    /// <summary>What a row only one run has covers, e.g. "service 102 (licences)", "class elderly of service 101", "hour 08:00".</summary>
    private static string OneSided(OneSidedRow only) => only.Key switch
    {
        { Service: { } s, Class: { } c } => $"class {c} of service {s}",
        { Service: { } s } => $"service {s} ({only.ServiceName})",
        { Hour: { } h } => $"hour {h:00}:00",
        _ => only.ServiceName,
    };

    private static string Label(Metric m) => m switch
    {
        Metric.MeanWait => "mean wait",
        Metric.P90Wait => "p90",
        Metric.WithinLimit => "within",
        _ => "abandoned",
    };

    /// <summary>The difference, in bold when its interval excludes zero; alone when it has none (one replication: it
    /// read "+3.1 ± NaN").</summary>
    private static string Difference(Estimate d, bool share)
    {
        if (!double.IsFinite(d.Mean))
        {
            return "-";
        }

        var scale = share ? 100 : 1;
        var interval = double.IsFinite(d.HalfWidth) ? $" ± {d.HalfWidth * scale:0.0}" : "";
        var text = $"{d.Mean * scale:+0.0;-0.0}{interval}{(share ? " pt" : "")}";
        var significant = d.Low > 0 || d.High < 0;
        return significant ? $"[bold]{Markup.Escape(text)}[/]" : Markup.Escape(text);
    }
}
