namespace QueueCore;

/// <summary>Never blocks: lowest latency, one core per shard burnt even when idle. For dedicated machines.</summary>
internal readonly struct BusySpinIdle : IIdleStrategy
{
    /// <inheritdoc/>
    public int Idle(Shard shard, int idleCount)
    {
        Thread.SpinWait(1);
        return idleCount + 1;
    }
}
