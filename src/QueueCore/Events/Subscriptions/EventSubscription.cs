using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// One reader's view of a hall's events: a bounded buffer filled by the hall's shard and drained by the reader.
/// The shard never waits for a reader: when the buffer is full the subscription is marked lagged and events are
/// dropped until the reader reaches the point of loss, where it is told so explicitly
/// (<see cref="EventReadStatus.Lagged"/>) and resynchronises from a snapshot
/// (<see cref="ResyncAsync(CancellationToken)"/>).
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
/// <para>
/// Dispose a subscription when done with it. One its caller drops without disposing (no reference left, no read
/// waiting) is disposed when the garbage collector collects it: from then on the hall no longer writes to it and it
/// no longer counts in <see cref="QueueEngine.GetHealth"/>'s lagged subscribers, so a reader abandoned while lagging
/// keeps the health degraded only until the next collection that finds it unreachable (a full collection, for one
/// that lived long). A read waiting for events keeps its subscription alive.
/// </para>
/// </remarks>
public sealed class EventSubscription : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The buffer the hall writes to. The hall holds it, not this object, so this object is collectable once its
    /// caller lets go; a pending wait keeps it alive (the buffer's signal holds the waiting continuation, which holds
    /// its caller, which holds this).
    /// </summary>
    internal readonly SubscriptionBuffer Buffer;

    /// <summary>A subscription over a new buffer (see <see cref="SubscriptionBuffer"/>).</summary>
    internal EventSubscription(int capacity, HallHandle? hall, Action<SubscriptionBuffer>? unsubscribe, long startAfter = 0) =>
        Buffer = new SubscriptionBuffer(capacity, hall, unsubscribe, startAfter);

    /// <summary>The caller dropped the subscription without disposing it: the hall stops writing to it.</summary>
    ~EventSubscription() => Buffer.Detach();

    /// <summary>The hall this subscription follows, or null for a detached one.</summary>
    public string? HallId => Buffer.HallId;

    /// <summary>How many events the buffer holds.</summary>
    public int Capacity => Buffer.Capacity;

    /// <summary>Events buffered and not yet read (approximate while the shard writes).</summary>
    public int Count => Buffer.Count;

    /// <summary>
    /// True from the moment events were dropped because the buffer was full until the reader resynchronises.
    /// Reads still return what was buffered before the loss first.
    /// </summary>
    public bool Lagged => Buffer.Lagged;

    /// <summary>True once the subscription was disposed, its hall removed or the engine stopped (buffered events may remain).</summary>
    public bool IsCompleted => Buffer.IsCompleted;

    /// <summary>
    /// Reads the next event if one is buffered. False when none is, when the subscription completed, or when the
    /// reader has reached a point of loss (then <see cref="Lagged"/> is true: call
    /// <see cref="ResyncAsync(CancellationToken)"/>).
    /// </summary>
    public bool TryRead(out HallEvent hallEvent) => Buffer.TryRead(out hallEvent);

    /// <summary>
    /// Waits until an event can be read, the reader reached a point of loss (<see cref="Lagged"/>), or the
    /// subscription completed with nothing left (false). True does not promise that <see cref="TryRead"/>
    /// succeeds (it may skip events a resync covered); loop.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => Buffer.WaitToReadAsync(cancellationToken);

    /// <summary>Reads the next event, waiting if needed; or says the reader lagged, or that the subscription ended.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<EventRead> ReadAsync(CancellationToken cancellationToken = default) => Buffer.ReadAsync(cancellationToken);

    /// <summary>
    /// Yields events until the subscription ends or the reader reaches a point of loss. After the loop, check
    /// <see cref="Lagged"/>: if set, call <see cref="ResyncAsync(CancellationToken)"/> and enumerate again.
    /// </summary>
    public async IAsyncEnumerable<HallEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // An iterator of this object, not of the buffer: a reader that holds only the enumeration keeps the subscription.
        while (true)
        {
            while (Buffer.TryRead(out var e))
            {
                yield return e;
            }

            if (Buffer.AtLossPoint || !await Buffer.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Continues after a loss from <paramref name="snapshot"/>, which must have been taken after the reader was
    /// told it lagged: buffered events the snapshot already covers are skipped. The snapshot's sequence is taken as
    /// it is, even if lower than what the reader saw: a restored hall numbers its events from its saved state.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot is of another hall.</exception>
    public void Resync(HallSnapshot snapshot) => Buffer.Resync(snapshot);

    /// <summary>
    /// Takes a fresh snapshot of the hall (on its shard) and continues from it: the events read next are exactly
    /// those after <see cref="HallSnapshot.Sequence"/>. Call it when a read reported <see cref="EventReadStatus.Lagged"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A detached subscription (no hall), or the hall was removed.</exception>
    /// <exception cref="HallFaultedException">The hall is faulted: resynchronise again once it is restored.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The other overload's first parameter (detail) is required.")]
    public ValueTask<HallSnapshot> ResyncAsync(CancellationToken cancellationToken = default) =>
        Buffer.ResyncAsync(SnapshotDetail.Full, cancellationToken);

    /// <summary>
    /// As <see cref="ResyncAsync(CancellationToken)"/>, from a snapshot with as much as <paramref name="detail"/> asks
    /// for (<see cref="HallHandle.GetSnapshotAsync(SnapshotDetail, CancellationToken)"/>): e.g.
    /// <see cref="SnapshotDetail.RecentCalls"/> for a reader that rebuilds a screen's recent calls from it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="detail"/> is not a defined value.</exception>
    /// <exception cref="InvalidOperationException">A detached subscription (no hall), or the hall was removed.</exception>
    /// <exception cref="HallFaultedException">The hall is faulted: resynchronise again once it is restored.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "detail is required; ResyncAsync() and ResyncAsync(token) bind to the other overload.")]
    public ValueTask<HallSnapshot> ResyncAsync(SnapshotDetail detail, CancellationToken cancellationToken = default) =>
        Buffer.ResyncAsync(detail, cancellationToken);

    /// <summary>Stops the subscription: the hall stops writing to it; buffered events can still be read.</summary>
    public void Dispose()
    {
        Buffer.Detach();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Buffer.Detach();
        GC.SuppressFinalize(this);
        return default;
    }

    /// <summary>Shard side, for tests of the buffer through a subscription: see <see cref="SubscriptionBuffer.Publish"/>.</summary>
    internal bool Publish(ReadOnlySpan<HallEvent> events) => Buffer.Publish(events);
}
