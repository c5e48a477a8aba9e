namespace QueueCore;

/// <summary>
/// What a shard does when its ring is empty. Implemented by structs and passed as a generic argument, so the JIT
/// compiles the shard loop once per strategy and inlines <see cref="Idle"/> (no interface call per iteration).
/// </summary>
internal interface IIdleStrategy
{
    /// <summary>Waits a little (or until woken); returns the new idle count (0 after blocking).</summary>
    int Idle(Shard shard, int idleCount);
}
