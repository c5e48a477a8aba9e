namespace QueueCore;

/// <summary>
/// Control work that must run on a shard's thread between two commands (a snapshot, a save, a restore, a
/// redefinition, a removal, a subscription from a sequence, a test probe). Rare, so a class: posting one
/// allocates, which commands never do. It travels on the shard's control queue, never in the command ring, so an
/// overloaded ring cannot refuse it.
/// </summary>
internal abstract class ShardWorkItem
{
    /// <summary>The hall it was posted for (its index in the shard), or -1.</summary>
    public int HallIndex { get; set; } = -1;

    /// <summary>
    /// The ring position when it was posted: it runs once the shard has taken every command queued before it, so
    /// it sees their effects (the order the ring gave when control work travelled in it).
    /// </summary>
    public long After { get; set; }

    /// <summary>Shard thread: the journal's appended position when the item started (set by the shard before it runs).</summary>
    public long AppendedBefore { get; set; }

    /// <summary>Runs on the shard thread. <paramref name="hall"/> is the hall it was posted for, or null.</summary>
    /// <remarks>An exception is logged and swallowed by the shard; implementations report failures themselves.</remarks>
    public abstract void Execute(Shard shard, HallEntry? hall);

    /// <summary>The shard will never run it (stopped, or gave up after failures): fail whoever waits for it.</summary>
    public virtual void Cancel(Exception reason)
    {
    }

    /// <summary>
    /// The record of what it changed is safe (<see cref="Shard.HoldUntilSafe"/>): give the caller the result it held back.
    /// </summary>
    public virtual void CompleteHeld()
    {
    }
}
