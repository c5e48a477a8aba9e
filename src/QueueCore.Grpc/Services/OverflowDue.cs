namespace QueueCore.Grpc.Services;

/// <summary>
/// Wakes a window's stream when an overflow ticket in its queue becomes callable. Its delay passes on the hall's clock
/// with no event, so without this the terminal's queue length stayed short until some other ticket moved. One delay
/// per stream at a time, kept while the time stays the same: a busy hall wakes a stream many times per delay.
/// </summary>
internal sealed class OverflowDue(TimeProvider time, CancellationToken token) : IDisposable
{
    // Task.Delay takes at most about 49 days; a longer wait ends early, and the stream reads the queue once more then.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private DateTimeOffset? _at;
    private Task? _due;
    private CancellationTokenSource? _cancel;

    /// <summary>
    /// A task that completes at <paramref name="at"/> by the hall's clock; null when <paramref name="at"/> is null (no
    /// overflow ticket waits for its delay).
    /// </summary>
    public Task? When(DateTimeOffset? at)
    {
        if (at == _at && _due is { } pending && (!pending.IsCompleted || time.GetUtcNow() >= at))
        {
            return pending;
        }

        Dispose();
        _at = at;
        if (at is null)
        {
            return null;
        }

        var wait = at.Value - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return _due = Task.CompletedTask;
        }

        _cancel = CancellationTokenSource.CreateLinkedTokenSource(token);
        return _due = Task.Delay(wait < MaxDelay ? wait : MaxDelay, time, _cancel.Token);
    }

    /// <summary>Drops the pending delay (its timer goes at once, not when it would have fired).</summary>
    public void Dispose()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
        _cancel = null;
        _due = null;
    }
}
