using System.Threading.Tasks.Sources;

namespace QueueCore;

/// <summary>
/// The pooled source behind a submitted command's <see cref="ValueTask{CommandResult}"/>. Two parties hold it:
/// the shard (until it has completed or skipped the command) and the caller (until it has read the result).
/// Whoever lets go last returns it to the pool, so a reused source can never be signalled by a stale party.
/// </summary>
/// <remarks>
/// A cancellable call races the shard for the command: both try to move <c>_state</c> away from Pending with a
/// CAS, and only the winner completes the source. The version token of
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/> makes misuse of a recycled ValueTask throw.
/// </remarks>
internal sealed class CommandCompletion : IValueTaskSource<CommandResult>
{
    private const int Pending = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private static readonly CommandResult CancelledResult =
        CommandResult.Fail(QueueError.Cancelled, "The call was cancelled before the hall applied the command.");

    private readonly CommandCompletionPool _pool;
    private ManualResetValueTaskSourceCore<CommandResult> _core; // mutable struct: never readonly
    private CancellationTokenRegistration _registration;
    private int _state;
    private int _holders;

    public CommandCompletion(CommandCompletionPool pool, bool runContinuationsAsynchronously)
    {
        _pool = pool;
        _core.RunContinuationsAsynchronously = runContinuationsAsynchronously;
    }

    /// <summary>Arms the source for one call (before it is queued).</summary>
    public ValueTask<CommandResult> Prepare()
    {
        _state = Pending;
        _holders = 2; // the shard and the caller; published to the shard by the ring's release store
        return new ValueTask<CommandResult>(this, _core.Version);
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

    /// <summary>Shard: delivers the result, then lets go.</summary>
    public void Complete(in CommandResult result)
    {
        _core.SetResult(result);
        Release();
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
        _core.Reset();
        _pool.Recycle(this);
    }

    /// <inheritdoc/>
    public CommandResult GetResult(short token)
    {
        var result = _core.GetResult(token);
        _registration.Dispose(); // waits for a cancel callback running on another thread, so it cannot touch a recycled source
        Release();
        return result;
    }

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void TryCancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending) // race against TryTake
        {
            _core.SetResult(CancelledResult);
        }
    }
}
