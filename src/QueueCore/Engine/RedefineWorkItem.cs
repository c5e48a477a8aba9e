namespace QueueCore;

/// <summary>
/// Swaps in the hall built for a new definition from the live one (<c>Hall.Redefine</c>), keeping the day's queue
/// and numbering, and publishes the events the change emits. The definition was validated on the caller's thread;
/// if the hall still refuses it here, the live hall stays and the caller gets the exception.
/// </summary>
internal sealed class RedefineWorkItem : ShardWorkItem<HallDefinition>
{
    private readonly HallDefinition _definition;

    public RedefineWorkItem(HallDefinition definition) => _definition = definition;

    /// <inheritdoc/>
    protected override HallDefinition Run(Shard shard, HallEntry? hall)
    {
        var current = Usable(hall);
        var next = current.Redefine(_definition, shard.Now); // a new hall: the live one is untouched if this throws
        if (next.Id != current.Id)
        {
            throw new InvalidOperationException($"Redefining hall '{current.Id}' produced hall '{next.Id}'.");
        }

        shard.Swap(hall!, next, resetTimeline: false);
        return next.Definition;
    }
}
