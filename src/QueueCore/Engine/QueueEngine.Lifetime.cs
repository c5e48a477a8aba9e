using System.Diagnostics;
using System.Globalization;

namespace QueueCore;

/// <remarks>This part: start, subscriptions and shutdown.</remarks>
public sealed partial class QueueEngine
{
    private bool _started; // under _lifecycle
    private bool _disposed; // under _lifecycle
    private PaddedLong _subscriptionsClosed; // 1 once shutdown completes subscriptions

    // Completed when the first stop has finished. A later Dispose (the container's, after the host's shutdown timeout
    // cut the hosted service's wait short) waits for it rather than returning while commands are still being applied.
    private readonly TaskCompletionSource _stopFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Starts the shard threads and logs it at Information (event 1040, <c>EngineStarted</c>: shards, halls, journal mode and
    /// data directory). Idempotent.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_disposed)
            {
                ThrowHelper.ObjectDisposed(nameof(QueueEngine));
            }

            if (_started)
            {
                return;
            }

            _started = true;
            foreach (var shard in _shards)
            {
                shard.Start();
            }

            // The line an operator looks for between recovery and stop: what runs, and where its journal is.
            var journal = Options.Journal;
            Log.EngineStarted(
                _logger,
                _shards.Length,
                _halls.Count,
                journal.IsEnabled ? journal.Mode : JournalMode.None,
                journal.IsEnabled ? Path.GetFullPath(journal.Directory!) : "none (in memory only)");
        }
    }

    /// <summary>
    /// Stops accepting, applies what is queued, stops the threads and completes every subscription. Waits at most
    /// <see cref="QueueEngineOptions.ShutdownTimeout"/> for the shard threads; a shard that has not stopped by then
    /// is logged and left behind (commands still queued on it may never complete). A later call (the container's,
    /// after the host's shutdown timeout cut a hosted stop short) waits for the first to finish, as long again at most.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called on a shard thread (a continuation run synchronously there).</exception>
    public void Dispose()
    {
        if (!BeginStop(out var activity))
        {
            _stopFinished.Task.Wait(Options.ShutdownTimeout);
            return;
        }

        using (activity)
        {
            if (!Task.WhenAll(_shards.Select(s => s.Stopped)).Wait(Options.ShutdownTimeout))
            {
                ReportStuckShards(activity);
            }

            FinishStop();
        }
    }

    /// <summary>As <see cref="Dispose"/>, waiting for the shard threads without blocking the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!BeginStop(out var activity))
        {
            await _stopFinished.Task.WaitAsync(Options.ShutdownTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        using (activity)
        {
            try
            {
                await Task.WhenAll(_shards.Select(s => s.Stopped)).WaitAsync(Options.ShutdownTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                ReportStuckShards(activity);
            }

            FinishStop();
        }
    }

    internal EventSubscription Subscribe(HallHandle hall, int? bufferSize)
    {
        var entry = hall.Entry;
        var subscription = new EventSubscription(BufferSize(bufferSize), hall, entry.Remove);
        var buffer = subscription.Buffer; // what the hall holds: the caller's object stays collectable
        entry.EnsureHistory(); // the first subscriber starts the hall's history
        entry.Add(buffer); // CAS (full fence) before the checks below: pairs with FinishStop, removal and a shard giving up
        if (_subscriptionsClosed.Read() != 0 || entry.IsRemoved || hall.Shard.IsAbandoned)
        {
            entry.Remove(buffer);
            buffer.Complete(); // the engine stopped, the hall is gone or its shard gave up: nothing will come
        }

        return subscription;
    }

    internal EventSubscription Subscribe(HallHandle hall, long afterSequence, int? bufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        var entry = hall.Entry;
        var subscription = new EventSubscription(BufferSize(bufferSize), hall, entry.Remove, afterSequence);

        // The first subscriber starts the hall's history now, not when the shard attaches it: the events the hall
        // numbers in between are then in the history for the attach to replay. Started at the attach, it missed them,
        // and a reader that was caught up (afterSequence the hall's latest) was told it lagged.
        entry.EnsureHistory();
        hall.Shard.Post(new SubscribeWorkItem(subscription.Buffer, afterSequence), entry.Index); // cancelled (completed) if the shard stopped
        return subscription;
    }

    /// <summary>
    /// A subscriber's buffer size: the caller's, checked under the name it passed it by (the subscription's own check
    /// named its "capacity", which no caller of <see cref="HallHandle.Subscribe(int?)"/> knew), or the engine's default.
    /// </summary>
    private int BufferSize(int? bufferSize)
    {
        if (bufferSize is { } size and (< SubscriptionBuffer.MinCapacity or > SubscriptionBuffer.MaxCapacity))
        {
            throw new ArgumentOutOfRangeException(
                nameof(bufferSize),
                size,
                string.Create(CultureInfo.InvariantCulture, $"bufferSize must be {SubscriptionBuffer.MinCapacity} to {SubscriptionBuffer.MaxCapacity}; it is {size}."));
        }

        return bufferSize ?? Options.SubscriberBufferSize;
    }

    /// <summary>
    /// Closes every ring and wakes the shards; false if already disposed. <paramref name="activity"/> is the stop's
    /// span: the caller ends it once the stop finished, so a trace shows how long the drain took.
    /// </summary>
    private bool BeginStop(out Activity? activity)
    {
        activity = null;
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return false;
            }

            if (_shards.Any(s => s.IsCurrentThread))
            {
                ThrowHelper.InvalidOperation("The engine cannot be disposed from one of its shard threads (a continuation ran synchronously there).");
            }

            _disposed = true;
        }

        activity = QueueCoreDiagnostics.ActivitySource.StartActivity("QueueCore.Stop");
        Log.EngineStopping(_logger, _halls.Count);
        foreach (var shard in _shards)
        {
            shard.BeginStop();
        }

        foreach (var shard in _shards)
        {
            shard.StopIfNeverStarted(); // drains on this thread a shard whose thread never ran
        }

        return true;
    }

    private void ReportStuckShards(Activity? activity)
    {
        foreach (var shard in _shards.Where(s => !s.Stopped.IsCompleted))
        {
            Log.ShutdownTimedOut(_logger, shard.Id, Options.ShutdownTimeout);
        }

        activity?.SetStatus(ActivityStatusCode.Error, $"Shards still running after the shutdown timeout ({Options.ShutdownTimeout}) were left behind.");
    }

    private void FinishStop()
    {
        _subscriptionsClosed.WriteFullFence(1); // full fence before detaching: pairs with the check in Subscribe
        foreach (var shard in _shards)
        {
            foreach (var entry in shard.Halls)
            {
                foreach (var subscription in entry.DetachAll())
                {
                    subscription.Complete();
                }
            }

            if (shard.Stopped.IsCompleted)
            {
                shard.Dispose(); // a shard left behind keeps its wake event and timer: its thread may still use them
            }
        }

        if (_shards.All(s => s.Stopped.IsCompleted))
        {
            ReleaseJournalLock(); // a shard left behind may still write its journal: then the directory stays ours
        }

        _metrics.Dispose();
        Log.EngineStopped(_logger);
        _stopFinished.TrySetResult();
    }
}
