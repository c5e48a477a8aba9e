namespace QueueCore;

/// <summary>The queue of one service item.</summary>
public sealed record ServiceQueueSnapshot
{
    /// <summary>The item id.</summary>
    public required int Service { get; init; }

    /// <summary>The item's name.</summary>
    public required string Name { get; init; }

    /// <summary>Tickets waiting for the item: in its queue, or sent to a window's own queue (transferred or returned
    /// there), so the services' counts add up to the hall's <see cref="HallSnapshot.TotalWaiting"/>.</summary>
    public required int Waiting { get; init; }

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
}
