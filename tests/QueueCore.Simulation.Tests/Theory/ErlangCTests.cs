namespace QueueCore.Simulation.Tests.Theory;

public sealed class ErlangCTests
{
    [Fact]
    public void ProbabilityOfWaiting_CallCentreWorkedExample()
    {
        // The worked example of call-centre staffing guides: 360 calls per half hour, 4-minute calls, 55 agents, answer
        // within 15 seconds: 48 Erlangs, occupancy 87.3%. The figures below (23.87% wait, 8.18 s mean speed of
        // answer, 84.6% within 15 s) are the direct factorial form of the formula, computed independently of this code.
        var (lambda, mu) = (360 / 1800.0, 1 / 240.0); // per second
        Assert.Equal(0.2387, ErlangC.ProbabilityOfWaiting(55, lambda, mu), 4);
        Assert.Equal(8.18, ErlangC.MeanWait(55, lambda, mu), 2);
        Assert.Equal(0.846, ErlangC.ServiceLevel(55, lambda, mu, 15), 3);
    }

    [Fact]
    public void ErlangB_TableValue()
    {
        Assert.Equal(0.01838, ErlangC.ErlangB(10, 5), 5); // Erlang B tables: 10 trunks, 5 Erlangs
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.6)]
    [InlineData(0.95)]
    public void MM1_MatchesClosedForm(double rho)
    {
        // M/M/1: P(wait) = ρ, Wq = ρ / (μ - λ), P(W <= t) = 1 - ρ e^{-(μ-λ)t}.
        var (lambda, mu) = (rho, 1.0);
        Assert.Equal(rho, ErlangC.ProbabilityOfWaiting(1, lambda, mu), 12);
        Assert.Equal(rho / (mu - lambda), ErlangC.MeanWait(1, lambda, mu), 9);
        Assert.Equal(1 - (rho * Math.Exp(-(mu - lambda) * 2)), ErlangC.ServiceLevel(1, lambda, mu, 2), 12);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void MM2_MatchesClosedForm(double rho)
    {
        // M/M/2: P(wait) = 2ρ² / (1 + ρ).
        Assert.Equal(2 * rho * rho / (1 + rho), ErlangC.ProbabilityOfWaiting(2, 2 * rho, 1), 12);
    }

    [Fact]
    public void Overload_WaitsForever()
    {
        Assert.Equal(1, ErlangC.ProbabilityOfWaiting(3, 3, 1));
        Assert.True(double.IsPositiveInfinity(ErlangC.MeanWait(3, 4, 1)));
        Assert.Equal(0, ErlangC.ServiceLevel(3, 4, 1, 10));
    }

    [Fact]
    public void ServersFor_IsTheFewestThatMeetTheTarget()
    {
        var (lambda, mu) = (360 / 1800.0, 1 / 240.0);
        var n = ErlangC.ServersFor(lambda, mu, 0.8, 15);
        Assert.True(ErlangC.ServiceLevel(n, lambda, mu, 15) >= 0.8);
        Assert.True(ErlangC.ServiceLevel(n - 1, lambda, mu, 15) < 0.8);
        Assert.Equal(0, ErlangC.ServersFor(0, mu, 0.8, 15));
    }
}
