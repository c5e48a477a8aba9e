using MessagePack;

namespace QueueCore;

/// <summary>A service item's daily counters in a <see cref="HallState"/>.</summary>
[MessagePackObject]
public sealed record SavedService
{
    /// <summary>Tickets issued today.</summary>
    [Key(0)] public int IssuedToday { get; init; }

    /// <summary>Moving average of handling time (ticks).</summary>
    [Key(1)] public long AverageHandlingTicks { get; init; }

    /// <summary>Whether the queue-length warning is raised (not re-armed yet).</summary>
    [Key(2)] public bool WarningRaised { get; init; }
}
