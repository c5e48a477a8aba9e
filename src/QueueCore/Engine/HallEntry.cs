namespace QueueCore;

/// <summary>
/// A hall as its shard holds it: the state machine (touched only by the shard thread) and the hall's subscribers.
/// </summary>
/// <remarks>
/// Subscribers are a copy-on-write array swapped with a CAS. Subscribing and unsubscribing are rare and may
/// happen on any thread, even while the shard is stopping or its ingress is full, which a control message
/// through the ring could not promise; the shard pays one acquire load per publish.
/// </remarks>
internal sealed class HallEntry
{
    private EventSubscription[] _subscribers = [];

    public HallEntry(Hall hall, int index)
    {
        Hall = hall;
        Index = index;
    }

    /// <summary>The state machine; shard thread only.</summary>
    public Hall Hall { get; }

    /// <summary>The hall's id.</summary>
    public string Id => Hall.Id;

    /// <summary>The hall's index in its shard.</summary>
    public int Index { get; }

    /// <summary>The current subscribers.</summary>
    public EventSubscription[] Subscribers => Volatile.Read(ref _subscribers); // acquire: a subscription is fully built before it is seen

    /// <summary>Adds a subscriber. Any thread.</summary>
    public void Add(EventSubscription subscription)
    {
        var current = Volatile.Read(ref _subscribers); // acquire: start the CAS loop from a published array
        while (true)
        {
            EventSubscription[] next = [.. current, subscription];
            var seen = Interlocked.CompareExchange(ref _subscribers, next, current); // publish, unless someone swapped first
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Removes a subscriber if present. Any thread.</summary>
    public void Remove(EventSubscription subscription)
    {
        var current = Volatile.Read(ref _subscribers); // acquire: start the CAS loop from a published array
        while (true)
        {
            var i = Array.IndexOf(current, subscription);
            if (i < 0)
            {
                return;
            }

            EventSubscription[] next = [.. current.AsSpan(0, i), .. current.AsSpan(i + 1)];
            var seen = Interlocked.CompareExchange(ref _subscribers, next, current); // publish, unless someone swapped first
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Takes every subscriber out (engine shutdown).</summary>
    public EventSubscription[] DetachAll() => Interlocked.Exchange(ref _subscribers, []); // full fence: pairs with the check after Add
}
