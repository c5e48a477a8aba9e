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

    private static Dictionary<string, ScottPlot.Color> Colours(ScottPlot.Plot plot) =>
        plot.GetPlottables<Scatter>().ToDictionary(s => s.LegendText, s => s.Color);
}
