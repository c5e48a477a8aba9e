using System.Globalization;
using QueueCore.Simulation;
using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary>Result tables for the terminal.</summary>
internal static class Tables
{
    /// <summary>What the summary table's figures are, under it in the terminal and above it in report.html (as is: no
    /// markup, and HTML-encoding would turn its ± and quotes into entities).</summary>
    public const string Legend = "Arrivals per day and the windows' figures are means over the replications (days); the mean wait, p50, p90, "
        + "p99, the longest and the shares (within limit, abandoned, no-show, unserved) are of all replications' waits and tickets "
        + "pooled; ± is the half-width of the 95% confidence interval of the days' own figures. An interval that would reach below 0 "
        + "(or a share's above 100%), as few replications' can, is cut there and shown by its ends, e.g. 0.6 (0.0-3.7).";

    /// <remarks>"unserved" (still waiting when the day closed) is shown beside abandoned and no-show: the waits count
    /// only those called, so without it a day that sent a fifth of its citizens home read as a shorter wait.</remarks>
    /// <param name="result">What the run found.</param>
    /// <param name="file">The scenario file, named in the title when the scenario has no name (the title began ": 20 replications").</param>
    public static void Show(SimulationResult result, string? file = null)
    {
        var title = Title(result, file);
        var replications = result.Options.Replications;
        var table = new Table().Border(TableBorder.Simple)
            .Title($"[bold]{Markup.Escape(title)}[/]: {replications} replication{(replications == 1 ? "" : "s")}, seed {result.Options.Seed}; waits in minutes, ± the 95% interval")
            .AddColumns("service / class", "arrivals", "mean wait", "p50", "p90", "p99", "within limit", "abandoned", "no-show", "unserved", "longest");
        foreach (var row in SummaryRows(result))
        {
            var name = row.Key.Service is null ? "[bold]all services[/]" : row.Key.Class is null ? $"[bold]{Markup.Escape(row.ServiceName)}[/]" : "  " + Markup.Escape(row.Key.Class);
            table.AddRow(
                name, Arrivals(row[Metric.Arrivals].Mean), Ci(row[Metric.MeanWait]),
                Number(row[Metric.P50Wait].Mean, "0.0"), Number(row[Metric.P90Wait].Mean, "0.0"), Number(row[Metric.P99Wait].Mean, "0.0"),
                Share(row[Metric.WithinLimit]), Share(row[Metric.Abandoned]), Share(row[Metric.NoShows]), Share(row[Metric.Unserved]),
                Number(row[Metric.MaxWait].Mean, "0.0")); // to a tenth as the percentiles: rounded whole, it read below the p99 ("2" beside "2.1")
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(Legend); // a line of its own: a caption would wrap at the table's width
        const int Shown = 40; // a terminal's worth
        var windows = new Table().Border(TableBorder.Simple).Title("Windows").AddColumns("hall", "window", "utilisation", "served", "open h");
        foreach (var w in result.Windows.Take(Shown))
        {
            windows.AddRow(Markup.Escape(w.Hall), w.Window.ToString(CultureInfo.InvariantCulture), Share(w.Utilisation), Number(w.Served.Mean, "0"), Number(w.OpenHours.Mean, "0.0"));
        }

        AnsiConsole.Write(windows);
        if (result.Windows.Count > Shown)
        {
            // Said, so that a planner who counts the rows does not take the rest for windows the run lost.
            AnsiConsole.MarkupLineInterpolated($"The table shows the first {Shown} of {result.Windows.Count} windows; windows.csv has them all.");
        }

        ShowRefused(result);
    }

    /// <summary>The scenario's name, or its file's when it has none (the name is optional).</summary>
    public static string Title(SimulationResult result, string? file) =>
        result.Name is { Length: > 0 } given ? given : file is null ? "scenario" : Path.GetFileName(file);

    /// <summary>Warns of arrivals the halls refused, if any: <paramref name="label"/> names the run when several are shown.</summary>
    public static void ShowRefused(SimulationResult result, string? label = null)
    {
        if (result.TicketsRefused > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{(label is null ? "" : label + ": ")}{result.TicketsRefused:N0} arrivals were refused[/] (over all replications): they came after the day closed with the last window, or past a service's daily cap or outside its issuing hours; check the shifts, caps and issuing hours against the arrival slots.");
        }
    }

    /// <summary>The whole-day rows in reading order: all services, then each service followed by its classes.</summary>
    public static IEnumerable<ResultRow> SummaryRows(SimulationResult result)
    {
        yield return result.Row((int?)null)!;
        foreach (var id in result.ServiceIds)
        {
            yield return result.Row(id)!;
            foreach (var cls in result.ClassIds)
            {
                if (result.Row(new ResultKey(id, cls, null)) is { } row && row[Metric.Arrivals].Mean > 0)
                {
                    yield return row;
                }
            }
        }
    }

    /// <summary>A wait (or another figure that cannot be negative), "mean±half-width", or by its ends where the interval is cut at 0.</summary>
    public static string Ci(Estimate e, string unit = "") => Interval(e, 1, double.PositiveInfinity, unit);

    /// <summary>A share in percent, "mean±half-width%", or by its ends where the interval is cut at 0 or 100%.</summary>
    public static string Share(Estimate e) => Interval(e, 100, 1, "%");

    /// <summary>Two replications far apart give a t interval wider than the figure ("0.6±3.1" minutes, "95.0±12.7%"): it
    /// is cut at 0 and <paramref name="max"/> (as <see cref="Legend"/> says) and then shown by its ends, "0.6 (0.0-3.7)".</summary>
    private static string Interval(Estimate e, double scale, double max, string unit)
    {
        if (!double.IsFinite(e.Mean))
        {
            return "-";
        }

        if (double.IsNaN(e.HalfWidth))
        {
            return $"{e.Mean * scale:0.0}{unit}";
        }

        var (low, high) = (Math.Max(0, e.Low), Math.Min(max, e.High));
        return low == e.Low && high == e.High ? $"{e.Mean * scale:0.0}±{e.HalfWidth * scale:0.0}{unit}" : $"{e.Mean * scale:0.0} ({low * scale:0.0}-{high * scale:0.0}){unit}";
    }

    /// <summary>Arrivals per day: whole, but a rare class's fraction of one a day ("0.2", "&lt;0.1") does not read as
    /// none, beside the waits of those who came.</summary>
    public static string Arrivals(double perDay) => perDay is > 0 and < 0.05 ? "<0.1" : Number(perDay, perDay < 1 ? "0.#" : "0");

    public static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
