using System.Globalization;
using System.Net;
using System.Text;
using QueueCore.Simulation;

namespace QueueCore.Simulator;

/// <summary>One self-contained HTML page: the summary table and the charts as base64 PNG.</summary>
internal static class HtmlReport
{
    /// <param name="result">What the run found.</param>
    /// <param name="file">The scenario file, the page's title when the scenario has no name (it was empty, as the
    /// terminal's table title was).</param>
    public static string Build(SimulationResult result, string? file = null)
    {
        var title = Tables.Title(result, file);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html><html><head><meta charset="utf-8"><title>{{Encode(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1000px} table{border-collapse:collapse;font-size:13px}
            td,th{border:1px solid #ccc;padding:3px 6px;text-align:right} th{background:#f0f0f0} td:first-child,td:nth-child(2){text-align:left} td:nth-child(n+3){white-space:nowrap}</style></head><body>
            <h1>{{Encode(title)}}</h1>
            <p>{{result.Options.Replications}} replication{{(result.Options.Replications == 1 ? "" : "s")}} (seed {{result.Options.Seed}}), {{result.TicketsIssued:N0}} tickets simulated with the real QueueCore hall scheduler.
            {{Tables.Legend}} Waits in minutes.</p>

            """);
        foreach (var notice in result.Notices)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><b>Note:</b> {Encode(notice)}</p>\n");
        }

        if (result.TicketsRefused > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><b>Note:</b> {result.TicketsRefused:N0} arrivals were refused (over all replications): they came after the day closed with the last window, or past a service's daily cap or outside its issuing hours.</p>\n");
        }

        if (ChartLabels.For(result).ById is { Count: > 0 } byId)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><b>Note:</b> the charts name {Encode(string.Join(", ", byId.Select(id => $"service {id} ({result.Row(id)?.ServiceName})")))} by id: no font installed here draws {(byId.Count == 1 ? "its name" : "their names")} (for Chinese, Japanese or Korean names install a CJK font, e.g. Debian's fonts-wqy-microhei).</p>\n");
        }

        html.Append("""
            <table><tr><th>service</th><th>class</th><th>arrivals</th><th>mean wait</th><th>p50</th><th>p90</th><th>p99</th><th>within limit</th><th>abandoned</th><th>no-show</th><th>unserved</th><th>longest</th></tr>
            """);
        foreach (var row in Tables.SummaryRows(result))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{(row.Key.Class is null ? "<b>" + Encode(row.ServiceName) + "</b>" : "")}</td><td>{Encode(row.Key.Class ?? "")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{Encode(Tables.Arrivals(row[Metric.Arrivals].Mean))}</td><td>{Tables.Ci(row[Metric.MeanWait])}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{Tables.Number(row[Metric.P50Wait].Mean, "0.0")}</td><td>{Tables.Number(row[Metric.P90Wait].Mean, "0.0")}</td><td>{Tables.Number(row[Metric.P99Wait].Mean, "0.0")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{Tables.Share(row[Metric.WithinLimit])}</td><td>{Tables.Share(row[Metric.Abandoned])}</td><td>{Tables.Share(row[Metric.NoShows])}</td><td>{Tables.Share(row[Metric.Unserved])}</td><td>{Tables.Number(row[Metric.MaxWait].Mean, "0.0")}</td></tr>\n");
        }

        html.Append("</table>\n");
        Image(html, "Wait over the day", Charts.WaitOverTheDay(result));
        Image(html, "Utilisation per window", Charts.Utilisation(result));
        Image(html, "Wait distribution", Charts.WaitDistribution(result));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Image(StringBuilder html, string title, ScottPlot.Plot chart) =>
        html.Append(CultureInfo.InvariantCulture, $"<h2>{title}</h2><img alt=\"{title}\" src=\"data:image/png;base64,{Convert.ToBase64String(Charts.Png(chart))}\">\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
