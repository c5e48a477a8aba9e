namespace QueueCore;

/// <summary>Takes a hall's snapshot on its shard, between two commands, so it is consistent with the event stream.</summary>
internal sealed class SnapshotWorkItem(SnapshotDetail detail = SnapshotDetail.Full) : ShardWorkItem<HallSnapshot>
{
    /// <inheritdoc/>
    protected override HallSnapshot Run(Shard shard, HallEntry? hall) => Usable(hall).GetSnapshot(shard.Now, detail);
}
