using Xunit.Abstractions;

namespace QueueCore.Simulation.Tests.Validation;

/// <summary>
/// The what-if's p90 and p99 differences, run with many seeds against a case whose answer is known: two steady-state
/// M/M/1 halls, the same citizens (same seed, paired), one clerk taking 5 minutes a citizen and one 4. Erlang C's wait
/// is 0 with probability ρ, else exponential with rate μ - λ, so its q-quantile is ln(ρ / (1 - q)) / (μ - λ); the 95%
/// interval of B - A must contain the difference of the two about 95% of the time.
/// </summary>
public sealed class WhatIfPercentileCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void Compare_PercentileDifferenceIntervalsCoverErlangCAbout95PercentOfRuns()
    {
        // 6 an hour; A: 5-minute handling (ρ = 0.5, p90 16.1, p99 39.1 min), B: 4-minute (ρ = 0.4, p90 9.2, p99 24.6 min).
        // Days of 20 counted hours after a 2-hour warm-up, 20 replications: about 120 waits a day. The interval was the t
        // interval of each day's own percentile difference, and a day's p99 of 120 waits rests on its one or two longest.
        const double PerHour = 6;
        var lambda = PerHour / 60;
        double Quantile(double meanMinutes, double q)
        {
            var mu = 1 / meanMinutes;
            return Math.Log(ErlangC.ProbabilityOfWaiting(1, lambda, mu) / (1 - q)) / (mu - lambda);
        }

        var (expected90, expected99) = (Quantile(4, 0.9) - Quantile(5, 0.9), Quantile(4, 0.99) - Quantile(5, 0.99));
        var scenarioA = TestScenarios.MMc(1, PerHour, 5, hours: 22, warmupHours: 2);
        var scenarioB = TestScenarios.MMc(1, PerHour, 4, hours: 22, warmupHours: 2);
        const int Runs = 100;
        var (covered90, covered99) = (0, 0);
        for (var seed = 1UL; seed <= Runs; seed++)
        {
            var options = new SimulationOptions { Replications = 20, Seed = seed };
            var row = Comparison.Compare(Simulator.Run(scenarioA, options), Simulator.Run(scenarioB, options))[0];
            Assert.True(row.Paired);
            covered90 += row[Metric.P90Wait].Contains(expected90) ? 1 : 0;
            covered99 += row[Metric.P99Wait].Contains(expected99) ? 1 : 0;
        }

        output.WriteLine($"B - A: p90 {covered90}, p99 {covered99} of {Runs} intervals contain Erlang C's ({expected90:0.##}, {expected99:0.##} min)");
        Assert.InRange(covered90, 88, 100); // 95 expected, binomial sd 2.2
        Assert.InRange(covered99, 88, 100);
    }
}
