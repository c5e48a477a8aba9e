namespace QueueCore;

/// <summary>Saves a hall's state on its shard, between two commands.</summary>
internal sealed class SaveStateWorkItem : ShardWorkItem<HallState>
{
    /// <inheritdoc/>
    protected override HallState Run(Shard shard, HallEntry? hall) => Usable(hall).SaveState();
}
