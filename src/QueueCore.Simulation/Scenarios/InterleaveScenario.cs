namespace QueueCore.Simulation;

/// <summary>An interleave ratio between priority and normal calls, as the engine's <see cref="InterleaveRule"/>.</summary>
public sealed record InterleaveScenario
{
    /// <summary>Priority calls in a row before normal tickets get their turn (at least 1). Default 1.</summary>
    public int PriorityCalls { get; set; } = 1;

    /// <summary>Normal calls in that turn (at least 1). Default 1.</summary>
    public int NormalCalls { get; set; } = 1;
}
