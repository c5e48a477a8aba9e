namespace QueueCore.Simulation.Tests.Results;

public sealed class ComparisonTests
{
    [Fact]
    public void Compare_OneMoreWindow_WaitDropsWithAnIntervalBelowZero()
    {
        var a = TestScenarios.Township(load: 1.3);
        var hall = a.Halls[0];
        var b = a with { Halls = [hall with { Windows = [.. hall.Windows, new WindowScenario { Id = 9, Comprehensive = true, Shifts = [TestScenarios.Span(10, 17)] }] }] };
        var options = new SimulationOptions { Replications = 8, Seed = 4 };
        var rows = Comparison.Compare(Simulator.Run(a, options), Simulator.Run(b, options));
        var total = rows.Single(r => r.Key == new ResultKey(null, null, null));

        Assert.True(total.Paired);
        Assert.True(total[Metric.MeanWait].High < 0, $"mean wait change {total[Metric.MeanWait]} min");
        Assert.Equal(total.B[Metric.MeanWait].Mean - total.A[Metric.MeanWait].Mean, total[Metric.MeanWait].Mean, 9);
    }

    [Fact]
    public void Compare_SameScenarioSameSeed_NoDifference()
    {
        var options = new SimulationOptions { Replications = 3 };
        var rows = Comparison.Compare(Simulator.Run(TestScenarios.Township(), options), Simulator.Run(TestScenarios.Township(), options));
        Assert.All(rows, r => Assert.True(r[Metric.MeanWait].Samples == 0 || r[Metric.MeanWait].Mean == 0));
    }

    [Fact]
    public void Compare_PairedIntervalIsNarrowerThanIndependentRuns()
    {
        // Common random numbers: the same citizens in both variants remove most of the day-to-day noise.
        var a = TestScenarios.Township(load: 1.2);
        var hall = a.Halls[0];
        var b = a with { Halls = [hall with { Windows = [.. hall.Windows, new WindowScenario { Id = 9, Comprehensive = true, Shifts = [TestScenarios.Span(11, 15)] }] }] };
        var runA = Simulator.Run(a, new SimulationOptions { Replications = 8, Seed = 1 });
        var paired = Comparison.Compare(runA, Simulator.Run(b, new SimulationOptions { Replications = 8, Seed = 1 })).First();
        var independent = Comparison.Compare(runA, Simulator.Run(b, new SimulationOptions { Replications = 8, Seed = 99 })).First();
        Assert.False(independent.Paired);
        Assert.True(paired[Metric.MeanWait].HalfWidth < independent[Metric.MeanWait].HalfWidth);
    }
}
