namespace QueueCore;

/// <remarks>
/// This part: the queue in dispatch order, explained. A window's order is produced by replaying its dispatch rule
/// (<see cref="FindBest"/>) over cursors into the hall's ordered queues, one small heap of queue heads per
/// (tier, class), so a page costs O(page × log heads) after one pass over the window's queue heads: waiting tickets
/// are never sorted.
/// </remarks>
public sealed partial class Hall
{
    /// <summary>The most tickets one view returns.</summary>
    public const int MaxQueueViewPage = 1000;

    // Each view has two overloads with optional paging (RS0026): the one at the hall's clock, the plain form embedders wrote
    // first, and the one at a given instant. The instant is required in the second, so no call can match both.
#pragma warning disable RS0026
    /// <summary>
    /// The waiting tickets <paramref name="window"/> would call, in the order it would call them at
    /// <paramref name="now"/> if nothing else changed (overdue, its own queue, primary items, overflow items past their
    /// delay, then overflow items by when they become eligible), a page of <paramref name="count"/> from
    /// <paramref name="offset"/>, each with why it stands there. Pass the clock the hall's commands are applied by (as to
    /// <see cref="GetSnapshot(DateTimeOffset)"/>): tickets that became overdue, or callable as overflow, since the hall's
    /// last command are listed so, and waits are counted to then, as a call at that instant would see them. An instant
    /// before the hall's clock (<see cref="Now"/>: a stepped wall clock) counts as the hall's clock. The hall is not
    /// changed (its clock does not move). Through the engine: <see cref="HallHandle.GetWindowQueueAsync"/>, at the
    /// engine's clock.
    /// </summary>
    /// <exception cref="ArgumentException">No such window, or the page is out of range.</exception>
    public QueueView GetWindowQueue(int window, DateTimeOffset now, int offset = 0, int count = 50) =>
        WindowQueueAt(window, offset, count, now.UtcTicks);

    /// <summary>
    /// <see cref="GetWindowQueue(int, DateTimeOffset, int, int)"/> at the hall's clock (<see cref="Now"/>, the instant of
    /// its last command or tick): what a call applied at that instant would see. A view wanted at a later instant, such
    /// as a dashboard's now, passes it.
    /// </summary>
    /// <exception cref="ArgumentException">No such window, or the page is out of range.</exception>
    public QueueView GetWindowQueue(int window, int offset = 0, int count = 50) => WindowQueueAt(window, offset, count, _now);

    /// <summary><see cref="GetWindowQueue(int, System.DateTimeOffset, int, int)"/> at <paramref name="now"/> in UTC ticks, for the engine's shard.</summary>
    /// <exception cref="ArgumentException">No such window, or the page is out of range.</exception>
    internal QueueView WindowQueueAt(int window, int offset, int count, long now)
    {
        CheckPage(offset, count);
        if (!TryWindow(window, out var w))
        {
            throw new ArgumentException($"Hall '{Id}' has no window {window}.", nameof(window));
        }

        var at = Math.Max(now, _now);
        var walk = new OrderWalk(this, w, at);
        return View(window: w.Id, service: -1, walk.Total, offset, walk.Take(offset, count), at);
    }

    /// <summary>
    /// The tickets waiting for <paramref name="service"/> (in its item queue, not those sent to a window), in the order a
    /// window serving it would take them: overdue first, then by standing (a window's interleave rule or dedicated class
    /// may take a ticket out of this order: <see cref="GetWindowQueue(int, System.DateTimeOffset, int, int)"/> shows a given window's). A page of
    /// <paramref name="count"/> from <paramref name="offset"/>, as the hall stands at <paramref name="now"/> (as for
    /// <see cref="GetWindowQueue(int, System.DateTimeOffset, int, int)"/>: tickets overdue by then come first, waits are counted to then, an instant before the
    /// hall's clock counts as the hall's clock, and the hall is not changed).
    /// </summary>
    /// <exception cref="ArgumentException">No such service item, or the page is out of range.</exception>
    public QueueView GetServiceQueue(int service, DateTimeOffset now, int offset = 0, int count = 50) =>
        ServiceQueueAt(service, offset, count, now.UtcTicks);

    /// <summary>
    /// <see cref="GetServiceQueue(int, DateTimeOffset, int, int)"/> at the hall's clock (<see cref="Now"/>), as
    /// <see cref="GetWindowQueue(int, int, int)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No such service item, or the page is out of range.</exception>
    public QueueView GetServiceQueue(int service, int offset = 0, int count = 50) => ServiceQueueAt(service, offset, count, _now);
#pragma warning restore RS0026

    /// <summary><see cref="GetServiceQueue(int, System.DateTimeOffset, int, int)"/> at <paramref name="now"/> in UTC ticks, for the engine's shard.</summary>
    /// <exception cref="ArgumentException">No such service item, or the page is out of range.</exception>
    internal QueueView ServiceQueueAt(int service, int offset, int count, long now)
    {
        CheckPage(offset, count);
        if (!_serviceIndex.TryGet(service, out var s))
        {
            throw new ArgumentException($"Hall '{Id}' has no service item {service}.", nameof(service));
        }

        var at = Math.Max(now, _now);
        var walk = new OrderWalk(this, s, at);
        return View(window: 0, service: service, walk.Total, offset, walk.Take(offset, count), at);
    }

    private static void CheckPage(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxQueueViewPage);
    }

    private QueueView View(int window, int service, int total, int offset, List<QueuedTicket> tickets, long now) => new()
    {
        HallId = Id, Window = window, Service = service, Sequence = Sequence, Time = new(now, TimeSpan.Zero), Total = total, Offset = offset, Tickets = tickets,
    };

    private QueuedTicket Describe(int slot, int position, QueueReason reason, long eligibleAt, long now)
    {
        ref readonly var t = ref T(slot);
        return new QueuedTicket
        {
            Position = position,
            Ticket = t.Id,
            Number = NumberOf(t),
            Service = _serviceIds[t.Service],
            PriorityClass = _classIds[t.Class],
            HeadStart = new TimeSpan(t.IssuedAt - t.Rank),
            Waited = new TimeSpan(Math.Max(0, now - t.IssuedAt)),
            Reason = reason,
            EligibleAt = reason == QueueReason.OverflowLater ? new DateTimeOffset(Math.Min(eligibleAt, MaxTicks), TimeSpan.Zero) : null,
        };
    }
}
