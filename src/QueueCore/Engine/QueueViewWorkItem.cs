namespace QueueCore;

/// <summary>
/// Takes a hall's queue in dispatch order (a window's or an item's) on its shard, between two commands, as it stands at
/// the shard's clock: a call made now sees the tickets that became overdue or callable since the hall's last command.
/// </summary>
internal sealed class QueueViewWorkItem(int window, int service, int offset, int count) : ShardWorkItem<QueueView>
{
    /// <inheritdoc/>
    protected override QueueView Run(Shard shard, HallEntry? hall) =>
        window != 0
            ? Usable(hall).WindowQueueAt(window, offset, count, shard.Now.UtcTicks)
            : Usable(hall).ServiceQueueAt(service, offset, count, shard.Now.UtcTicks);
}
