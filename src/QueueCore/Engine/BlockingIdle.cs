namespace QueueCore;

/// <summary>Blocks as soon as the ring is empty: no CPU while idle, a wake-up per burst.</summary>
internal readonly struct BlockingIdle : IIdleStrategy
{
    /// <inheritdoc/>
    public int Idle(Shard shard, int idleCount)
    {
        shard.Block();
        return 0;
    }
}
