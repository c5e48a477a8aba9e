namespace QueueCore;

/// <summary>Takes a hall's snapshot on its shard, between two commands, so it is consistent with the event stream.</summary>
internal sealed class SnapshotWorkItem(SnapshotDetail detail = SnapshotDetail.Full) : ShardWorkItem<HallSnapshot>
{
    /// <inheritdoc/>
    protected override HallSnapshot Run(Shard shard, HallEntry? hall)
    {
        var snapshot = Usable(hall).GetSnapshot(shard.Now, detail);
        return hall!.RenumberedThrough == 0
            ? snapshot
            : snapshot with { RenumberedAfter = hall.RenumberedAfter, RenumberedThrough = hall.RenumberedThrough }; // only a restored hall pays the copy
    }
}
