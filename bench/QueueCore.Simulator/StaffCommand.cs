using System.Globalization;
using QueueCore.Simulation;
using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary><c>staff scenario.json --target 0.9 --limit 15</c>: fewest windows per hour by simulation, Erlang C beside.</summary>
internal static class StaffCommand
{
    public static int Run(CommandLine line)
    {
        var path = line.Positional.ElementAtOrDefault(1) ?? throw new ScenarioException("staff: give a scenario file");
        var target = new StaffingTarget(line.Double("target", 0.9), TimeSpan.FromMinutes(line.Double("limit", 15)));
        StaffingPlan? plan = null;
        AnsiConsole.Status().Start("searching", ctx =>
            plan = StaffingSearch.Run(ScenarioReader.Load(path), target, line.Simulation(replications: 10), line.Int("max-simulations", 40),
                new Progress<string>(s => ctx.Status(Markup.Escape(s)))));
        var table = new Table().Title($"Fewest windows for {target.Share:P0} within {target.WaitLimit.TotalMinutes:0} min")
            .AddColumns("hour", "windows (simulation)", "windows (Erlang C)", "within limit (simulated, 95%)");
        for (var k = 0; k < plan!.Windows.Count; k++)
        {
            var h = plan.SlotStarts[k];
            table.AddRow(
                string.Create(CultureInfo.InvariantCulture, $"{(int)h:00}:{(int)((h % 1) * 60):00}"), plan.Windows[k].ToString(CultureInfo.InvariantCulture),
                plan.ErlangC[k].ToString(CultureInfo.InvariantCulture), Tables.Share(plan.WithinLimit[k]));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{plan.Simulations} staffing variants simulated; target {(plan.MetTarget ? "met in every hour" : "[red]not met[/] (search bound reached)")}; window-hours: simulation {plan.Windows.Sum()}, Erlang C {plan.ErlangC.Sum()}");
        return plan.MetTarget ? 0 : 3;
    }
}
