using QueueCore.Simulator;
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

    private static Dictionary<string, ScottPlot.Color> Colours(ScottPlot.Plot plot) =>
        plot.GetPlottables<Scatter>().ToDictionary(s => s.LegendText, s => s.Color);
}
