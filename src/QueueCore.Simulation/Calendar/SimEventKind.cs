namespace QueueCore.Simulation;

/// <summary>What a calendar event does when its time comes.</summary>
internal enum SimEventKind : byte
{
    /// <summary>A Poisson arrival for a service (Target: hall-local service index).</summary>
    Arrival,

    /// <summary>The next ticket of the hall's trace arrives (Target: its index).</summary>
    TraceArrival,

    /// <summary>A window finishes its ticket's item (Target: window index, Ticket: the ticket).</summary>
    Completion,

    /// <summary>An absent citizen's call runs out: the window marks the no-show (Target: window, Ticket).</summary>
    NoShow,

    /// <summary>The hall's earliest patience deadline: who still waits for the first call leaves.</summary>
    Abandon,

    /// <summary>A window's staffed span starts (Target: window index, Ticket: span index).</summary>
    WindowOpen,

    /// <summary>A window's staffed span ends: the clerk pauses or closes after the current ticket.</summary>
    WindowStop,

    /// <summary>The hall's timers are due (overflow delays, call-back holds).</summary>
    Tick,

    /// <summary>The last window's shift ended: the day closes and what still waits is cancelled.</summary>
    DayClose,
}
