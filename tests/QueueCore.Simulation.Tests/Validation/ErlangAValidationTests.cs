using Xunit.Abstractions;

namespace QueueCore.Simulation.Tests.Validation;

/// <summary>
/// Citizens who give up (exponential patience) against Erlang A, the M/M/c+M queue: the number in the hall is a
/// birth-death chain with births λ and deaths min(n, c) μ + max(n - c, 0) θ (θ = 1 / mean patience), and the share
/// who abandon is P(abandon) = θ Lq / λ, Lq the mean number waiting. Overloaded halls included: abandonment keeps
/// them stable, which is why the overload notice says "unless citizens give up".
/// </summary>
public sealed class ErlangAValidationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 10, 30)] // ρ = 0.83
    [InlineData(2, 30, 20)] // ρ = 1.25
    [InlineData(5, 60, 10)] // ρ = 1.00
    public void MMcM_AbandonedShareMatchesErlangA(int servers, double perHour, double patienceMinutes)
    {
        const double MeanMinutes = 5;
        var scenario = TestScenarios.MMc(servers, perHour, MeanMinutes, hours: 100, warmupHours: 10);
        var hall = scenario.Halls[0];
        scenario = scenario with { Halls = [hall with { Services = [hall.Services[0] with { Patience = TestScenarios.Exponential(patienceMinutes) }] }] };

        var abandoned = Simulator.Run(scenario, new SimulationOptions { Replications = 20, Seed = 1 }).Row((int?)null)![Metric.Abandoned];
        var expected = AbandonShare(servers, perHour / 60, 1 / MeanMinutes, 1 / patienceMinutes);
        output.WriteLine($"M/M/{servers}+M: abandoned {abandoned} vs Erlang A {expected:0.####}");
        Assert.True(abandoned.Contains(expected), $"abandoned share {abandoned}, Erlang A {expected:0.####}");
    }

    /// <summary>θ Lq / λ from the stationary distribution of the birth-death chain (rates per minute).</summary>
    private static double AbandonShare(int c, double lambda, double mu, double theta)
    {
        var (p, sum, lq) = (1.0, 1.0, 0.0);
        for (var n = 1; p > 1e-300 && n < 100_000; n++)
        {
            p *= lambda / ((Math.Min(n, c) * mu) + (Math.Max(n - c, 0) * theta));
            sum += p;
            lq += Math.Max(n - c, 0) * p;
        }

        return theta * (lq / sum) / lambda;
    }
}
