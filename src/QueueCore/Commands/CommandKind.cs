namespace QueueCore;

/// <summary>The operations a hall accepts. Each is one <see cref="HallCommand"/> applied to one hall.</summary>
/// <remarks>The numeric values are stable (journals store them): new kinds are only ever appended.</remarks>
public enum CommandKind : byte
{
    /// <summary>Not a command; applying it is an error.</summary>
    None = 0,

    /// <summary>Open the hall day: numbering and daily counters reset.</summary>
    OpenDay,

    /// <summary>Close the hall day; <see cref="HallCommand.ClosePolicy"/> says what happens to tickets still waiting.</summary>
    CloseDay,

    /// <summary>Open a window for a clerk, in manual or auto mode.</summary>
    OpenWindow,

    /// <summary>Pause an idle window, with a reason.</summary>
    PauseWindow,

    /// <summary>Resume a paused window.</summary>
    ResumeWindow,

    /// <summary>Close an idle or paused window; tickets transferred or returned to it go back to their item's queue, keeping their standing and
    /// the time they have waited.</summary>
    CloseWindow,

    /// <summary>Issue a ticket for one or several service items.</summary>
    IssueTicket,

    /// <summary>The window calls the best ticket it may serve (pull).</summary>
    CallNext,

    /// <summary>The window calls a specific waiting ticket.</summary>
    CallTicket,

    /// <summary>The window calls its called ticket again.</summary>
    Recall,

    /// <summary>The called citizen arrived: service starts.</summary>
    StartServing,

    /// <summary>The window finished the ticket's current item; it goes on to its next item or completes.</summary>
    Finish,

    /// <summary>The called citizen did not come.</summary>
    NoShow,

    /// <summary>The window hands its ticket to another service item, keeping its standing.</summary>
    TransferToService,

    /// <summary>The window hands its ticket to a specific window, keeping its standing.</summary>
    TransferToWindow,

    /// <summary>The window parks its ticket until a missing document arrives.</summary>
    Park,

    /// <summary>A parked ticket goes back to the queue with raised standing.</summary>
    ResumeParked,

    /// <summary>A waiting, called or parked ticket is cancelled.</summary>
    Cancel,

    /// <summary>The citizen rates the last finished service of a ticket (1 to 5).</summary>
    Rate,

    /// <summary>Time passes: timers (wait limits, auto-resume, overflow delays, service and idle limits) fire.</summary>
    Tick,

    /// <summary>Query a ticket's state, position and estimated wait (no state change, no event).</summary>
    QueryTicket,

    /// <summary>The window finishes its ticket's current item and calls the next ticket in one step (the single
    /// "Next" key of clerk terminals; a ticket still called counts as served from its call). On an idle window it is
    /// a <see cref="CallNext"/>.</summary>
    FinishAndCallNext,
}
