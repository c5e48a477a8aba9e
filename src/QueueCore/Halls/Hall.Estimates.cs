namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// Tickets ahead of this one for its current item: those of any class that rank before it (a ticket sent to a
    /// window counts only the tickets ahead in that window's queue). Counts the tickets behind it from each queue's
    /// tail, because a new ticket sits at or near the tail of its own class: the cost is the number of tickets
    /// behind, usually none.
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

    private int CountAhead(int list, in TicketRecord t)
    {
        var behind = 0;
        var x = _queues.Tail(list);
        for (; x >= 0; x = T(x).Prev)
        {
            ref readonly var other = ref T(x);
            if (other.Id == t.Id || RankNode.Less(other.Rank, other.Serial, t.Rank, t.Serial))
            {
                break;
            }

            behind++;
        }

        var self = t.List == list ? 1 : 0;
        return _queues.Count(list) - behind - self;
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

    private CommandResult QueryTicket(in HallCommand command)
    {
        if (!TryTicket(command.Ticket, out var slot, out var error))
        {
            return error;
        }

        if (T(slot).State != TicketState.Waiting)
        {
            return Ok(slot);
        }

        var position = Position(slot);
        return Ok(slot, position, EstimateTicks(T(slot).Service, position));
    }
}
