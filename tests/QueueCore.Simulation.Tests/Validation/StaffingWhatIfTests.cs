using Xunit.Abstractions;

namespace QueueCore.Simulation.Tests.Validation;

/// <summary>
/// What-ifs a planner runs, on steady-state M/M/c halls, against the change Erlang C predicts (Wq = C(c, A) / (cμ - λ)):
/// a window more, a window closed, a slower clerk, a window opened halfway through. Each B runs with A's seed, so the
/// difference is paired (the same citizens) and its interval narrow; it must contain the formula's difference.
/// </summary>
public sealed class StaffingWhatIfTests(ITestOutputHelper output)
{
    private const double PerHour = 28.8, Hours = 200, Warmup = 20;

    private static readonly SimulationOptions Options = new() { Replications = 16, Seed = 3 };

    [Theory]
    [InlineData("a window more", 3, 5.0, 4, 5.0)]
    [InlineData("a window closed", 4, 5.0, 3, 5.0)]
    [InlineData("a clerk 10% slower", 3, 5.0, 3, 5.5)]
    public void WhatIf_MeanWaitMovesAsErlangCSays(string change, int serversA, double minutesA, int serversB, double minutesB)
    {
        var a = Simulator.Run(TestScenarios.MMc(serversA, PerHour, minutesA, (int)Hours, (int)Warmup), Options);
        var b = Simulator.Run(TestScenarios.MMc(serversB, PerHour, minutesB, (int)Hours, (int)Warmup), Options);
        var difference = Comparison.Compare(a, b)[0][Metric.MeanWait];
        var lambda = PerHour / 60;
        var expected = ErlangC.MeanWait(serversB, lambda, 1 / minutesB) - ErlangC.MeanWait(serversA, lambda, 1 / minutesA);
        output.WriteLine($"{change}: B - A = {difference} min, Erlang C {expected:0.###}");
        Assert.True(difference.Contains(expected), $"{change}: the mean wait moved by {difference} min; Erlang C says {expected:0.###}");
    }

    [Fact]
    public void WhatIf_WindowOpenedHalfwayThrough_HalvesTheGapBetweenThreeAndFourWindows()
    {
        // Three windows throughout, and a fourth from hour 110 (halfway through the counted hours): about half the
        // citizens see M/M/3, half M/M/4, so the mean wait falls by about half of Erlang C's W(3) - W(4), less the
        // short transient at the switch (the M/M/4 queue relaxes in minutes).
        var scenario = TestScenarios.MMc(3, PerHour, 5, (int)Hours, (int)Warmup);
        var hall = scenario.Halls[0];
        var later = scenario with { Halls = [hall with { Windows = [.. hall.Windows, new WindowScenario { Id = 10, Comprehensive = true, Shifts = [TestScenarios.Span(110, 300)] }] }] };
        var difference = Comparison.Compare(Simulator.Run(scenario, Options), Simulator.Run(later, Options))[0][Metric.MeanWait];
        var lambda = PerHour / 60;
        var expected = (ErlangC.MeanWait(4, lambda, 0.2) - ErlangC.MeanWait(3, lambda, 0.2)) / 2;
        output.WriteLine($"a window from hour 110: B - A = {difference} min, about {expected:0.###}");
        Assert.InRange(difference.Mean, expected * 1.15, expected * 0.85); // negative: a fall of 85% to 115% of half the gap
    }
}
