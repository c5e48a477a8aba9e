namespace QueueCore;

/// <summary>
/// A ratio between priority and normal calls a window keeps while both wait: after <see cref="PriorityCalls"/>
/// non-normal tickets in a row, the next <see cref="NormalCalls"/> calls take the best normal ticket it may serve
/// (each only if a normal ticket waits; when none does, the owed normal calls are dropped). Overdue tickets
/// (past the maximum wait) and a dedicated window's own class still come first.
/// </summary>
public sealed record InterleaveRule
{
    /// <summary>Priority calls in a row before normal tickets get their turn (at least 1).</summary>
    public int PriorityCalls { get; init; } = 1;

    /// <summary>Normal calls in that turn (at least 1).</summary>
    public int NormalCalls { get; init; } = 1;
}
