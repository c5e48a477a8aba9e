namespace QueueCore;

/// <summary>Removes a hall on its shard: tombstones its slot and completes its subscriptions.</summary>
internal sealed class RemoveHallWorkItem : ShardWorkItem<bool>
{
    /// <inheritdoc/>
    protected override bool Run(Shard shard, HallEntry? hall)
    {
        if (hall is null || hall.IsRemoved)
        {
            return false;
        }

        shard.Remove(hall);
        return true;
    }
}
