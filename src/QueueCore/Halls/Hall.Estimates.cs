namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// Tickets ahead of this one for its current item: those of any class that rank before it (a ticket sent to a
    /// window counts only the tickets ahead in that window's queue). Exact while the ticket is within
    /// <see cref="ExactPositionWalk"/> places of either end of each queue (always, in a hall with short queues);
    /// further in, interpolated by rank between the two ends, so an issue never walks a long queue.
    /// </summary>
    private int Position(int slot)
    {
        ref readonly var t = ref T(slot);
        if (t.List >= 0 && IsWindowList(t.List))
        {
            return CountAhead(t.List, t);
        }

        var ahead = 0;
        for (var c = 0; c < _classCount; c++)
        {
            ahead += CountAhead(ServiceList(t.Service, c), t);
        }

        return ahead;
    }

    private const int ExactPositionWalk = 32;

    private int CountAhead(int list, in TicketRecord t)
    {
        var count = _queues.Count(list) - (t.List == list ? 1 : 0); // tickets in the list other than t
        if (count == 0)
        {
            return 0;
        }

        var fromHead = _queues.Head(list);
        var fromTail = _queues.Tail(list);
        for (var step = 0; step < ExactPositionWalk; step++)
        {
            // From the head: each ticket before t is one ahead; from the tail: each after t is one behind.
            if (fromHead < 0 || !Before(fromHead, t))
            {
                return step;
            }

            if (fromTail < 0 || Before(fromTail, t) || T(fromTail).Id == t.Id)
            {
                return count - step;
            }

            fromHead = T(fromHead).Next;
            fromTail = T(fromTail).Prev;
        }

        // Deep inside a long queue: interpolate by rank between the ends.
        ref readonly var first = ref T(_queues.Head(list));
        ref readonly var last = ref T(_queues.Tail(list));
        var span = Math.Max(1, last.Rank - first.Rank);
        var estimate = (int)((double)(t.Rank - first.Rank) / span * count);
        return Math.Clamp(estimate, ExactPositionWalk, count - ExactPositionWalk);
    }

    /// <summary>Whether queued ticket <paramref name="x"/> ranks before <paramref name="t"/> (and is not t).</summary>
    private bool Before(int x, in TicketRecord t)
    {
        ref readonly var other = ref T(x);
        return other.Id != t.Id && RankNode.Less(other.Rank, other.Serial, t.Rank, t.Serial);
    }

    /// <summary>
    /// Estimated wait: the tickets ahead shared over the open windows that serve the item as primary, each taking
    /// the item's moving-average handling time. With no such window open, one is assumed.
    /// </summary>
    private long EstimateTicks(int service, int position)
    {
        var svc = _services[service];
        return position * svc.AverageHandlingTicks / Math.Max(1, svc.OpenServers);
    }

    private Outcome QueryTicket(in HallCommand command)
    {
        var slot = _tickets.Find(command.Ticket);
        if (slot < 0)
        {
            return RefuseUnknownTicket(command.Ticket);
        }

        if (T(slot).State != TicketState.Waiting)
        {
            return Outcome.Ticket(slot);
        }

        var position = Position(slot);
        return Outcome.Waiting(slot, position, EstimateTicks(T(slot).Service, position));
    }
}
