namespace QueueCore;

/// <summary>Reads the first result of a client request id the hall remembers, on its shard between two commands.</summary>
internal sealed class RequestResultWorkItem(Guid requestId) : ShardWorkItem<CommandResult?>
{
    /// <inheritdoc/>
    protected override CommandResult? Run(Shard shard, HallEntry? hall) =>
        Usable(hall).TryGetRequestResult(requestId, out var result) ? result : null;
}
