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
    public void Compare_PercentileWaits_DifferenceIsBetweenThePercentilesShown()
    {
        // The percentiles, the longest and the shares are of all waits pooled; the difference of the days' own would not be B - A as shown.
        var a = TestScenarios.Township(load: 1.3);
        var hall = a.Halls[0];
        var b = a with { Halls = [hall with { Windows = [.. hall.Windows, new WindowScenario { Id = 9, Comprehensive = true, Shifts = [TestScenarios.Span(10, 17)] }] }] };
        var options = new SimulationOptions { Replications = 6, Seed = 4 };
        var total = Comparison.Compare(Simulator.Run(a, options), Simulator.Run(b, options)).Single(r => r.Key == new ResultKey(null, null, null));
        foreach (var m in new[] { Metric.P50Wait, Metric.P90Wait, Metric.P99Wait, Metric.MaxWait, Metric.WithinLimit, Metric.Abandoned })
        {
            Assert.Equal(total.B[m].Mean - total.A[m].Mean, total[m].Mean, 9);
            Assert.True(total[m].HalfWidth > 0);
        }
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

    [Fact]
    public void Compare_ServicesListedInAnotherOrder_SameCitizensNoDifference()
    {
        // A what-if file may list the services in another order: each service must still see its own citizens (its
        // arrivals' stream is the service's, not its position's), so the same day compares as no difference at all.
        var a = TestScenarios.Township();
        var hall = a.Halls[0];
        var b = a with { Halls = [hall with { Services = [.. hall.Services.Reverse()] }] };
        var options = new SimulationOptions { Replications = 3, Seed = 2 };
        var rows = Comparison.Compare(Simulator.Run(a, options), Simulator.Run(b, options));
        foreach (var service in new int?[] { 101, 102 })
        {
            var row = rows.Single(r => r.Key == new ResultKey(service, null, null));
            Assert.Equal(row.A[Metric.Arrivals].Mean, row.B[Metric.Arrivals].Mean);
            Assert.Equal(0, row[Metric.MeanWait].Mean, 9);
        }
    }

    [Theory]
    [InlineData("more multi-item tickets")]
    [InlineData("citizens who give up")]
    public void Compare_WhatIfOfTheCitizensBehaviour_SameCitizensArrive(string change)
    {
        // "What if a third of household tickets carried a second item", "what if citizens gave up after 20 minutes":
        // the README promises that replication i of A and B sees the same citizens. Each arrival drew its multi-item
        // extras and its patience from the service's arrival stream, so B drew more numbers per citizen and every
        // later arrival came at another time: household's arrivals differed though the change brought nobody.
        var a = TestScenarios.Township();
        var hall = a.Halls[0];
        var household = hall.Services[0];
        household = change == "more multi-item tickets"
            ? household with { MultiItem = household.MultiItem! with { Share = 0.35 } }
            : household with { Patience = new DistributionScenario { Kind = "lognormal", MeanMinutes = 20, SdMinutes = 10 } };
        var b = a with { Halls = [hall with { Services = [household, .. hall.Services.Skip(1)] }] };
        var options = new SimulationOptions { Replications = 4, Seed = 5 };
        var rows = Comparison.Compare(Simulator.Run(a, options), Simulator.Run(b, options));

        foreach (var row in rows.Where(r => r.Key.Service == 101 && r.Key.Class is null))
        {
            // Household is always its tickets' first item (social's tickets carry no extras), so its arrivals are its citizens.
            Assert.True(row.A[Metric.Arrivals].Mean == row.B[Metric.Arrivals].Mean && row[Metric.Arrivals].HalfWidth == 0,
                $"{change}: household's arrivals {(row.Key.Hour is { } h ? $"at {h}:00 " : "")}were {row.A[Metric.Arrivals]} in A, {row.B[Metric.Arrivals]} in B");
        }
    }

    [Fact]
    public void OneSided_ServiceOnlyInB_IsNamedAndNotCompared_TheOthersKeepTheirCitizens()
    {
        // B lists a new service first (the comprehensive windows serve it): the others must still be compared with
        // themselves, on the same citizens, and the new one named as B's alone rather than dropped without a word.
        var a = TestScenarios.Township();
        var hall = a.Halls[0];
        var b = a with { Halls = [hall with { Services = [hall.Services[1] with { Id = 103, Name = "licences" }, .. hall.Services] }] };
        var options = new SimulationOptions { Replications = 2 };
        var (runA, runB) = (Simulator.Run(a, options), Simulator.Run(b, options));
        var rows = Comparison.Compare(runA, runB);

        Assert.DoesNotContain(rows, r => r.Key.Service == 103);
        var household = rows.Single(r => r.Key == new ResultKey(101, null, null));
        Assert.Equal(household.A[Metric.Arrivals].Mean, household.B[Metric.Arrivals].Mean);
        var only = Assert.Single(Comparison.OneSided(runA, runB));
        Assert.Equal((new ResultKey(103, null, null), "licences", false), (only.Key, only.ServiceName, only.InA));
    }
}
