namespace QueueCore;

/// <summary>One shard's part of a <see cref="QueueEngineHealth"/> report: plain numbers, ready for gauges.</summary>
public sealed record ShardHealth
{
    /// <summary>The shard's number, from 0.</summary>
    public required int Id { get; init; }

    /// <summary>True while the shard thread runs its loop (started, not stopped, not given up).</summary>
    public required bool IsRunning { get; init; }

    /// <summary>True once the shard gave up after repeated failures (its commands complete with Unavailable).</summary>
    public required bool IsAbandoned { get; init; }

    /// <summary>Commands waiting in the shard's ingress ring.</summary>
    public required long Depth { get; init; }

    /// <summary>Slots in the ring (<see cref="QueueEngineOptions.IngressCapacity"/>).</summary>
    public required int Capacity { get; init; }

    /// <summary>How long ago (engine clock) the shard's loop last went round; null before its first round.</summary>
    /// <remarks>An idle shard goes round at least once per <see cref="QueueEngineOptions.TickInterval"/>.</remarks>
    public required TimeSpan? SinceHeartbeat { get; init; }

    /// <summary>Halls on the shard (removed ones not counted).</summary>
    public required int Halls { get; init; }
}
