namespace QueueCore;

/// <summary>What changed in a hall. Every state change emits exactly one event of one of these kinds.</summary>
public enum HallEventKind : byte
{
    /// <summary>Not an event.</summary>
    None = 0,

    /// <summary>The hall day opened; numbering reset.</summary>
    DayOpened,

    /// <summary>The hall day closed (or entered extended service; <see cref="HallEvent.Value"/> is the policy).</summary>
    DayClosed,

    /// <summary>A window opened (<see cref="HallEvent.Value"/>: the clerk).</summary>
    WindowOpened,

    /// <summary>A window paused. <see cref="HallEvent.Value"/>: 0 paused by its clerk (the reason is in
    /// <see cref="WindowSnapshot.PauseReason"/>), the number of calls in a row left unanswered when the hall paused it
    /// (<see cref="NoShowPolicy.PauseWindowAfter"/>), or <see cref="HallEvent.PausedByManager"/> (-1) when the hall manager
    /// paused it (<see cref="HallCommand.PauseWindowAsManager"/>; also a window its clerk or the hall had paused, which
    /// the manager's pause takes over).</summary>
    WindowPaused,

    /// <summary>A paused window resumed.</summary>
    WindowResumed,

    /// <summary>A window closed.</summary>
    WindowClosed,

    /// <summary>A ticket was issued (<see cref="HallEvent.Value"/>: its position).</summary>
    TicketIssued,

    /// <summary>A ticket was called to a window: show and speak it.</summary>
    TicketCalled,

    /// <summary>A called ticket was called again (<see cref="HallEvent.Value"/>: recall count, at most 255).</summary>
    TicketRecalled,

    /// <summary>Service started at the window.</summary>
    ServingStarted,

    /// <summary>The ticket's current item finished (<see cref="HallEvent.Value"/>: handling time in seconds).</summary>
    ServiceFinished,

    /// <summary>The ticket went on to its next item and waits again, keeping its standing.</summary>
    NextItem,

    /// <summary>All the ticket's items are done.</summary>
    TicketCompleted,

    /// <summary>The called citizen did not come (<see cref="HallEvent.Value"/>: 1 if re-queued, 0 if dropped).</summary>
    NoShow,

    /// <summary>The ticket was transferred (to <see cref="HallEvent.Service"/>, or to window <see cref="HallEvent.Value"/>).</summary>
    Transferred,

    /// <summary>The ticket was parked (<see cref="HallEvent.Value"/>: seconds until it comes back by itself, 0 if only by hand).</summary>
    Parked,

    /// <summary>A parked ticket resumed.</summary>
    Resumed,

    /// <summary>The ticket was cancelled (<see cref="HallEvent.Value"/>: a <see cref="CancelCause"/>).</summary>
    Cancelled,

    /// <summary>
    /// A finished service was rated (<see cref="HallEvent.Value"/>: 1 to 5; <see cref="HallEvent.Window"/>: the window
    /// that finished it, or 0 when that window was removed since).
    /// </summary>
    Rated,

    /// <summary>A ticket has waited longer than its item's wait limit (<see cref="HallEvent.Value"/>: seconds it has waited
    /// for its current item).</summary>
    WaitLimitPassed,

    /// <summary>The item's queue reached its warning length (<see cref="HallEvent.Value"/>: tickets waiting).</summary>
    QueueLengthWarning,

    /// <summary>A window has served one ticket longer than the item's service-time limit (<see cref="HallEvent.Value"/>:
    /// seconds since its service started).</summary>
    ServiceTimePassed,

    /// <summary>A window has been idle longer than the hall's idle limit while tickets it may serve wait (for a window
    /// already past the limit when a ticket comes, within a minute of it: see <see cref="HallDefinition.WindowIdleLimit"/>;
    /// <see cref="HallEvent.Value"/>: seconds it has been idle).</summary>
    IdleTimePassed,

    /// <summary>The hall's definition was changed at run time (windows, services, skills); the queue and numbering go on.
    /// Screens and dashboards should take a fresh snapshot for names and windows.</summary>
    HallRedefined,
}
