using Xunit.Abstractions;

namespace QueueCore.Simulation.Tests.Validation;

/// <summary>
/// The simulator, driving the real hall, against Erlang C on M/M/c: for each parameter set the formula's mean wait,
/// probability of waiting and share within the limit must lie inside the 95% confidence interval of the
/// simulation over its replications. Each set runs long days (a warm-up of several relaxation times, then steady
/// state) so the start-up bias is small against the interval.
/// </summary>
public sealed class ErlangCValidationTests(ITestOutputHelper output)
{
    public static TheoryData<int, double, double, int, int> Sets => new()
    {
        // servers, arrivals per hour, mean handling minutes, hours of arrivals, warm-up hours
        { 1, 7.2, 5, 400, 40 },      // ρ = 0.60
        { 2, 19.2, 5, 300, 30 },     // ρ = 0.80
        { 5, 54, 5, 150, 20 },       // ρ = 0.90
        { 8, 91.2, 5, 200, 60 },     // ρ = 0.95
        { 20, 216, 5, 60, 10 },      // ρ = 0.90, a large hall
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void MMc_SimulatedFiguresContainErlangC(int servers, double perHour, double meanMinutes, int hours, int warmup)
    {
        const double Limit = 5;
        var result = Simulator.Run(TestScenarios.MMc(servers, perHour, meanMinutes, hours, warmup, Limit), new SimulationOptions { Replications = 24, Seed = 1 });
        var row = result.Row(1)!;
        var (lambda, mu) = (perHour / 60, 1 / meanMinutes); // per minute
        var wait = ErlangC.MeanWait(servers, lambda, mu);
        var waited = ErlangC.ProbabilityOfWaiting(servers, lambda, mu);
        var within = ErlangC.ServiceLevel(servers, lambda, mu, Limit);
        output.WriteLine($"ρ={perHour / 60 * meanMinutes / servers:0.00} wait {row[Metric.MeanWait]} vs {wait:0.###}; P(wait) {row[Metric.Waited]} vs {waited:0.###}; within {row[Metric.WithinLimit]} vs {within:0.###}; {result.TicketsIssued:N0} tickets in {result.Elapsed.TotalSeconds:0.00} s");

        Assert.True(row[Metric.MeanWait].Contains(wait), $"mean wait {row[Metric.MeanWait]} min, Erlang C {wait:0.###}");
        Assert.True(row[Metric.Waited].Contains(waited), $"P(wait) {row[Metric.Waited]}, Erlang C {waited:0.###}");
        Assert.True(row[Metric.WithinLimit].Contains(within), $"within {Limit} min {row[Metric.WithinLimit]}, Erlang C {within:0.###}");
    }
}
