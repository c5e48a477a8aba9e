namespace QueueCore;

/// <summary>
/// A point-in-time health report of a <see cref="QueueEngine"/> (<see cref="QueueEngine.GetHealth"/>): per-shard
/// liveness and depth, lagged subscribers and faulted halls, as plain values that map onto gauges and onto
/// <see cref="QueueCoreHealthCheck"/>'s data.
/// </summary>
public sealed record QueueEngineHealth
{
    /// <summary>Whether <see cref="QueueEngine.Start"/> was called.</summary>
    public required bool IsStarted { get; init; }

    /// <summary>Whether the engine was disposed.</summary>
    public required bool IsStopped { get; init; }

    /// <summary>One entry per shard, by shard number.</summary>
    public required IReadOnlyList<ShardHealth> Shards { get; init; }

    /// <summary>
    /// Subscriptions that lost events and have not resynchronised yet. One dropped without being disposed stops
    /// counting once the garbage collector has collected it (see <see cref="EventSubscription"/>).
    /// </summary>
    public required int LaggedSubscribers { get; init; }

    /// <summary>Ids of the halls isolated after a fault, waiting for <see cref="HallHandle.RestoreAsync"/>.</summary>
    public required IReadOnlyList<string> FaultedHalls { get; init; }

    /// <summary>Why the journal stopped writing (a full disk, an unwritable directory), or null: while set, commands are refused.</summary>
    public string? JournalFailure { get; init; }

    /// <summary>What the engine recovered from its journal at start, or null without a journal.</summary>
    public JournalRecovery? Recovery { get; init; }
}
