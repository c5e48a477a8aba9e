namespace QueueCore;

/// <summary>
/// A control call (a snapshot, a queue view, a save, a redefinition) through the handle of a hall that was removed
/// (<see cref="QueueEngine.RemoveHallAsync"/>). A handle is the hall it was got for, not its id: a hall added again with
/// the id is another hall, with a handle of its own. Commands through such a handle are refused with
/// <see cref="QueueError.UnknownHall"/> instead.
/// </summary>
public sealed class HallRemovedException : InvalidOperationException
{
    /// <summary>An exception for a removed hall.</summary>
    public HallRemovedException()
        : this(string.Empty)
    {
    }

    /// <summary>An exception for removed hall <paramref name="hallId"/>.</summary>
    public HallRemovedException(string hallId)
        : base(HallEntry.RemovedMessage(hallId))
    {
        HallId = hallId;
    }

    /// <summary>An exception for a removed hall, with a message of your own.</summary>
    public HallRemovedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        HallId = string.Empty;
    }

    /// <summary>The removed hall's id.</summary>
    public string HallId { get; }
}
