namespace QueueCore;

/// <remarks>This part: the health report.</remarks>
public sealed partial class QueueEngine
{
    /// <summary>
    /// The engine's health now: each shard's liveness (thread running, last heartbeat of its loop) and ingress
    /// depth, the subscriptions that lagged, the halls that are faulted. Cheap (no call reaches a shard); any thread.
    /// </summary>
    public QueueEngineHealth GetHealth()
    {
        bool started, stopped;
        lock (_lifecycle)
        {
            started = _started;
            stopped = _disposed;
        }

        long now;
        try
        {
            now = TimeProvider.GetUtcNow().UtcTicks;
        }
        catch (Exception) // a broken clock: report no heartbeat ages rather than fail the report
        {
            now = 0;
        }

        var shards = new ShardHealth[_shards.Length];
        var lagged = 0;
        var faulted = new List<string>();
        foreach (var shard in _shards)
        {
            var halls = 0;
            foreach (var entry in shard.Halls)
            {
                if (entry.IsRemoved)
                {
                    continue;
                }

                halls++;
                if (entry.IsFaulted)
                {
                    faulted.Add(entry.Id);
                }

                lagged += entry.Subscribers.Count(s => s.Lagged);
            }

            var heartbeat = shard.HeartbeatTicks;
            shards[shard.Id] = new ShardHealth
            {
                Id = shard.Id,
                IsRunning = shard.IsRunning,
                IsAbandoned = shard.IsAbandoned,
                Depth = shard.Depth,
                Capacity = shard.Capacity,
                SinceHeartbeat = heartbeat == 0 || now == 0 ? null : TimeSpan.FromTicks(Math.Max(0, now - heartbeat)),
                Halls = halls,
            };
        }

        return new QueueEngineHealth
        {
            IsStarted = started,
            IsStopped = stopped,
            Shards = shards,
            LaggedSubscribers = lagged,
            FaultedHalls = faulted,
            JournalFailure = _shards.Select(s => s.JournalFailure).FirstOrDefault(f => f is not null) is { } failure
                ? $"the journal cannot write: {failure.Message}"
                : null,
            Recovery = Recovery,
        };
    }
}
