using System.Globalization;
using QueueCore.Simulation;
using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary><c>staff scenario.json --target 0.9 --limit 15</c>: fewest windows per hour of each hall by simulation, Erlang C beside.</summary>
internal static class StaffCommand
{
    /// <summary>Enough for a slot's 95% interval to be a few points wide, so judging on its lower bound (see
    /// <see cref="StaffingSearch"/>) asks for few windows beyond what the mean would, and for the days drawn to include
    /// an hour's rare bad ones.</summary>
    public const int DefaultReplications = 40;

    public static int Run(CommandLine line)
    {
        var path = line.File(1, "staff: give a scenario file, e.g. staff bench/scenarios/township.json");
        var (share, limit) = (line.Double("target", 0.9), line.Double("limit", 15));
        if (share is <= 0 or >= 1)
        {
            throw new CommandLineException($"--target: {share.ToString(CultureInfo.InvariantCulture)} is not a share between 0 and 1 (e.g. 0.9: 90% within the limit)");
        }

        if (limit is <= 0 or > 1_000_000) // longer overflowed the search's clock: a crash
        {
            throw new CommandLineException($"--limit: {limit.ToString(CultureInfo.InvariantCulture)} is not a wait limit in minutes (more than 0, at most 1000000)");
        }

        var target = new StaffingTarget(share, TimeSpan.FromMinutes(limit));
        var maxSimulations = line.Int("max-simulations", 40, min: 1);
        var options = line.Simulation(replications: DefaultReplications);
        var scenario = ScenarioFileException.Naming(path, () => ScenarioReader.Load(path));
        ScenarioFileException.Naming(path, () => StaffingSearch.Validate(scenario)); // every hall, before any progress is shown
        IReadOnlyList<StaffingPlan> plans = [];
        StandardError.Console.Status().Start("searching", ctx =>
            plans = StaffingSearch.RunEachHall(scenario, target, options, maxSimulations, new Progress<string>(s => ctx.Status(Markup.Escape(s)))));
        foreach (var plan in plans)
        {
            Show(plan, target, options, maxSimulations);
        }

        AnsiConsole.MarkupLineInterpolated($"Erlang C: each hour alone, in steady state, offered every item of each ticket, absent citizens' recalls instead of their handling, and without those expected to leave before their call; it ignores {ErlangCStaffing.Ignores}.");
        return plans.All(p => p.MetTarget) ? 0 : 3;
    }

    /// <summary>One hall's plan: its table, headed by the hall, what the planner should know of it, and its verdict.</summary>
    private static void Show(StaffingPlan plan, StaffingTarget target, SimulationOptions options, int maxSimulations)
    {
        var share = target.Share;
        var hall = Markup.Escape(plan.Hall);
        var table = new Table().Title(string.Create(CultureInfo.InvariantCulture, $"Hall {hall}: fewest windows for {share * 100:0.##}% within {target.WaitLimit.TotalMinutes:0.##} min"))
            .AddColumns("hour", "windows (simulation)", "windows (Erlang C)", "within limit (simulated, 95%)", "judged on (lower 95% bound, of waits)");
        for (var k = 0; k < plan.Windows.Count; k++)
        {
            table.AddRow(
                Slot(plan, k), plan.Windows[k].ToString(CultureInfo.InvariantCulture),
                plan.ErlangC[k].ToString(CultureInfo.InvariantCulture), Tables.Share(plan.WithinLimit[k]),
                plan.Waits[k] == 0 ? "no waits" : string.Create(CultureInfo.InvariantCulture, $"{plan.LowerBounds[k] * 100:0.0}% of {plan.Waits[k]:N0} waits"));
        }

        AnsiConsole.Write(table);
        // Every wait within the limit (the pooled share 1), yet the bound short of the target: too few waits.
        var unsure = Enumerable.Range(0, plan.Windows.Count).Where(k => plan.LowerBounds[k] < share && plan.WithinLimit[k].Mean >= 1).Select(k => Slot(plan, k)).ToArray();
        if (unsure.Length > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Too few waits to be sure in {string.Join(", ", unsure)}[/] (every one within the limit): more windows cannot help; raise --replications.");
        }

        foreach (var notice in plan.Notices)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Note:[/] {notice}");
        }

        if (plan.MetTarget && Enumerable.Range(0, plan.Windows.Count).Where(k => !plan.Fewest[k]).Select(k => Slot(plan, k)).ToArray() is [_, ..] untried)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]The search reached --max-simulations ({maxSimulations}) before trying one window fewer in {string.Join(", ", untried)}[/]: those hours may need fewer windows than shown; raise --max-simulations to finish the search.");
        }

        AnsiConsole.MarkupLineInterpolated($"The last hour's windows stay open until {Clock(plan.LastWindowsUntil)}, as simulated, to serve those still waiting when arrivals end at {Clock(plan.SlotEnds[^1])}: staff them so, or the citizens then waiting go unserved and the last hour misses the target.");
        // The verdict is markup of its own: interpolated, it was escaped, and the terminal showed "[red]not met[/]".
        var bounded = plan.LowerBounds.Count(b => b < share) > unsure.Length; // some hour missed with waits beyond the limit
        var verdict = plan.MetTarget ? "met in every hour (each hour's lower 95% bound)" : bounded ? "[red]not met[/] (search bound reached)" : "[red]not met[/] (too few waits to be sure)";
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Hall {hall}: {plan.Simulations} staffing variants simulated, {options.Replications} replications each; target {verdict}; window-hours: simulation {WindowHours(plan, plan.Windows) + (plan.Windows[^1] * (plan.LastWindowsUntil - plan.SlotEnds[^1])):0.#} (the last hour's {plan.Windows[^1]} windows to {Clock(plan.LastWindowsUntil)} included), Erlang C {WindowHours(plan, plan.ErlangC):0.#}"));
    }

    private static string Slot(StaffingPlan plan, int k) => $"{Clock(plan.SlotStarts[k])}-{Clock(plan.SlotEnds[k])}";

    /// <summary>Windows times the hours of their slots (a partial first or last slot counts its part of an hour); the
    /// simulated plan's last windows also stay on to <see cref="StaffingPlan.LastWindowsUntil"/>, which its caller adds.</summary>
    private static double WindowHours(StaffingPlan plan, IReadOnlyList<int> windows) =>
        windows.Select((n, k) => n * (plan.SlotEnds[k] - plan.SlotStarts[k])).Sum();

    private static string Clock(double hours)
    {
        var minutes = (int)Math.Round(hours * 60);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
    }
}
