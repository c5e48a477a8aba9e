namespace QueueCore;

/// <summary>Why a command was refused. Expected failures are results, never exceptions.</summary>
public enum QueueError : byte
{
    /// <summary>Success.</summary>
    None = 0,

    /// <summary>No hall with that id.</summary>
    UnknownHall,

    /// <summary>No service item with that id in the hall.</summary>
    UnknownService,

    /// <summary>No window with that id in the hall.</summary>
    UnknownWindow,

    /// <summary>No ticket with that id (or it is no longer retained).</summary>
    UnknownTicket,

    /// <summary>No priority class with that id.</summary>
    UnknownClass,

    /// <summary>The window is not open (closed or paused).</summary>
    WindowNotOpen,

    /// <summary>The window is in the wrong state for the command (e.g. busy, or no ticket called).</summary>
    WindowWrongState,

    /// <summary>The ticket is in the wrong state for the command.</summary>
    TicketWrongState,

    /// <summary>The window may not serve the ticket's item.</summary>
    NotEligible,

    /// <summary>No ticket the window may serve is waiting.</summary>
    NothingWaiting,

    /// <summary>A limit was reached (daily cap, recalls, capacity).</summary>
    LimitReached,

    /// <summary>The hall day is not open, or the item is outside its issuing hours.</summary>
    Closed,

    /// <summary>The clerk already holds another window.</summary>
    ClerkBusy,

    /// <summary>The command's arguments are invalid (e.g. no items, a rating outside 1 to 5, a reason over its limit).</summary>
    InvalidArgument,

    /// <summary>
    /// The engine cannot apply commands now: it is shutting down or stopped, the hall's shard stopped after repeated
    /// failures, its journal cannot write, or it could not read its clock. The command was not applied. A full queue is
    /// <see cref="Overloaded"/>.
    /// </summary>
    Unavailable,

    /// <summary>The call was cancelled before the hall applied it.</summary>
    Cancelled,

    /// <summary>The hall day is in the wrong state (already open, not open, or still serving the previous day).</summary>
    DayWrongState,

    /// <summary>
    /// The hall threw while applying a command and is isolated until it is restored
    /// (<see cref="HallHandle.RestoreAsync"/>): nothing is applied to it meanwhile; retrying will not help.
    /// </summary>
    HallFaulted,

    /// <summary>
    /// The hall's shard is overloaded (its ingress queue stayed full): the command was not applied; retry later,
    /// with back-off. Distinct from <see cref="Unavailable"/> (shutting down or stopped).
    /// </summary>
    Overloaded,

    /// <summary>
    /// The appointment reference was already checked in today: an appointment is one visit, so it gives one ticket per
    /// hall day (whether that ticket still waits, is being served, or has finished). The message names the ticket it
    /// gave. A kiosk that retries a lost answer should send the same request id (it then gets that first ticket back);
    /// staff who must issue another ticket issue it without the reference, setting the class by hand if it is owed.
    /// The references are forgotten when the next day opens.
    /// </summary>
    AlreadyCheckedIn,

    /// <summary>
    /// The command's client request id (<see cref="HallCommand.RequestId"/>) was already used, by a command that
    /// succeeded, for a different command: the hall refuses it rather than answer with that other command's result, and
    /// changes nothing. A retry sends the command as it was the first time; a new command takes a new id.
    /// </summary>
    RequestIdReused,
}
