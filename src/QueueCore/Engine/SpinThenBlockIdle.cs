namespace QueueCore;

/// <summary>Spins (then yields) for <see cref="QueueEngineOptions.SpinIterations"/> rounds, then blocks until woken.</summary>
internal readonly struct SpinThenBlockIdle : IIdleStrategy
{
    /// <inheritdoc/>
    public int Idle(Shard shard, int idleCount)
    {
        if (idleCount < shard.SpinIterations)
        {
            // Exponential pause first (a burst usually resumes within microseconds), then give the core away.
            if (idleCount < 10)
            {
                Thread.SpinWait(4 << idleCount);
            }
            else
            {
                Thread.Yield();
            }

            return idleCount + 1;
        }

        shard.Block();
        return 0;
    }
}
