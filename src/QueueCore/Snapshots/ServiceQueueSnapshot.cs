namespace QueueCore;

/// <summary>The queue of one service item.</summary>
public sealed record ServiceQueueSnapshot
{
    /// <summary>The item id.</summary>
    public required int Service { get; init; }

    /// <summary>The item's name.</summary>
    public required string Name { get; init; }

    /// <summary>Tickets waiting for the item: in its queue, or sent to a window's own queue (transferred or returned
    /// there), so the services' counts add up to the hall's <see cref="HallSnapshot.TotalWaiting"/>. What a citizen is
    /// told is <see cref="InLine"/>.</summary>
    public required int Waiting { get; init; }

    /// <summary>
    /// Tickets in the item's queue, which any window serving it calls: those a ticket taken now finds ahead of it (a
    /// normal one; a priority class may rank before some), as its <see cref="CommandResult.Position"/> counts. The
    /// <see cref="Waiting"/> tickets less those sent to a window's own queue: they wait for that one window, and a new
    /// ticket's position does not count them, so neither does a kiosk's list.
    /// </summary>
    public int InLine { get; init; }

    /// <summary>Tickets waiting, by priority class id (classes with none are left out).</summary>
    public required IReadOnlyDictionary<string, int> WaitingByClass { get; init; }

    /// <summary>
    /// The longest time one of them has waited: since it joined the queue it waits in (its issue, or its return after
    /// parking, a transfer, a no-show's re-queue or its previous item), as <see cref="ServiceItem.WaitLimit"/> counts
    /// it. A ticket sent back to its item's queue because its window closed goes on waiting: its wait does not restart. A resumed ticket's head start (<see cref="ParkPolicy.ResumeHeadStart"/>) and its time away are not waiting:
    /// they move it up the queue, not this figure. Zero when none waits.
    /// </summary>
    public required TimeSpan LongestWait { get; init; }

    /// <summary>Tickets issued for the item today.</summary>
    public required int IssuedToday { get; init; }

    /// <summary>The moving average of handling time.</summary>
    public required TimeSpan AverageHandlingTime { get; init; }

    /// <summary>Open windows that serve the item as a primary skill, paused ones left out (the windows taking its tickets now).</summary>
    public int OpenWindows { get; init; }

    /// <summary>
    /// How long a ticket first in line for the item is expected to wait for a window: zero while one of the
    /// <see cref="OpenWindows"/> is idle; one whole <see cref="AverageHandlingTime"/> while none is open (as if one had
    /// just started a service); while all are busy with a ticket, the expected earliest end
    /// of their services under way, as <see cref="CommandResult.EstimatedWait"/> counts it. A ticket taken now waits this,
    /// plus <see cref="AverageHandlingTime"/> shared over the open windows for each of the <see cref="InLine"/>. Each busy
    /// window counts with the average of the item it serves, as that stood when its service started.
    /// </summary>
    public TimeSpan UntilWindowFree { get; init; }

    /// <summary>
    /// While no open window serves the item as primary (<see cref="OpenWindows"/> is 0) but some open window serves it
    /// as overflow: the shortest of their overflow delays (<see cref="WindowSkill.OverflowDelay"/>), before which none
    /// of them calls a ticket taken now; zero otherwise. A ticket taken now is told at least this
    /// (<see cref="CommandResult.EstimatedWait"/>), whatever <see cref="UntilWindowFree"/> and the tickets in line add up to.
    /// </summary>
    public TimeSpan OverflowDelay { get; init; }
}
