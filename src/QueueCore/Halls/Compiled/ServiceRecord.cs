namespace QueueCore;

/// <summary>One service item's configuration (compiled to ticks and indices) and live counters.</summary>
internal sealed class ServiceRecord
{
    public ServiceRecord(int index, ServiceItem definition, int category)
    {
        Index = index;
        Definition = definition;
        Category = category;
        WaitLimitTicks = definition.WaitLimit?.Ticks ?? 0;
        ServiceTimeLimitTicks = definition.ServiceTimeLimit?.Ticks ?? 0;
        AverageHandlingTicks = definition.ExpectedHandlingTime.Ticks;
    }

    public int Index { get; }

    public int Id => Definition.Id;

    public ServiceItem Definition { get; }

    public int Category { get; }

    public long WaitLimitTicks { get; }

    public long ServiceTimeLimitTicks { get; }

    /// <summary>Distinct overflow delays (ticks) with which some window serves this item: when a waiting ticket
    /// crosses one, an idle auto window may take it.</summary>
    public long[] OverflowDelays = [];

    /// <summary>Where the item's queues appear in profile tiers.</summary>
    public TierLeaf[] Leaves = [];

    /// <summary>Open windows that serve the item as primary (for estimates).</summary>
    public int OpenServers;

    public int Waiting;
    public int IssuedToday;
    public bool WarningRaised;

    /// <summary>Moving average of handling time (ticks).</summary>
    public long AverageHandlingTicks;
}
