namespace QueueCore;

/// <summary>
/// Work that must run on a shard's thread in order with its commands (a snapshot, a test probe). Rare, so a
/// class: posting one allocates, which commands never do.
/// </summary>
internal abstract class ShardWorkItem
{
    /// <summary>Runs on the shard thread. <paramref name="hall"/> is the hall it was posted for, or null.</summary>
    /// <remarks>An exception is logged and swallowed by the shard; implementations report failures themselves.</remarks>
    public abstract void Execute(Shard shard, HallEntry? hall);
}
