namespace QueueCore.Simulation;

/// <summary>One row of a what-if comparison.</summary>
/// <param name="Key">What the row covers.</param>
/// <param name="ServiceName">The service's name.</param>
/// <param name="A">The row of the first run.</param>
/// <param name="B">The row of the second run.</param>
/// <param name="Differences">B - A per <see cref="Metric"/>, with 95% intervals.</param>
/// <param name="Paired">Whether the difference was paired by replication (same seed and count).</param>
public sealed record ComparisonRow(ResultKey Key, string ServiceName, ResultRow A, ResultRow B, IReadOnlyList<Estimate> Differences, bool Paired)
{
    /// <summary>The difference of one figure.</summary>
    public Estimate this[Metric metric] => Differences[(int)metric];
}
