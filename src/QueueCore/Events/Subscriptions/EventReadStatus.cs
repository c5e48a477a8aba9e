namespace QueueCore;

/// <summary>What an <see cref="EventSubscription.ReadAsync"/> returned.</summary>
public enum EventReadStatus : byte
{
    /// <summary>The next event, in <see cref="EventRead.Event"/>.</summary>
    Event = 0,

    /// <summary>
    /// The reader reached the point where events were dropped because it fell behind. Take a fresh snapshot and
    /// go on (<see cref="EventSubscription.ResyncAsync(CancellationToken)"/>); until then reads keep returning this.
    /// </summary>
    Lagged,

    /// <summary>The subscription ended (disposed, its hall removed, or the engine stopped) and every buffered event was read.</summary>
    Completed,
}
