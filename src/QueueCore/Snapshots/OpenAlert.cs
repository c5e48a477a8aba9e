namespace QueueCore;

/// <summary>
/// An alert still open when a snapshot was taken (<see cref="HallSnapshot.OpenAlerts"/>): the hall raised its event at
/// or before the snapshot's <see cref="HallSnapshot.Sequence"/>, and what it warned of is still so. Read from the
/// hall's state at the snapshot's time, so a dashboard that opens (or reconnects, or starts after a restart) mid-day
/// shows the alerts it would have heard of, and no other.
/// </summary>
/// <remarks>
/// What "open" means for each <see cref="Kind"/>:
/// <list type="bullet">
/// <item><see cref="HallEventKind.WaitLimitPassed"/>: the ticket raised its wait-limit alert for its current item and
/// still waits for it (in the item's queue or a window's own), past the item's <see cref="ServiceItem.WaitLimit"/>.
/// Its call closes the alert. The event is raised once per ticket and item: a ticket that comes to wait for the item
/// again (a no-show re-queued, a parked ticket resumed, a transfer to a window) raises none, and shows here again only
/// once its new wait passes the limit (<see cref="Elapsed"/> is the new wait).</item>
/// <item><see cref="HallEventKind.QueueLengthWarning"/>: the item's queue reached its
/// <see cref="ServiceItem.QueueWarningLength"/> and has not fallen below it since.</item>
/// <item><see cref="HallEventKind.ServiceTimePassed"/>: the window still serves the ticket it raised the alert for,
/// past the item's <see cref="ServiceItem.ServiceTimeLimit"/>.</item>
/// <item><see cref="HallEventKind.IdleTimePassed"/>: the window is still in the idle spell it raised the alert in (it
/// has not called, paused or closed since), past <see cref="HallDefinition.WindowIdleLimit"/>, and the day is not
/// closed (no ticket can wait then). It stays open if the tickets it could serve are called elsewhere meanwhile.</item>
/// </list>
/// A limit a redefinition raised above the time passed, or removed, closes the alerts of that limit.
/// </remarks>
public sealed record OpenAlert
{
    /// <summary>The kind of event that raised it: <see cref="HallEventKind.WaitLimitPassed"/>,
    /// <see cref="HallEventKind.QueueLengthWarning"/>, <see cref="HallEventKind.ServiceTimePassed"/> or
    /// <see cref="HallEventKind.IdleTimePassed"/>.</summary>
    public required HallEventKind Kind { get; init; }

    /// <summary>The service item id, as the event gives it: the ticket's current item, the queue's item, or -1 for
    /// <see cref="HallEventKind.IdleTimePassed"/>, which concerns a window (item 0 is a valid id).</summary>
    public required int Service { get; init; }

    /// <summary>The window (<see cref="HallEventKind.ServiceTimePassed"/>, <see cref="HallEventKind.IdleTimePassed"/>), or 0.</summary>
    public int Window { get; init; }

    /// <summary>The ticket (<see cref="HallEventKind.WaitLimitPassed"/>, <see cref="HallEventKind.ServiceTimePassed"/>), or 0.</summary>
    public long Ticket { get; init; }

    /// <summary>The ticket's printed number, or empty.</summary>
    public TicketNumber Number { get; init; }

    /// <summary>How long, at the snapshot's time, the ticket has waited for its item (as
    /// <see cref="ServiceQueueSnapshot.LongestWait"/> counts it), the window has served it, or the window has been idle
    /// (as the idle limit counts it: from the day's opening for a window left open overnight); zero for
    /// <see cref="HallEventKind.QueueLengthWarning"/>. At least <see cref="Limit"/>.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// When what it warns of began, as the hall knows it (a live alert's event carries when the hall noticed): the
    /// ticket's wait passed <see cref="Limit"/> (when it began to wait for its item, plus the limit), the window's service
    /// passed it (the start of service, plus the limit), the window's idle spell passed it (the spell's start, as
    /// <see cref="Elapsed"/> counts it, plus the limit), the queue reached its warning length (when the hall raised the
    /// warning). <see langword="default"/> when the hall does not know: a queue-length warning raised before a restore
    /// from a state saved before this was kept.
    /// </summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>The limit passed, as the hall's definition sets it now; zero for <see cref="HallEventKind.QueueLengthWarning"/>.</summary>
    public TimeSpan Limit { get; init; }

    /// <summary>For <see cref="HallEventKind.QueueLengthWarning"/>: the tickets waiting in the item's queue, as the
    /// warning counts them (not those sent to a window's own queue); 0 for the others.</summary>
    public int Waiting { get; init; }

    /// <summary>For <see cref="HallEventKind.QueueLengthWarning"/>: the item's <see cref="ServiceItem.QueueWarningLength"/>;
    /// 0 for the others.</summary>
    public int WarningLength { get; init; }
}
