using Xunit.Abstractions;

namespace QueueCore.Simulation.Tests.Validation;

/// <summary>
/// The 95% confidence intervals the simulator reports over replications, run with many seeds: they contain the value
/// theory gives about 95% of the time. Arrivals are checked against the exact mean of a Poisson day (the rate integrated
/// over the slots), waits against Erlang C on short steady-state M/M/c runs. Seeds are fixed, so the counts do not move
/// between runs; the bounds are those of a binomial count at 95% (a few standard deviations wide).
/// </summary>
public sealed class ConfidenceIntervalCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void Arrivals_IntervalCoversThePoissonMeanAbout95PercentOfRuns()
    {
        // Three hourly slots at 30, 60 and 10 an hour: a day has Poisson(100) arrivals, whatever the windows do.
        var scenario = TestScenarios.MMc(50, 0, 5, hours: 3, warmupHours: 0) with { SlotMinutes = 60 };
        var hall = scenario.Halls[0];
        scenario = scenario with { Halls = [hall with { Services = [hall.Services[0] with { ArrivalsPerHour = [30, 60, 10] }] }] };
        const int Runs = 200;
        var covered = 0;
        for (var seed = 1UL; seed <= Runs; seed++)
        {
            covered += Simulator.Run(scenario, new SimulationOptions { Replications = 10, Seed = seed }).Row((int?)null)![Metric.Arrivals].Contains(100) ? 1 : 0;
        }

        output.WriteLine($"arrivals: {covered} of {Runs} intervals contain 100");
        Assert.InRange(covered, 178, 198); // 95% of 200 is 190, binomial sd 3.1
    }

    [Theory]
    [InlineData(1, 6.0)]   // M/M/1, ρ = 0.5
    [InlineData(2, 19.2)]  // M/M/2, ρ = 0.8
    public void MMc_IntervalsCoverErlangCAbout95PercentOfRuns(int servers, double perHour)
    {
        // Erlang C: P(wait) = C(c, A) with A = λ/μ, Wq = C(c, A) / (cμ - λ).
        const double MeanMinutes = 5;
        var (lambda, mu) = (perHour / 60, 1 / MeanMinutes);
        var wait = ErlangC.MeanWait(servers, lambda, mu);
        var waited = ErlangC.ProbabilityOfWaiting(servers, lambda, mu);
        var scenario = TestScenarios.MMc(servers, perHour, MeanMinutes, hours: 40, warmupHours: 10);
        const int Runs = 60;
        var (coveredWait, coveredWaited) = (0, 0);
        for (var seed = 1UL; seed <= Runs; seed++)
        {
            var row = Simulator.Run(scenario, new SimulationOptions { Replications = 8, Seed = seed }).Row((int?)null)!;
            coveredWait += row[Metric.MeanWait].Contains(wait) ? 1 : 0;
            coveredWaited += row[Metric.Waited].Contains(waited) ? 1 : 0;
        }

        output.WriteLine($"M/M/{servers}: mean wait {coveredWait}, P(wait) {coveredWaited} of {Runs} intervals contain Erlang C ({wait:0.###} min, {waited:0.###})");
        Assert.InRange(coveredWait, 50, 60); // 57 expected, binomial sd 1.7
        Assert.InRange(coveredWaited, 50, 60);
    }

    [Fact]
    public void MMc_PercentileIntervalsCoverErlangCAbout95PercentOfRuns()
    {
        // M/M/1 at ρ = 0.5 (6 an hour, 5-minute handling), days of 20 counted hours after a 2-hour warm-up, 20 replications:
        // about 120 waits a day, a service's in a planner's hall. Erlang C's wait is 0 with probability ρ, else exponential
        // with rate μ - λ, so its q-quantile is ln(ρ / (1 - q)) / (μ - λ): p90 16.1 min, p99 39.1 min. The interval was the
        // t interval of each day's own percentile, and a day's p99 of 120 waits rests on its one or two longest.
        const double PerHour = 6, MeanMinutes = 5;
        var (lambda, mu) = (PerHour / 60, 1 / MeanMinutes);
        var waits = ErlangC.ProbabilityOfWaiting(1, lambda, mu);
        double Quantile(double q) => Math.Log(waits / (1 - q)) / (mu - lambda);
        var scenario = TestScenarios.MMc(1, PerHour, MeanMinutes, hours: 22, warmupHours: 2);
        const int Runs = 100;
        var (covered90, covered99) = (0, 0);
        for (var seed = 1UL; seed <= Runs; seed++)
        {
            var row = Simulator.Run(scenario, new SimulationOptions { Replications = 20, Seed = seed }).Row((int?)null)!;
            covered90 += row[Metric.P90Wait].Contains(Quantile(0.9)) ? 1 : 0;
            covered99 += row[Metric.P99Wait].Contains(Quantile(0.99)) ? 1 : 0;
        }

        output.WriteLine($"M/M/1: p90 {covered90}, p99 {covered99} of {Runs} intervals contain Erlang C ({Quantile(0.9):0.##}, {Quantile(0.99):0.##} min)");
        Assert.InRange(covered90, 88, 100); // 95 expected, binomial sd 2.2
        Assert.InRange(covered99, 88, 100);
    }
}
