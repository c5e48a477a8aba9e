namespace QueueCore;

/// <summary>
/// A hall inside a <see cref="QueueEngine"/>: submit commands to it, read its snapshot, subscribe to its events.
/// Holds the hall's shard and index, so a call costs no lookup. Thread-safe; get one from
/// <see cref="QueueEngine.AddHall"/> or <see cref="QueueEngine.TryGetHall"/> and keep it.
/// </summary>
public sealed partial class HallHandle
{
    private readonly QueueEngine _engine;
    private readonly Shard _shard;
    private readonly int _index;

    internal HallHandle(QueueEngine engine, Shard shard, HallEntry entry)
    {
        _engine = engine;
        _shard = shard;
        _index = entry.Index;
        Entry = entry;
    }

    /// <summary>The hall's id.</summary>
    public string Id => Entry.Id;

    /// <summary>The hall's definition.</summary>
    public HallDefinition Definition => Entry.Hall.Definition;

    internal Shard Shard => _shard;

    internal HallEntry Entry { get; }

    /// <summary>
    /// Submits <paramref name="command"/> to the hall. The result says what happened; expected failures are
    /// results, never exceptions: <see cref="QueueError.Cancelled"/> if <paramref name="cancellationToken"/> fired
    /// before the hall took the command (it was then not applied), <see cref="QueueError.Unavailable"/> if the
    /// engine is shutting down or the shard's ingress stayed full (see <see cref="QueueEngineOptions.IngressCapacity"/>).
    /// When the task completes, the command's events are already in every subscription of the hall.
    /// </summary>
    /// <remarks>Allocates nothing in steady state (a cancellable token costs one registration). Await the result once.</remarks>
    public ValueTask<CommandResult> SubmitAsync(in HallCommand command, CancellationToken cancellationToken = default) =>
        _shard.Submit(_index, in command, cancellationToken);

    /// <summary>
    /// A snapshot of the hall, taken on its shard between two commands: events after
    /// <see cref="HallSnapshot.Sequence"/> follow it with no gap.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="InvalidOperationException">The shard's ingress stayed full.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<HallSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new SnapshotWorkItem();
        switch (_shard.Post(item, _index))
        {
            case EnqueueStatus.Closed:
                throw new ObjectDisposedException(nameof(QueueEngine), "The engine is shutting down.");
            case EnqueueStatus.Full:
                throw new InvalidOperationException($"The ingress queue of shard {_shard.Id} is full: the engine is overloaded; retry later.");
        }

        return await item.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Subscribes to the hall's events from now on. The subscription buffers <paramref name="bufferSize"/> events
    /// (default <see cref="QueueEngineOptions.SubscriberBufferSize"/>, rounded up to a power of two); a reader that
    /// falls further behind is told it lagged rather than slowing the hall. Dispose it to unsubscribe.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is below 2 or above 2^24.</exception>
    public EventSubscription Subscribe(int? bufferSize = null) => _engine.Subscribe(this, bufferSize);

    /// <inheritdoc/>
    public override string ToString() => $"Hall '{Id}' on shard {_shard.Id}";
}
