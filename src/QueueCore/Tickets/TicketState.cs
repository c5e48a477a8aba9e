namespace QueueCore;

/// <summary>Where a ticket is in its life.</summary>
public enum TicketState : byte
{
    /// <summary>No such ticket (or its slot was reused).</summary>
    None = 0,

    /// <summary>In a queue, waiting to be called.</summary>
    Waiting,

    /// <summary>Called to a window; the citizen is on the way.</summary>
    Called,

    /// <summary>Being served at a window.</summary>
    Serving,

    /// <summary>Parked, waiting for a missing document.</summary>
    Parked,

    /// <summary>Every item finished.</summary>
    Completed,

    /// <summary>Dropped after too many no-shows.</summary>
    NoShow,

    /// <summary>Cancelled by the citizen, the clerk or the day's close.</summary>
    Cancelled,
}
