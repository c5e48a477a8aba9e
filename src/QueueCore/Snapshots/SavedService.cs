using MessagePack;

namespace QueueCore;

/// <summary>A service item's daily counters in a <see cref="HallState"/>.</summary>
[MessagePackObject]
public sealed record SavedService
{
    /// <summary>The item id.</summary>
    [Key(0)] public int Id { get; init; }

    /// <summary>Tickets issued today.</summary>
    [Key(1)] public int IssuedToday { get; init; }

    /// <summary>Moving average of handling time (ticks).</summary>
    [Key(2)] public long AverageHandlingTicks { get; init; }

    /// <summary>Whether the queue-length warning is raised (not re-armed yet).</summary>
    [Key(3)] public bool WarningRaised { get; init; }

    /// <summary>Tickets watched for the item's wait limit, in the order their alerts are due.</summary>
    [Key(4)] public long[] Watched { get; init; } = [];

    /// <summary>When the queue-length warning was raised (UTC ticks), while <see cref="WarningRaised"/>; 0 when not known
    /// (a state saved before it was kept).</summary>
    [Key(5)] public long WarningRaisedAt { get; init; }
}
