using Xunit.Abstractions;

namespace QueueCore.Simulation.Tests.Validation;

/// <summary>
/// Handling-time distributions other than exponential, against the Pollaczek-Khinchine mean wait of M/G/1,
/// Wq = λ E[S²] / (2 (1 - ρ)): fixed (M/D/1) and log-normal handling give the waits theory gives them.
/// </summary>
public sealed class HandlingDistributionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("fixed", 5.0, 0.0)]
    [InlineData("lognormal", 5.0, 4.0)]
    public void MG1_MeanWaitMatchesPollaczekKhinchine(string kind, double meanMinutes, double sdMinutes)
    {
        const double PerHour = 9.6; // ρ = 0.8
        var scenario = TestScenarios.MMc(1, PerHour, meanMinutes, hours: 300, warmupHours: 30);
        var hall = scenario.Halls[0];
        var handling = kind == "fixed"
            ? new DistributionScenario { Kind = "fixed", Minutes = meanMinutes }
            : new DistributionScenario { Kind = "lognormal", MeanMinutes = meanMinutes, SdMinutes = sdMinutes };
        scenario = scenario with { Halls = [hall with { Services = [hall.Services[0] with { Handling = handling }] }] };

        var wait = Simulator.Run(scenario, new SimulationOptions { Replications = 24, Seed = 1 }).Row(1)![Metric.MeanWait];
        var expected = PriorityFormulas.NonPreemptiveMeanWaits([PerHour / 60], [meanMinutes], [(sdMinutes * sdMinutes) + (meanMinutes * meanMinutes)])[0];
        output.WriteLine($"{kind}: {wait} min, Pollaczek-Khinchine {expected:0.###}");
        Assert.True(wait.Contains(expected), $"{kind} handling: mean wait {wait} min, Pollaczek-Khinchine {expected:0.###}");
    }
}
