namespace QueueCore.Simulation;

/// <summary>Multi-item tickets: a share of this service's tickets also carry other items of the hall.</summary>
public sealed record MultiItemScenario
{
    /// <summary>Share of tickets with extra items (0 to 1).</summary>
    public double Share { get; set; }

    /// <summary>The service ids the extra items are drawn from (uniformly, without repeats).</summary>
    public IReadOnlyList<int> Items { get; set; } = [];

    /// <summary>The most extra items; the count is uniform from 1 to this. Default 1.</summary>
    public int MaxExtra { get; set; } = 1;
}
