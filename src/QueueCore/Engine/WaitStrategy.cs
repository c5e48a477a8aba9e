namespace QueueCore;

/// <summary>How a shard thread waits when it has no command to apply.</summary>
public enum WaitStrategy
{
    /// <summary>Spin briefly (<see cref="QueueEngineOptions.SpinIterations"/>), then block until a command arrives
    /// or a timer is due. Busy shards never pay a wake-up; idle ones use no CPU. The default.</summary>
    SpinThenBlock = 0,

    /// <summary>Block at once: least CPU, a wake-up (a few microseconds) at the start of every burst.</summary>
    Blocking,

    /// <summary>Never block: lowest latency, but each shard keeps a core busy even when idle.</summary>
    BusySpin,
}
