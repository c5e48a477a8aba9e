namespace QueueCore;

/// <remarks>This part: start, subscriptions and shutdown.</remarks>
public sealed partial class QueueEngine
{
    private bool _started; // under _lifecycle
    private bool _disposed; // under _lifecycle
    private PaddedLong _subscriptionsClosed; // 1 once shutdown completes subscriptions

    /// <summary>Starts the shard threads. Idempotent.</summary>
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
        }
    }

    /// <summary>Stops accepting, applies what is queued, stops the threads and completes every subscription.</summary>
    /// <exception cref="InvalidOperationException">Called on a shard thread (a continuation run synchronously there).</exception>
    public void Dispose()
    {
        if (!BeginStop())
        {
            return;
        }

        foreach (var shard in _shards)
        {
            shard.Join();
        }

        FinishStop();
    }

    /// <summary>As <see cref="Dispose"/>, waiting for the shard threads without blocking the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!BeginStop())
        {
            return;
        }

        if (_started)
        {
            await Task.WhenAll(_shards.Select(s => s.Stopped)).ConfigureAwait(false);
        }

        foreach (var shard in _shards)
        {
            shard.Join(); // returns at once for stopped threads; drains inline for never-started shards
        }

        FinishStop();
    }

    internal EventSubscription Subscribe(HallHandle hall, int? bufferSize)
    {
        var subscription = new EventSubscription(bufferSize ?? Options.SubscriberBufferSize, hall, hall.Entry.Remove);
        hall.Entry.Add(subscription); // CAS (full fence) before the check below: pairs with FinishStop
        if (_subscriptionsClosed.Read() != 0)
        {
            hall.Entry.Remove(subscription);
            subscription.Complete(); // the engine stopped: nothing will come
        }

        return subscription;
    }

    /// <summary>Closes every ring and wakes the shards; false if already disposed.</summary>
    private bool BeginStop()
    {
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

        using var activity = QueueCoreDiagnostics.ActivitySource.StartActivity("QueueCore.Stop");
        Log.EngineStopping(_logger, _halls.Count);
        foreach (var shard in _shards)
        {
            shard.BeginStop();
        }

        return true;
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

            shard.Dispose();
        }

        _metrics.Dispose();
        Log.EngineStopped(_logger);
    }
}
