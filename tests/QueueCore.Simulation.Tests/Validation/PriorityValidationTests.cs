using Xunit.Abstractions;

namespace QueueCore.Simulation.Tests.Validation;

/// <summary>M/M/1 with two classes under strict priority (a head start longer than any wait, no max-wait guard), as
/// the hall's dispatch runs it, against Cobham's non-preemptive priority formulas.</summary>
public sealed class PriorityValidationTests(ITestOutputHelper output)
{
    [Fact]
    public void StrictPriority_MatchesCobham()
    {
        const double PerHour = 9, MeanMinutes = 5, HighShare = 1.0 / 3;
        var scenario = TestScenarios.MMc(1, PerHour, MeanMinutes, hours: 400, warmupHours: 40);
        var hall = scenario.Halls[0];
        scenario = scenario with
        {
            Halls =
            [
                hall with
                {
                    Priority = new PriorityScenario { Classes = [new() { Id = "high", HeadStartMinutes = 1_000_000 }, new() { Id = "normal" }], MaxWaitMinutes = 0 },
                    Services = [hall.Services[0] with { ClassMix = new Dictionary<string, double> { ["high"] = HighShare } }],
                },
            ],
        };

        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 24, Seed = 1 });
        var lambda = PerHour / 60;
        var expected = PriorityFormulas.NonPreemptiveMeanWaitsExponential([lambda * HighShare, lambda * (1 - HighShare)], [MeanMinutes, MeanMinutes]);
        var high = result.Row(new ResultKey(1, "high", null))![Metric.MeanWait];
        var normal = result.Row(new ResultKey(1, "normal", null))![Metric.MeanWait];
        output.WriteLine($"high {high} vs {expected[0]:0.###}; normal {normal} vs {expected[1]:0.###}");

        Assert.True(high.Contains(expected[0]), $"high class waits {high} min; Cobham {expected[0]:0.###}");
        Assert.True(normal.Contains(expected[1]), $"normal class waits {normal} min; Cobham {expected[1]:0.###}");
    }
}
