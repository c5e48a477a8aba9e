namespace QueueCore.Simulation;

/// <summary>One row of results: what it covers and every <see cref="Metric"/> as an <see cref="Estimate"/>.</summary>
public sealed record ResultRow
{
    /// <summary>What the row covers.</summary>
    public required ResultKey Key { get; init; }

    /// <summary>The service's name ("all services" for totals).</summary>
    public required string ServiceName { get; init; }

    /// <summary>The figures, indexed by <see cref="Metric"/>.</summary>
    public required IReadOnlyList<Estimate> Figures { get; init; }

    /// <summary>One figure.</summary>
    public Estimate this[Metric metric] => Figures[(int)metric];
}
