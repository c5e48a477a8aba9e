using System.Diagnostics.CodeAnalysis;

namespace QueueCore;

/// <summary>
/// A hall inside a <see cref="QueueEngine"/>: submit commands to it, read its snapshot, subscribe to its events.
/// Holds the hall's shard and index, so a call costs no lookup. Thread-safe; get one from
/// <see cref="QueueEngine.AddHall(HallDefinition)"/> or <see cref="QueueEngine.TryGetHall"/> and keep it. After
/// <see cref="QueueEngine.RemoveHallAsync"/> a handle stays usable but its commands get
/// <see cref="QueueError.UnknownHall"/>, whose message says so. A handle is the hall it was got for, not its id: a hall
/// added again with the same id is another hall (its own events and numbering), reached through the handle
/// <see cref="QueueEngine.AddHall(HallDefinition)"/> returns or <see cref="QueueEngine.TryGetHall"/> gives, never
/// through the old one.
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

    /// <summary>The hall's current definition (the latest one after <see cref="RedefineAsync"/>); any thread.</summary>
    public HallDefinition Definition => Entry.Definition;

    internal Shard Shard => _shard;

    internal HallEntry Entry { get; }

    /// <summary>
    /// True while the hall is isolated after a fault (it threw applying a command): every command is refused with
    /// <see cref="QueueError.HallFaulted"/> until <see cref="RestoreAsync"/>. Any thread; a reading, not a promise about the
    /// next command.
    /// </summary>
    public bool IsFaulted => Entry.IsFaulted;

    /// <summary>
    /// Submits <paramref name="command"/> to the hall. The result says what happened; expected failures are
    /// results, never exceptions: <see cref="QueueError.Cancelled"/> if <paramref name="cancellationToken"/> fired
    /// before the hall took the command (it was then not applied), <see cref="QueueError.Unavailable"/> if the
    /// engine is shutting down, <see cref="QueueError.Overloaded"/> if the shard's ingress stayed full (see
    /// <see cref="QueueEngineOptions.IngressCapacity"/>),
    /// <see cref="QueueError.HallFaulted"/> if the hall is isolated after a fault, <see cref="QueueError.UnknownHall"/>
    /// if it was removed. When the task completes, the command's events are already in every subscription of the hall.
    /// </summary>
    /// <remarks>
    /// Allocates nothing in steady state (a cancellable token costs one registration). Await the result once: a
    /// second await throws <see cref="InvalidOperationException"/>. While a tracing listener listens to
    /// <see cref="QueueCoreDiagnostics.ActivitySourceName"/>, each submit is a <c>QueueCore.Command</c> activity (and
    /// allocates as tracing does); without one, the check costs a field read.
    /// </remarks>
    public ValueTask<CommandResult> SubmitAsync(in HallCommand command, CancellationToken cancellationToken = default) =>
        QueueCoreDiagnostics.ActivitySource.HasListeners()
            ? SubmitTracedAsync(command, cancellationToken)
            : _shard.Submit(_index, in command, cancellationToken);

    /// <summary>
    /// Subscribes to the hall's events from now on. The subscription buffers <paramref name="bufferSize"/> events
    /// (default <see cref="QueueEngineOptions.SubscriberBufferSize"/>, rounded up to a power of two); a reader that
    /// falls further behind is told it lagged rather than slowing the hall. Dispose it to unsubscribe.
    /// </summary>
    /// <remarks>
    /// A number alone is a buffer size: <c>Subscribe(5)</c> is a live subscription with room for 8 events, not one
    /// that resumes after sequence 5. To resume, use <see cref="Subscribe(long, int?)"/>: pass a <see cref="long"/> (as
    /// <see cref="HallEvent.Sequence"/> is) or name it, <c>Subscribe(afterSequence: 5)</c>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is below 2 or above 2^24.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The resume overload's first parameter is required; see Subscribe(long, int?).")]
    public EventSubscription Subscribe(int? bufferSize = null) => _engine.Subscribe(this, bufferSize);

    /// <summary>
    /// Subscribes to the hall's events after <paramref name="afterSequence"/> (the last sequence a reader saw, e.g.
    /// before it reconnected): the subscription first receives exactly the events after it from the hall's history
    /// (<see cref="QueueEngineOptions.HistorySize"/>), then live events, with no gap and no duplicate. When the
    /// history no longer reaches back that far, or <paramref name="afterSequence"/> is ahead of the hall, or the
    /// hall is faulted, or <paramref name="afterSequence"/> is a number the hall had reached before
    /// <see cref="RestoreAsync"/> took it back to an earlier state (the numbers after that state's were given again, to
    /// other events), or a number an earlier hall with this id gave to its events (a hall removed with
    /// <see cref="QueueEngine.RemoveHallAsync"/> and added again: this hall numbers its own events after its first
    /// state, from 1 for a new hall), the subscription starts <see cref="EventSubscription.Lagged"/>: its reader takes
    /// a snapshot (<see cref="EventSubscription.ResyncAsync(CancellationToken)"/>) and goes on from there. A reader that
    /// missed more events than its buffer holds (<paramref name="bufferSize"/>) reads as many as fit, in order, and then
    /// <see cref="EventReadStatus.Lagged"/>, as a live reader that fell that far behind would. A hall added
    /// from a saved state goes on from that state's sequence: a reader at exactly that number resumes.
    /// </summary>
    /// <remarks>
    /// The subscription is attached on the hall's shard between two commands, shortly after this returns; reading
    /// waits until then. A hall keeps a history only from its first subscriber on, from the moment this is called: the
    /// events the hall numbers before the attach are replayed from it, so a reader that was caught up is never told it
    /// lagged because commands came in meanwhile. Pass a <see cref="long"/> (as
    /// <see cref="HallEvent.Sequence"/> is) or name the argument: an <see cref="int"/> binds to
    /// <see cref="Subscribe(int?)"/>, whose argument is a buffer size.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="afterSequence"/> is negative, or <paramref name="bufferSize"/> is below 2 or above 2^24.
    /// </exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "afterSequence is required and a long: Subscribe(), Subscribe(64) and Subscribe(bufferSize: n) still bind to the other overload.")]
    public EventSubscription Subscribe(long afterSequence, int? bufferSize = null) => _engine.Subscribe(this, afterSequence, bufferSize);

    /// <inheritdoc/>
    public override string ToString() => $"Hall '{Id}' on shard {_shard.Id}";
}
