using System.Runtime.CompilerServices;

namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// Tickets ahead of this one for its current item: those of any class that rank before it (a ticket sent to a
    /// window counts only the tickets ahead in that window's queue). Exact while the ticket is within
    /// <see cref="ExactPositionWalk"/> places of either end of each (item, class) queue (always in short queues, and
    /// for every fresh ticket of a class, which joins its queue at the end); deeper inside a long queue it is estimated
    /// by interpolating its rank between the queue's ends, so an issue never walks a long queue.
    /// </summary>
    private int Position(int slot)
    {
        ref readonly var t = ref T(slot);
        if (t.List >= 0 && IsWindowList(t.List))
        {
            return CountAhead(t.List, t);
        }

        if (_services[t.Service].Waiting == (t.List >= 0 ? 1 : 0))
        {
            return 0; // nobody else waits for the item: with thousands of items the usual case, and it spares reading
                      // the item's class queues (a cache line or more each, rarely in cache then)
        }

        var ahead = 0;
        var first = ServiceList(t.Service, 0); // the item's class queues are side by side
        for (var c = 0; c < _classCount; c++)
        {
            ahead += CountAhead(first + c, t);
        }

        return ahead;
    }

    private const int ExactPositionWalk = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CountAhead(int list, in TicketRecord t)
    {
        ref readonly var header = ref _queues.Header(list);
        var inList = t.List == list;
        var count = header.Count - (inList ? 1 : 0); // tickets in the list other than t
        if (count == 0)
        {
            return 0;
        }

        // The usual answers come from the header alone: a fresh ticket is behind a whole list, or ahead of all of it.
        if (inList ? t.Next < 0 : RankNode.Less(header.TailRank, header.TailSerial, t.Rank, t.Serial))
        {
            return count;
        }

        if (inList ? t.Prev < 0 : RankNode.Less(t.Rank, t.Serial, header.HeadRank, header.HeadSerial))
        {
            return 0;
        }

        return CountAheadInside(list, t, count);
    }

    /// <summary>
    /// The rarer case of <see cref="CountAhead"/>: the ticket ranks inside the list. Walks from the end its rank is
    /// nearer, then, when the ticket is not within <see cref="ExactPositionWalk"/> places of that end, from the other:
    /// rank is only a guess at place (a few early tickets and then a burst put the second ticket near the head by place
    /// but near the tail by rank, and it was told 15 ahead instead of 1). At most twice the walk, on this path only.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int CountAheadInside(int list, in TicketRecord t, int count)
    {
        ref readonly var header = ref _queues.Header(list);
        var headFirst = t.Rank - header.HeadRank <= header.TailRank - t.Rank;
        int ahead;
        if (headFirst ? WalkFromHead(header.Head, t, out ahead) : WalkFromTail(header.Tail, t, count, out ahead))
        {
            return ahead;
        }

        if (headFirst ? WalkFromTail(header.Tail, t, count, out ahead) : WalkFromHead(header.Head, t, out ahead))
        {
            return ahead;
        }

        // Deep inside a long queue (more than the walk on either side): estimated by rank between the ends.
        var span = Math.Max(1, header.TailRank - header.HeadRank);
        var estimate = (int)((double)(t.Rank - header.HeadRank) / span * count);
        return Math.Clamp(estimate, ExactPositionWalk, count - ExactPositionWalk);
    }

    /// <summary>Counts the list's tickets before <paramref name="t"/> from its head; false when more than the walk are.</summary>
    private bool WalkFromHead(int head, in TicketRecord t, out int ahead)
    {
        var x = head;
        for (ahead = 0; ahead < ExactPositionWalk && x >= 0; ahead++, x = T(x).Next)
        {
            if (!Before(x, t))
            {
                return true;
            }
        }

        return x < 0;
    }

    /// <summary>
    /// Counts the list's tickets before <paramref name="t"/> (of <paramref name="count"/> other than it) from its tail;
    /// false when more than the walk rank after it.
    /// </summary>
    private bool WalkFromTail(int tail, in TicketRecord t, int count, out int ahead)
    {
        var x = tail;
        for (var behind = 0; behind < ExactPositionWalk && x >= 0; behind++, x = T(x).Prev)
        {
            if (Before(x, t) || T(x).Id == t.Id)
            {
                ahead = count - behind;
                return true;
            }
        }

        ahead = 0;
        return x < 0;
    }

    /// <summary>Whether queued ticket <paramref name="x"/> ranks before <paramref name="t"/> (and is not t).</summary>
    private bool Before(int x, in TicketRecord t)
    {
        ref readonly var other = ref T(x);
        return other.Id != t.Id && RankNode.Less(other.Rank, other.Serial, t.Rank, t.Serial);
    }

    /// <summary>
    /// Estimated wait (see <see cref="CommandResult.EstimatedWait"/>) of waiting ticket <paramref name="t"/> in its
    /// item's queue: the wait for a window to free up (<see cref="UntilWindowFree"/>), then the tickets ahead shared over
    /// the open windows that serve the item as primary, each taking the item's moving-average handling time. With no
    /// such window open (all closed or paused, or only overflow windows open), one is assumed, as if it had just started
    /// a service: the first in line is told one whole average, not 0, since nobody knows when a window for the item
    /// opens (a kiosk told "0 min" before the windows open, or while the item's only window is paused, misleads the
    /// citizen); and while windows that serve it as overflow are open, never less than what is left of the shortest of
    /// their delays (<see cref="OverflowDelayLeft"/>), before which none of them calls it.
    /// </summary>
    private long EstimateTicks(in TicketRecord t, int position)
    {
        var svc = _services[t.Service];
        return svc.OpenServers == 0 ? EstimateWithoutPrimaryWindow(svc, t, position) : BusyWait(svc, _estimateAt) + (position * svc.TicksPerPlace);
    }

    /// <summary><see cref="EstimateTicks"/> while no open window serves the item as primary: apart, off the usual path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long EstimateWithoutPrimaryWindow(ServiceRecord svc, in TicketRecord t, int position) =>
        Math.Max(svc.AverageHandlingTicks + (position * svc.TicksPerPlace), OverflowDelayLeft(svc, Standing(t), _estimateAt));

    /// <summary>
    /// How long a ticket of <paramref name="svc"/> standing since <paramref name="standing"/> still waits at
    /// <paramref name="now"/> before an open window may call it as overflow, while no open window serves the item as
    /// primary: the shortest overflow delay of the open windows serving it as overflow, less what it has stood (an
    /// overflow window takes a ticket once it has stood that long); 0 when one serves it as primary, or none as overflow
    /// (then nobody knows when a window for it opens). Windows are opened and closed rarely: counted per item and delay
    /// then, read here (off the usual path: a primary window for the item is open).
    /// </summary>
    private static long OverflowDelayLeft(ServiceRecord svc, long standing, long now)
    {
        var delay = svc.OpenServers == 0 ? svc.ShortestOpenOverflowDelay() : -1;
        return delay < 0 ? 0 : Math.Max(0, Later(standing, delay) - now);
    }

    /// <summary>
    /// How long the ticket first in line for the item waits at <paramref name="now"/> for one of the open windows that
    /// serve it as primary: 0 while one of them is idle; while all hold a ticket, the expected earliest end of their
    /// services, each by the average of the item it serves (<see cref="BusyWindows.UntilFree"/>). A few reads per skill
    /// profile serving the item and a multiply: no walk over the windows. With none of them open, one whole average
    /// (see <see cref="EstimateTicks"/>).
    /// </summary>
    private long UntilWindowFree(ServiceRecord svc, long now) => svc.OpenServers == 0 ? svc.AverageHandlingTicks : BusyWait(svc, now);

    /// <summary><see cref="UntilWindowFree"/> while some open window serves the item as primary.</summary>
    private long BusyWait(ServiceRecord svc, long now) => _busy is null ? 0 : _busy.UntilFree(svc.Index, svc.OpenServers, now);

    /// <summary>
    /// The window took a ticket whose handling time counts from <paramref name="start"/> (its call) and is expected to
    /// take <paramref name="handling"/> (its item's average).
    /// </summary>
    private void StartBusy(WindowRecord w, long start, long handling) =>
        (_busy ??= new BusyWindows(_windows, _services.Length, start)).Add(w.Index, start, handling);

    /// <summary>The window lets go of its ticket, if it held one (called or serving).</summary>
    private void EndBusy(WindowRecord w)
    {
        if (w.State is WindowState.Calling or WindowState.Serving)
        {
            _busy?.Remove(w.Index);
        }
    }

    private int QueryTicket(in HallCommand command)
    {
        var slot = _tickets.Find(command.Ticket);
        if (slot < 0)
        {
            return RefuseUnknownTicket(command.Ticket);
        }

        if (T(slot).State != TicketState.Waiting)
        {
            return slot;
        }

        var position = Position(slot);
        return Waiting(slot, position, EstimateFor(slot, position));
    }
}
