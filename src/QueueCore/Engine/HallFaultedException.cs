namespace QueueCore;

/// <summary>
/// The hall threw while applying a command and is isolated: it refuses commands
/// (<see cref="QueueError.HallFaulted"/>) and has no trustworthy state to show until
/// <see cref="HallHandle.RestoreAsync"/> replaces it with a saved state. Also thrown for a hall isolated because its
/// journal could not save commands it had applied (its commands are refused with <see cref="QueueError.Unavailable"/>;
/// restarting the engine recovers it as saved).
/// </summary>
public sealed class HallFaultedException : InvalidOperationException
{
    /// <summary>An exception for a faulted hall.</summary>
    public HallFaultedException()
        : this(string.Empty)
    {
    }

    /// <summary>An exception for faulted hall <paramref name="hallId"/>.</summary>
    public HallFaultedException(string hallId)
        : base($"Hall '{hallId}' is faulted: it threw while applying a command and is isolated until it is restored (HallHandle.RestoreAsync).")
    {
        HallId = hallId;
    }

    /// <summary>An exception for isolated hall <paramref name="hallId"/>, saying why.</summary>
    internal HallFaultedException(string hallId, string message)
        : base(message)
    {
        HallId = hallId;
    }

    /// <summary>An exception for a faulted hall, with a message of your own.</summary>
    public HallFaultedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        HallId = string.Empty;
    }

    /// <summary>The faulted hall's id.</summary>
    public string HallId { get; }
}
