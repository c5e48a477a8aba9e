namespace QueueCore;

/// <summary>
/// Puts a hall restored from saved state (built off the shard, on the caller's thread) in place of the live one,
/// clearing a fault; its subscribers resynchronise because its sequence numbers restart from the state's.
/// </summary>
internal sealed class RestoreWorkItem : ShardWorkItem<bool>
{
    private readonly Hall _restored;

    /// <param name="restored">Built with <see cref="Hall.Restore"/> on the definition the hall had when the call began.</param>
    public RestoreWorkItem(Hall restored) => _restored = restored;

    /// <inheritdoc/>
    protected override bool Run(Shard shard, HallEntry? hall)
    {
        Present(hall);
        if (!ReferenceEquals(hall!.Definition, _restored.Definition))
        {
            throw new InvalidOperationException($"Hall '{hall.Id}' was redefined while it was being restored; restore it again.");
        }

        shard.Swap(hall, _restored, resetTimeline: true);
        return true;
    }
}
