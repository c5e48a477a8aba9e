namespace QueueCore.Simulation;

/// <summary>
/// How a traced ticket item ended that day: the day trace's <c>outcome</c> column. A replay plays each as what it was,
/// so a what-if with more windows neither loses real demand nor invents citizens who walked away.
/// </summary>
public enum TraceOutcome
{
    /// <summary>A window handled it (<c>served</c>; <see cref="TraceItem.HandlingTime"/> says how long).</summary>
    Served = 0,

    /// <summary>The holder did not come when called (<c>no_show</c>): replayed as an absent citizen, recalled and
    /// marked a no-show.</summary>
    NoShow = 1,

    /// <summary>The citizen left while waiting (<c>left</c>; the ticket's <see cref="TraceTicket.Left"/> says when):
    /// replayed as leaving then unless a window calls them first.</summary>
    Left = 2,

    /// <summary>A clerk cancelled the ticket at the window after calling it (<c>cancelled</c>): the citizen came to the
    /// call, so the replay calls them and counts the item served, for no window time (the trace does not say how long the
    /// clerk spent on it), rather than an absent citizen's no-show. The cancel ends the ticket: its later items, marked
    /// cancelled too, never come to wait (unless a later item of it was served: then the ticket goes on to it).</summary>
    Cancelled = 3,

    /// <summary>Still waiting (or parked) when the day closed, or when the trace ends (<c>waiting_at_close</c>): real
    /// demand that the day's windows did not reach. Replayed as a present citizen who waits until the replayed hall
    /// closes, served if a window calls them before (for the mean handling time of the trace's served rows of the
    /// service), else counted as still waiting at closing; never as a no-show.</summary>
    WaitingAtClose = 4,
}
