using System.Threading.Tasks.Sources;

namespace QueueCore;

/// <summary>
/// The pooled source behind a submitted command's <see cref="ValueTask{CommandResult}"/>. Two parties hold it:
/// the shard (until it has completed or skipped the command) and the caller (until it has read the result).
/// Whoever lets go last returns it to the pool, so a reused source can never be signalled by a stale party.
/// </summary>
/// <remarks>
/// <para>
/// A cancellable call races the shard for the command: both try to move <c>_state</c> away from Pending with a
/// CAS, and only the winner completes the source.
/// </para>
/// <para>
/// The caller's hold is released at most once per arming, keyed by the ValueTask's token: <c>_caller</c> holds
/// the armed token and <see cref="GetResult"/> claims it with a CAS. Awaiting the same ValueTask twice, or a stale
/// one after the source was recycled, therefore throws for that caller only; it can never release a hold the shard
/// or the source's next caller still counts on.
/// </para>
/// </remarks>
internal sealed class CommandCompletion : IValueTaskSource<CommandResult>, IThreadPoolWorkItem
{
    private const int Pending = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;
    private const int ArmedBit = 1 << 16; // above any short token, so 0 never matches an armed token

    private static readonly CommandResult CancelledResult =
        CommandResult.Fail(QueueError.Cancelled, "The call was cancelled before the hall applied the command.");

    private readonly CommandCompletionPool _pool;
    private readonly bool _runContinuationsAsynchronously;
    private CommandResult _handedOff; // the result CompleteOnPool delivers from a pool thread
    private ManualResetValueTaskSourceCore<CommandResult> _core; // mutable struct: never readonly
    private CancellationTokenRegistration _registration;
    private int _state;
    private int _holders;
    private int _caller; // ArmedBit | token while the caller's hold is unreleased, else 0

    public CommandCompletion(CommandCompletionPool pool, bool runContinuationsAsynchronously)
    {
        _pool = pool;
        _runContinuationsAsynchronously = runContinuationsAsynchronously;
        _core.RunContinuationsAsynchronously = runContinuationsAsynchronously;
    }

    /// <summary>Arms the source for one call (before it is queued).</summary>
    public ValueTask<CommandResult> Prepare()
    {
        _state = Pending;
        _core.RunContinuationsAsynchronously = _runContinuationsAsynchronously; // CompleteOnPool may have turned it off
        _holders = 2; // the shard and the caller; published to the shard by the ring's release store
        var token = _core.Version;
        _caller = Armed(token); // published to the awaiting thread with the ValueTask (completion is a full fence)
        return new ValueTask<CommandResult>(this, token);
    }

    /// <summary>After queueing: lets <paramref name="cancellationToken"/> cancel the call until the shard takes it.</summary>
    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static s => ((CommandCompletion)s!).TryCancel(), this);
        }
    }

    /// <summary>Shard: claims the command; false when the caller cancelled first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Pending) == Pending; // race against TryCancel

    /// <summary>Shard: delivers the result, then lets go (even if a synchronous continuation throws).</summary>
    public void Complete(in CommandResult result)
    {
        try
        {
            _core.SetResult(result);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>
    /// A caller applying other callers' commands (taken): delivers the result from a pool thread reached through the
    /// pool's shared queue, where the caller's continuation then runs at once. Completed here, the continuation would
    /// be queued on this thread's own queue (the core prefers it), behind this caller's own work: a turn's results
    /// would then run one after another on one thread while the other threads took new requests.
    /// </summary>
    public void CompleteOnPool(in CommandResult result)
    {
        _handedOff = result;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false); // a work item of its own: no allocation
    }

    /// <summary>On the pool thread <see cref="CompleteOnPool"/> reached: completes, running the continuation here.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        _core.RunContinuationsAsynchronously = false; // already on a pool thread: no second queueing
        try
        {
            Complete(in _handedOff);
        }
        catch (Exception ex) // the caller's own code ran here and threw (its command is complete)
        {
            _pool.ContinuationFailed(ex); // readonly: the same pool even once this source is recycled
        }
    }

    /// <summary>Shard (skipping a cancelled command) or submitter (offer refused): lets go without completing.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0) // the last holder recycles; the other may still be inside SetResult
        {
            _core.Reset();
            _registration = default;
            _pool.Recycle(this);
        }
    }

    /// <summary>Submitter: the offer was refused and the ValueTask from <see cref="Prepare"/> was never handed out.</summary>
    public void Abandon()
    {
        _holders = 0;
        _caller = 0;
        _core.Reset();
        _pool.Recycle(this);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The result was already read, or the ValueTask is stale.</exception>
    public CommandResult GetResult(short token)
    {
        var armed = Armed(token);
        if (Interlocked.CompareExchange(ref _caller, 0, armed) != armed) // once per arming: a second await or a stale token frees nothing
        {
            ThrowHelper.InvalidOperation(AwaitedTwice);
        }

        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _registration.Dispose(); // waits for a cancel callback running on another thread, so it cannot touch a recycled source
            Release();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The result was already read, or the ValueTask is stale.</exception>
    public ValueTaskSourceStatus GetStatus(short token)
    {
        // An await asks for the status first: once the result was read the source is reset (its version moves on), and
        // the core's own check threw "Operation is not valid due to the current state of the object", which names
        // neither the command nor the misuse.
        if (token != _core.Version)
        {
            ThrowHelper.InvalidOperation(AwaitedTwice);
        }

        return _core.GetStatus(token);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The result was already read, or the ValueTask is stale.</exception>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        if (token != _core.Version)
        {
            ThrowHelper.InvalidOperation(AwaitedTwice);
        }

        _core.OnCompleted(continuation, state, token, flags);
    }

    private const string AwaitedTwice = "The result of this command was already read, or the ValueTask is stale: await a submitted command once (AsTask() gives a task that may be awaited again).";

    private static int Armed(short token) => ArmedBit | (ushort)token;

    private void TryCancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending) // race against TryTake
        {
            _core.SetResult(CancelledResult);
        }
    }
}
