namespace QueueCore.Simulation;

/// <summary>How to run a scenario: how many replications, from which seed, over how many cores.</summary>
public sealed record SimulationOptions
{
    /// <summary>Independent replications of the day (at least 2 for confidence intervals). Default 20.</summary>
    public int Replications { get; init; } = 20;

    /// <summary>The seed: the same scenario, seed and replication count give the same figures on any machine and
    /// with any parallelism. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Replications run at once (one per core by default).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
