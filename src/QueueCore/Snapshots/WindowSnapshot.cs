namespace QueueCore;

/// <summary>One window's state and figures for the day.</summary>
public sealed record WindowSnapshot
{
    /// <summary>The window id.</summary>
    public required int Window { get; init; }

    /// <summary>The window's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its state.</summary>
    public required WindowState State { get; init; }

    /// <summary>Auto mode: tickets are assigned when it is free.</summary>
    public required bool Auto { get; init; }

    /// <summary>The clerk on it (0: none).</summary>
    public required int Clerk { get; init; }

    /// <summary>The ticket called or being served, or 0.</summary>
    public required long Ticket { get; init; }

    /// <summary>The pause reason, when paused.</summary>
    public string? PauseReason { get; init; }

    /// <summary>
    /// When the hall paused the window itself because its calls went unanswered (<see cref="NoShowPolicy.PauseWindowAfter"/>):
    /// how many in a row; 0 when a command paused it (<see cref="HallCommand.PauseWindow"/>,
    /// <see cref="HallCommand.FinishAndPause"/>), when it is not paused, and in a hall restored from a state saved before
    /// this was kept.
    /// </summary>
    public int PausedAfterUnansweredCalls { get; init; }

    /// <summary>
    /// Who paused the window, while it is paused (<see cref="WindowPauser.None"/> otherwise): its clerk, the hall after
    /// unanswered calls, or the hall manager (whose pause only the manager resumes). A window paused by a command in a
    /// hall restored from a state saved before the manager's pause was kept reads <see cref="WindowPauser.Clerk"/>.
    /// </summary>
    public WindowPauser PausedBy { get; init; }

    /// <summary>Tickets transferred or returned to this window that wait in its own queue.</summary>
    public int QueueLength { get; init; }

    /// <summary>
    /// The tickets the window would call now: its own queue and those of the items it serves
    /// (<see cref="Hall.GetWindowQueue(int, System.DateTimeOffset, int, int)"/>'s total), less the overflow tickets whose delay has not passed yet; while paused,
    /// those it would call once resumed; 0 while closed. What a clerk's terminal shows as the window's queue.
    /// </summary>
    public int Callable { get; init; }

    /// <summary>Items finished today.</summary>
    public required int ServedToday { get; init; }

    /// <summary>
    /// The mean time the tickets this window called today had waited before its call: each call counts once (a recall
    /// repeats the call and does not count again), with the time the ticket had waited in the queue it was called from
    /// (since it joined it: its issue, or its return after a no-show's re-queue, a park, a transfer or its previous item;
    /// a ticket sent back from a closed window's queue keeps its wait). A call that ended in a no-show counts: the
    /// citizen waited. Zero when it called none today.
    /// </summary>
    public TimeSpan MeanWait { get; init; }

    /// <summary>Mean handling time of today's finished items.</summary>
    public required TimeSpan MeanHandlingTime { get; init; }

    /// <summary>Ratings received today.</summary>
    public required int Ratings { get; init; }

    /// <summary>Mean rating (1 to 5) today, or 0 with none.</summary>
    public required double MeanRating { get; init; }
}
