using System.Threading.Tasks.Sources;

namespace QueueCore;

/// <summary>
/// The reusable source behind <see cref="SubscriptionBuffer.WaitToReadAsync"/>. Like
/// <see cref="CommandCompletion"/> it has two holders (whoever completes it, and the reader), and is only reused
/// once both let go; otherwise the subscription takes a fresh one. Continuations always run asynchronously, so a
/// reader's code never runs on a shard thread.
/// </summary>
internal sealed class ReaderSignal : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true }; // mutable struct
    private CancellationTokenRegistration _registration;
    private int _holders;

    /// <summary>Both holders let go: the source may be armed again.</summary>
    public bool IsFree => Volatile.Read(ref _holders) == 0; // acquire: the other holder's last touch happened before

    /// <summary>Arms the source for one wait.</summary>
    public ValueTask<bool> Prepare()
    {
        _core.Reset();
        _holders = 2; // published to completers by the full fence that announces the wait
        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>The wait was satisfied before it was handed out: nobody else will touch the source.</summary>
    public void Abandon() => _holders = 0;

    /// <summary>Lets <paramref name="cancellationToken"/> end the wait through <paramref name="onCancel"/>.</summary>
    public void Register(Action<object?, CancellationToken> onCancel, object state, CancellationToken cancellationToken) =>
        _registration = cancellationToken.UnsafeRegister(onCancel, state);

    /// <summary>Completer (the winner of the waiting flag): delivers the result, then lets go.</summary>
    public void Complete(bool result)
    {
        _core.SetResult(result);
        Release();
    }

    /// <summary>Completer: ends the wait with an exception (cancellation), then lets go.</summary>
    public void Fail(Exception error)
    {
        _core.SetException(error);
        Release();
    }

    /// <inheritdoc/>
    public bool GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _registration.Dispose(); // waits for a running cancel callback, so it cannot touch the next wait
            _registration = default;
            Release();
        }
    }

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Release() => Interlocked.Decrement(ref _holders); // the later of the two frees the source
}
