using QueueCore.Simulation;
using ScottPlot;

namespace QueueCore.Simulator;

/// <summary>The report's charts (ScottPlot); <see cref="Png"/> renders one for the page.</summary>
internal static class Charts
{
    private const int Width = 900, Height = 420;

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>Mean wait by the hour the wait began, one line per service, with the 95% interval as error bars (cut at 0).</summary>
    public static Plot WaitOverTheDay(SimulationResult result)
    {
        var plot = new Plot();
        var labels = ChartLabels.For(result);
        foreach (var id in result.ServiceIds)
        {
            var rows = result.Rows.Where(r => r.Key.Service == id && r.Key.Class is null && r.Key.Hour is { } && r[Metric.Served].Mean > 0).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }

            var xs = rows.Select(r => r.Key.Hour!.Value + 0.5).ToArray();
            var ys = rows.Select(r => r[Metric.MeanWait].Mean).ToArray();
            var line = plot.Add.Scatter(xs, ys, ServiceColour(result, id));
            line.LegendText = labels.Of(id);
            var bars = plot.Add.ErrorBar(xs, ys, [.. rows.Select(r => double.IsFinite(r[Metric.MeanWait].HalfWidth) ? r[Metric.MeanWait].HalfWidth : 0)]);
            bars.YErrorNegative = [.. bars.YErrorPositive!.Select((e, i) => Math.Min(e, ys[i]))]; // cut at 0, as the tables are: no wait is negative
            bars.Color = line.Color;
        }

        plot.Title("Mean wait over the day (by the hour the wait began)");
        ClockAxis(plot, result);
        plot.XLabel("time of day (a point: the waits begun in the hour around it)");
        plot.YLabel("minutes");
        plot.Legend.FontName = labels.Font;
        plot.ShowLegend();
        return plot;
    }

    /// <summary>Ticks at clock times (08:00, 09:00, ...; every second or more hours on a long day) over the counted
    /// hours: the axis read decimal hours (8.5 for half past eight). A day past midnight reads "+1d 02:00".</summary>
    private static void ClockAxis(Plot plot, SimulationResult result)
    {
        var (first, end) = (result.FirstHour, Math.Max(result.FirstHour + 1, result.Hours));
        var step = Math.Max(1, (int)Math.Ceiling((end - first) / 12.0));
        var hours = Enumerable.Range(0, ((end - first) / step) + 1).Select(i => first + (i * step)).ToArray();
        plot.Axes.Bottom.SetTicks(
            [.. hours.Select(h => (double)h)],
            [.. hours.Select(h => h < 24 ? $"{h:00}:00" : $"+{h / 24}d {h % 24:00}:00")]);
        plot.Axes.SetLimitsX(first - 0.3, hours[^1] + 0.3); // room for the end ticks' labels: at the edge the last one was cut
    }

    /// <summary>A service's colour in every chart: by its place in the scenario's services. Taken from the plot's own
    /// palette, it followed the plottables added, so the error bars of the wait over the day took colours too, and a
    /// service had one colour there and another in the wait distribution.</summary>
    public static Color ServiceColour(SimulationResult result, int service) =>
        Palette.GetColor(result.ServiceIds.ToList().IndexOf(service));

    /// <summary>The chart as PNG bytes, at the report's size.</summary>
    public static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Each window's utilisation (share of its open time calling or serving).</summary>
    public static Plot Utilisation(SimulationResult result)
    {
        var plot = new Plot();
        var windows = result.Windows.Take(150).ToArray();
        var bars = plot.Add.Bars([.. Enumerable.Range(0, windows.Length).Select(i => (double)i)], [.. windows.Select(w => double.IsFinite(w.Utilisation.Mean) ? w.Utilisation.Mean * 100 : 0)]);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, windows.Length).Select(i => (double)i)], [.. windows.Select(w => w.Window.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(0, 100);
        plot.Title("Utilisation per window");
        plot.XLabel("window");
        plot.YLabel("% of open time busy");
        return plot;
    }

    /// <summary>The share of served citizens by wait, in one-minute steps up to an hour (the point at m: waits from m to
    /// m + 1 minutes), one line per service.</summary>
    public static Plot WaitDistribution(SimulationResult result)
    {
        var plot = new Plot();
        var labels = ChartLabels.For(result);
        const int BinsPerMinute = 12; // 5-second bins
        for (var s = 0; s < result.ServiceIds.Count; s++)
        {
            var bins = result.WaitHistograms[s];
            var total = (double)bins.Sum();
            if (total == 0)
            {
                continue;
            }

            var xs = Enumerable.Range(0, 61).Select(m => (double)m).ToArray();
            var ys = xs.Select(m => bins.Skip((int)m * BinsPerMinute).Take(BinsPerMinute).Sum() / total * 100).ToArray();
            var line = plot.Add.Scatter(xs, ys, ServiceColour(result, result.ServiceIds[s]));
            line.LegendText = labels.Of(result.ServiceIds[s]);
            line.MarkerSize = 3;
        }

        // The point at 0 is waits under a minute, not only those called at once: "0 = called at once" made a planner read
        // township's 43% for social insurance as called at once, where 33% were (its waited share is 67%).
        plot.Title("Wait distribution (share of served citizens per minute of wait)");
        plot.XLabel("wait, minutes (the point at m: waits from m to m+1 minutes)");
        plot.YLabel("% of served");
        plot.Legend.FontName = labels.Font;
        plot.ShowLegend();
        return plot;
    }
}
