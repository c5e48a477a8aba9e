namespace QueueCore.Simulation.Tests.Theory;

public sealed class PriorityFormulasTests
{
    [Fact]
    public void OneClass_IsPollaczekKhinchine()
    {
        // M/M/1 with λ = 0.5, E[S] = 1: Wq = ρ E[S] / (1 - ρ) = 1.
        Assert.Equal(1.0, PriorityFormulas.NonPreemptiveMeanWaitsExponential([0.5], [1.0])[0], 12);
    }

    [Fact]
    public void TwoClasses_TextbookValues()
    {
        // λ1 = 0.25, λ2 = 0.5 per minute, E[S] = 1 min exponential: W0 = Σ λ E[S²] / 2 = 0.75,
        // W1 = 0.75 / (1 - 0.25) = 1, W2 = 0.75 / ((1 - 0.25)(1 - 0.75)) = 4.
        var w = PriorityFormulas.NonPreemptiveMeanWaitsExponential([0.25, 0.5], [1.0, 1.0]);
        Assert.Equal(1.0, w[0], 12);
        Assert.Equal(4.0, w[1], 12);
    }

    [Fact]
    public void Conservation_LoadWeightedWaitEqualsFcfs()
    {
        // Kleinrock's conservation law: with equal service times, Σ ρ_k W_k = ρ W_FCFS.
        var rates = new[] { 0.1, 0.3, 0.35 };
        var w = PriorityFormulas.NonPreemptiveMeanWaitsExponential(rates, [1.0, 1.0, 1.0]);
        var rho = rates.Sum();
        Assert.Equal(rho * ErlangC.MeanWait(1, rho, 1), rates.Select((r, k) => r * w[k]).Sum(), 9);
    }
}
