using QueueCore.Simulator;
using ScottPlot;
using ScottPlot.Plottables;

namespace QueueCore.Simulation.Tests.Cli;

/// <summary>The report's charts, read as plots.</summary>
public sealed class ChartsTests
{
    [Fact]
    public void WaitOverTheDayAndWaitDistribution_EachServiceHasOneColourInBoth()
    {
        // A planner reads the two charts together: the error bars of the first took a colour of the palette each, so
        // its second service was drawn in the third colour and the distribution's in the second.
        var result = Simulator.Run(TestScenarios.Township(), new SimulationOptions { Replications = 2 });

        var overTheDay = Colours(Charts.WaitOverTheDay(result));
        var distribution = Colours(Charts.WaitDistribution(result));

        Assert.Equal(["household", "social"], overTheDay.Keys.Order());
        Assert.Equal(overTheDay, distribution);
        Assert.NotEqual(overTheDay["household"], overTheDay["social"]);
    }

    [Fact]
    public void WaitOverTheDay_FromTwoReplications_ErrorBarsStopAtZero()
    {
        // Two replications: an hour's mean wait of 0.6 minutes had an interval of ±3.1, drawn down to -2.5 minutes.
        var result = Simulator.Run(TestScenarios.Township(), new SimulationOptions { Replications = 2 });

        var bars = Charts.WaitOverTheDay(result).GetPlottables<ErrorBar>().ToArray();

        Assert.NotEmpty(bars);
        Assert.Contains(bars, b => Enumerable.Range(0, b.Ys.Count).Any(i => b.YErrorPositive![i] > b.Ys[i])); // some interval is wider than its mean ...
        Assert.All(bars, b => Assert.All(Enumerable.Range(0, b.Ys.Count), i => Assert.True(b.Ys[i] - b.YErrorNegative![i] >= 0, $"{b.Ys[i]} - {b.YErrorNegative![i]}"))); // ... yet drawn down to 0 only
    }

    [Fact]
    public void WaitOverTheDay_TimeAxis_ShowsClockTimes()
    {
        // The axis read 8, 10, 12, ... (and 8.5 for half past): decimal hours, where a planner reads 08:00, 09:00.
        var result = Simulator.Run(TestScenarios.Township(), new SimulationOptions { Replications = 2 });
        var plot = Charts.WaitOverTheDay(result);

        Charts.Png(plot); // the ticks drawn
        var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();

        Assert.Contains("08:00", labels);
        Assert.Contains("12:00", labels);
        Assert.All(labels, l => Assert.Matches(@"^\d\d:\d\d$", l));
    }

    [Fact]
    public void WaitOverTheDayAndWaitDistribution_CjkServiceNames_LegendIsDrawnInAFontWithTheirCharacters()
    {
        // Chinese service names were drawn as boxes: the legend's font (the default, DejaVu or Liberation) has no CJK
        // glyphs. Where a font with them is installed (the test command installs one), the legend uses it; where none
        // is, the service's id stands in (ServiceNames_NoFontHasTheirCharacters_ChartsNameTheServicesById).
        var result = Simulator.Run(Renamed("户籍", "社会保险"), new SimulationOptions { Replications = 2 });

        foreach (var plot in new[] { Charts.WaitOverTheDay(result), Charts.WaitDistribution(result) })
        {
            var font = Fonts.GetTypeface(plot.Legend.FontName ?? Fonts.Default, bold: false, italic: false);
            Assert.All(plot.GetPlottables<Scatter>(), s => Assert.True(font.ContainsGlyphs(s.LegendText), $"{font.FamilyName} has no glyphs for {s.LegendText}"));
        }
    }

    [Fact]
    public void ServiceNames_NoFontHasTheirCharacters_ChartsNameTheServicesById()
    {
        // Egyptian hieroglyphs: no font on a Debian machine has them, so the names would be boxes; the charts say
        // "service 101" instead and the report says why.
        var result = Simulator.Run(Renamed("\U00013000\U00013001", "social"), new SimulationOptions { Replications = 2 });

        Assert.Equal(["service 101", "social"], Charts.WaitOverTheDay(result).GetPlottables<Scatter>().Select(s => s.LegendText).Order());
        Assert.Equal(["service 101", "social"], Charts.WaitDistribution(result).GetPlottables<Scatter>().Select(s => s.LegendText).Order());
        Assert.Contains("service 101", HtmlReport.Build(result), StringComparison.Ordinal);
    }

    private static Scenario Renamed(string first, string second)
    {
        var scenario = TestScenarios.Township();
        var hall = scenario.Halls[0];
        return scenario with { Halls = [hall with { Services = [hall.Services[0] with { Name = first }, hall.Services[1] with { Name = second }] }] };
    }

    private static Dictionary<string, Color> Colours(Plot plot) =>
        plot.GetPlottables<Scatter>().ToDictionary(s => s.LegendText, s => s.Color);
}
