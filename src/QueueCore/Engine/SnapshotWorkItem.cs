namespace QueueCore;

/// <summary>Takes a hall's snapshot on its shard, between two commands, so it is consistent with the event stream.</summary>
internal sealed class SnapshotWorkItem : ShardWorkItem
{
    private readonly TaskCompletionSource<HallSnapshot> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The snapshot, once taken.</summary>
    public Task<HallSnapshot> Task => _result.Task;

    /// <inheritdoc/>
    public override void Execute(Shard shard, HallEntry? hall)
    {
        try
        {
            _result.TrySetResult(hall!.Hall.GetSnapshot(shard.Now));
        }
        catch (Exception ex) // a hall bug: the caller sees it, the shard goes on
        {
            _result.TrySetException(ex);
        }
    }
}
