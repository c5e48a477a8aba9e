namespace QueueCore;

/// <summary>Reads which ticket a window finished last (<see cref="Hall.TryGetLastFinished"/>) on the hall's shard, between two commands.</summary>
internal sealed class LastFinishedWorkItem(int window) : ShardWorkItem<long?>
{
    /// <inheritdoc/>
    protected override long? Run(Shard shard, HallEntry? hall) =>
        Usable(hall).TryGetLastFinished(window, out var ticket) ? ticket : null;
}
