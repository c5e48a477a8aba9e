using System.Numerics;

namespace QueueCore;

/// <summary>
/// The engine's side of an <see cref="EventSubscription"/>: the bounded buffer its hall's shard fills and its reader
/// drains, with the reader's state. The hall holds this, never the <see cref="EventSubscription"/> a caller holds, so
/// a subscription its caller dropped without disposing it can be collected, and its finalizer detaches this buffer.
/// </summary>
/// <remarks>
/// <para>Single reader: the read methods must not be called concurrently with each other.</para>
/// <para>
/// Events arrive in sequence order with no gaps except at a reported lag. The protocol: once the reader has read
/// everything buffered before the loss, the shard resumes writing at once; the reader then takes a snapshot
/// (taken on the shard, so it covers exactly the events up to <see cref="HallSnapshot.Sequence"/>) and
/// <see cref="Resync"/> skips the buffered events the snapshot already contains. Nothing is missed in between.
/// </para>
/// <para>The reader is woken only when it waits, never once per event, and always on the thread pool.</para>
/// </remarks>
internal sealed partial class SubscriptionBuffer
{
    private readonly HallEvent[] _buffer;
    private readonly int _mask;
    private readonly HallHandle? _hall;
    private readonly Action<SubscriptionBuffer>? _unsubscribe;
    private PaddedLong _tail; // written by the shard (release), read by the reader
    private PaddedLong _head; // written by the reader (release), read by the shard for free space
    private PaddedLong _overflow; // 1 while the shard drops events; set by the shard, cleared by the reader at the point of loss
    private PaddedLong _readerWaiting; // 1 while the reader waits on _signal
    private PaddedLong _completed; // 1 once no more events will come
    private long _lastPublished; // shard only: the last sequence written to the buffer

    /// <summary>The fewest and most events a subscriber may buffer (the engine's option and a caller's buffer size).</summary>
    internal const int MinCapacity = 2, MaxCapacity = 1 << 24;

    /// <summary>
    /// A subscription buffering <paramref name="capacity"/> events (rounded up to a power of two), whose reader has
    /// seen the events up to <paramref name="startAfter"/> (what a lag reports until it reads more).
    /// </summary>
    internal SubscriptionBuffer(int capacity, HallHandle? hall, Action<SubscriptionBuffer>? unsubscribe, long startAfter = 0)
    {
        _lastDelivered = startAfter;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, MinCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        _buffer = new HallEvent[(int)BitOperations.RoundUpToPowerOf2((uint)capacity)];
        _mask = _buffer.Length - 1;
        _hall = hall;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The hall this subscription follows, or null for a detached one.</summary>
    public string? HallId => _hall?.Id;

    /// <summary>How many events the buffer holds.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Events buffered and not yet read (approximate while the shard writes).</summary>
    public int Count => (int)(_tail.Read() - _head.Read());

    /// <summary>
    /// True from the moment events were dropped because the buffer was full until the reader resynchronises.
    /// Reads still return what was buffered before the loss first.
    /// </summary>
    public bool Lagged => _atLossPoint || _overflow.Read() != 0;

    /// <summary>True once the subscription was disposed, its hall removed or the engine stopped (buffered events may remain).</summary>
    public bool IsCompleted => _completed.Read() != 0;

    /// <summary>Shard thread: the last sequence written to the buffer (for logs).</summary>
    internal long LastPublished => _lastPublished;

    /// <summary>
    /// Shard thread: appends <paramref name="events"/>, or as many as fit, never blocking. Returns true when this
    /// call made the subscription lag (for the lag counter and log).
    /// </summary>
    internal bool Publish(ReadOnlySpan<HallEvent> events)
    {
        if (_overflow.Read() != 0)
        {
            return false; // dropping until the reader reaches the point of loss
        }

        var tail = _tail.ReadOwn();
        var free = _buffer.Length - (int)(tail - _head.Read()); // acquire: cells the reader freed are really free
        var n = Math.Min(free, events.Length);
        for (var i = 0; i < n; i++)
        {
            _buffer[(int)(tail + i) & _mask] = events[i];
        }

        if (n > 0)
        {
            _lastPublished = events[n - 1].Sequence;
        }

        var lagged = n < events.Length;
        if (lagged)
        {
            _tail.Write(tail + n); // release: the events before the loss are visible before the overflow flag
            _overflow.WriteFullFence(1); // full fence: visible before we look at the waiting flag
        }
        else
        {
            _tail.WriteFullFence(tail + n); // release + full fence: visible before we look at the waiting flag
        }

        if (_readerWaiting.Read() != 0)
        {
            WakeReader(true);
        }

        return lagged;
    }

    /// <summary>
    /// Shard thread: makes the reader resynchronise: it reads what is buffered, then is told it lagged, exactly as if
    /// the buffer had overflowed now. Used when events cannot be delivered (a faulted hall, a history that no longer
    /// reaches back) or when the hall's sequence numbers restart (a restored hall).
    /// </summary>
    internal void ForceLag()
    {
        _overflow.WriteFullFence(1); // full fence: visible before we look at the waiting flag
        if (_readerWaiting.Read() != 0)
        {
            WakeReader(true);
        }
    }

    /// <summary>Ends the subscription: no more events will come; the reader drains what is buffered. Idempotent.</summary>
    internal void Complete()
    {
        _completed.WriteFullFence(1); // full fence: visible before we look at the waiting flag
        if (_readerWaiting.Read() != 0)
        {
            WakeReader(HasSomethingToRead());
        }
    }

    /// <summary>
    /// Stops the subscription: the hall stops writing to it; buffered events can still be read. Idempotent; any thread
    /// (the caller's <see cref="EventSubscription.Dispose"/>, or its finalizer once the caller dropped it).
    /// </summary>
    public void Detach()
    {
        _unsubscribe?.Invoke(this);
        Complete();
    }

    private void WakeReader(bool result)
    {
        if (_readerWaiting.CompareExchange(0, 1) == 1) // one completer per wait: the shard, completion or cancellation
        {
            _signal.Complete(result);
        }
    }
}
