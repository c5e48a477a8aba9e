namespace QueueCore;

/// <summary>Takes a hall's queue in dispatch order (a window's or an item's) on its shard, between two commands.</summary>
internal sealed class QueueViewWorkItem(int window, int service, int offset, int count) : ShardWorkItem<QueueView>
{
    /// <inheritdoc/>
    protected override QueueView Run(Shard shard, HallEntry? hall) =>
        window != 0 ? Usable(hall).GetWindowQueue(window, offset, count) : Usable(hall).GetServiceQueue(service, offset, count);
}
