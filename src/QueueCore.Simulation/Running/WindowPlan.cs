namespace QueueCore.Simulation;

/// <summary>One window, compiled: the spans it is staffed (shifts with the breaks cut out), in ticks from midnight.</summary>
internal sealed class WindowPlan
{
    public required int Id { get; init; }

    /// <summary>Sorted, disjoint open spans [From, To).</summary>
    public required (long From, long To)[] Open { get; init; }
}
