namespace QueueCore;

/// <summary>What happens when a called citizen does not come to the window.</summary>
public sealed record NoShowPolicy
{
    /// <summary>How many times a window may recall its called ticket (a ticket counts to 255: more sets no limit).</summary>
    public int MaxRecalls { get; init; } = 2;

    /// <summary>
    /// A no-show ticket is re-queued this many places back among the tickets of its item and class (0: it keeps its
    /// standing): just after the N-th of them, or after the last if fewer wait. It never moves behind tickets of another
    /// class, so a priority ticket with only normal tickets waiting keeps its standing and is called next again. A ticket
    /// called from a window's own queue (transferred or returned to that window) goes back to that queue instead, this
    /// many places back among the tickets waiting there, of any item and class (see <see cref="HallCommand.NoShow"/>). Tickets
    /// that rank equal with the N-th (issued at one instant, as the engine may stamp a burst of commands with one clock
    /// reading) count as one place with it: the ticket goes behind all of them, since equal ranks keep issue order.
    /// </summary>
    public int RequeuePlacesBack { get; init; } = 3;

    /// <summary>
    /// A ticket that has been a no-show this many times for its current item is dropped instead of re-queued (1: never
    /// re-queued; a ticket counts to 255, so more, such as <see cref="int.MaxValue"/>, means it is always re-queued). The
    /// count is per item of the visit: a ticket that goes on to its next item, or is transferred to another item, starts
    /// from none, since its citizen came to the window (a missed first call for the next item, often at another window,
    /// does not drop the rest of the visit).
    /// </summary>
    public int MaxNoShows { get; init; } = 2;

    /// <summary>A window whose calls go unanswered this many times in a row (within a day) is paused. 0: never. A call is
    /// answered when its service starts, or when it is finished or transferred straight from the call (a terminal's
    /// single "Next" key); a no-show leaves it unanswered. The count starts over with an answered call, when the window is
    /// opened or resumed, and when a day opens.</summary>
    public int PauseWindowAfter { get; init; } = 3;

    /// <summary>
    /// An auto-mode window does not call a ticket it has just marked a no-show straight back: it calls the next
    /// other ticket it may serve (after which the re-queued one takes its turn by rank), and, when no other waits,
    /// calls the re-queued one again only after this long.
    /// </summary>
    public TimeSpan CallBackAfter { get; init; } = TimeSpan.FromMinutes(1);
}
