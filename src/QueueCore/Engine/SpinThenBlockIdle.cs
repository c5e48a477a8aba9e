namespace QueueCore;

/// <summary>
/// Spins in short pauses for <see cref="QueueEngineOptions.SpinIterations"/> rounds, yields the core a few times,
/// then blocks until woken. Short constant pauses (not exponential back-off) keep the time to notice a new
/// command at one pause (~0.2 µs here), so a busy shard never pays a wake-up per command.
/// </summary>
internal readonly struct SpinThenBlockIdle : IIdleStrategy
{
    private const int YieldRounds = 50;

    /// <inheritdoc/>
    public int Idle(Shard shard, int idleCount)
    {
        if (idleCount < shard.SpinIterations)
        {
            Thread.SpinWait(1);
            return idleCount + 1;
        }

        if (idleCount < shard.SpinIterations + YieldRounds)
        {
            Thread.Yield(); // let a producer on this core run before we give up and block
            return idleCount + 1;
        }

        shard.Block();
        return 0;
    }
}
