using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>One outcome of <see cref="EventSubscription.ReadAsync"/>: an event, a lag marker, or the end.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct EventRead
{
    /// <summary>Which outcome.</summary>
    public EventReadStatus Status { get; private init; }

    /// <summary>The event, when <see cref="Status"/> is <see cref="EventReadStatus.Event"/>.</summary>
    public HallEvent Event { get; private init; }

    /// <summary>
    /// For <see cref="EventReadStatus.Lagged"/>: the sequence of the last event delivered before the loss (0 if
    /// none), so the reader knows what it has and what the snapshot must cover.
    /// </summary>
    public long LastSequence { get; private init; }

    /// <summary>True for an event.</summary>
    public bool IsEvent => Status == EventReadStatus.Event;

    internal static EventRead Of(in HallEvent e) => new() { Status = EventReadStatus.Event, Event = e, LastSequence = e.Sequence };

    internal static EventRead Lag(long lastSequence) => new() { Status = EventReadStatus.Lagged, LastSequence = lastSequence };

    internal static EventRead End(long lastSequence) => new() { Status = EventReadStatus.Completed, LastSequence = lastSequence };
}
