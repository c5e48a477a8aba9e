namespace QueueCore;

/// <summary>
/// Intrusive lists over ticket records, ordered by when each ticket falls due, for timers without an entry per
/// ticket in a heap: one list per service item with a wait limit (tickets in order of joining the queue: they all
/// share the item's limit and the hall's clock never goes back, so appending keeps the order; a ticket that goes on
/// waiting from another queue is inserted by when it began) and one for parked
/// tickets (each with its own return time, inserted in order, ties in parking order). A list's head is its first
/// due ticket, so the hall's timer heap holds one entry per list, not per ticket.
/// </summary>
internal sealed class WatchLists
{
    private readonly TicketTable _table;
    private readonly int[] _head, _tail;

    public WatchLists(TicketTable table, int lists)
    {
        _table = table;
        _head = new int[lists];
        _tail = new int[lists];
        Array.Fill(_head, -1);
        Array.Fill(_tail, -1);
    }

    public int Head(int list) => _head[list];

    /// <summary>Appends at the tail; true when the ticket became the head.</summary>
    public bool Append(int list, int slot) => InsertAfter(list, slot, _tail[list]);

    /// <summary>
    /// Inserts a ticket into a wait-limit list by <see cref="TicketRecord.EnqueuedAt"/> (after tickets that began to wait
    /// at the same instant), for a ticket that goes on waiting since earlier than the tail (a window closed over its own
    /// queue); true when it became the head.
    /// </summary>
    public bool InsertByWaitingSince(int list, int slot) => InsertByTime(list, slot, byParkDue: false);

    /// <summary>Inserts by <see cref="TicketRecord.ParkDue"/> (after tickets due at the same instant); true when it became the head.</summary>
    public bool InsertByParkDue(int list, int slot) => InsertByTime(list, slot, byParkDue: true);

    /// <summary>Inserts in the order of one of the ticket's times, walking back from the tail.</summary>
    private bool InsertByTime(int list, int slot, bool byParkDue)
    {
        var items = _table.Items;
        var time = byParkDue ? items[slot].ParkDue : items[slot].EnqueuedAt;
        var after = _tail[list];
        while (after >= 0 && (byParkDue ? items[after].ParkDue : items[after].EnqueuedAt) > time)
        {
            after = items[after].WatchPrev;
        }

        return InsertAfter(list, slot, after);
    }

    /// <summary>Unlinks a watched ticket (no-op if it is in no list); true when it was the head.</summary>
    public bool Remove(int slot)
    {
        var items = _table.Items;
        ref var t = ref items[slot];
        if (t.Watch < 0)
        {
            return false;
        }

        var wasHead = t.WatchPrev < 0;
        if (wasHead)
        {
            _head[t.Watch] = t.WatchNext;
        }
        else
        {
            items[t.WatchPrev].WatchNext = t.WatchNext;
        }

        if (t.WatchNext < 0)
        {
            _tail[t.Watch] = t.WatchPrev;
        }
        else
        {
            items[t.WatchNext].WatchPrev = t.WatchPrev;
        }

        t.Watch = -1;
        t.WatchPrev = t.WatchNext = -1;
        return wasHead;
    }

    /// <summary>The tickets of a list in order (for saving).</summary>
    public List<int> Slots(int list)
    {
        var slots = new List<int>();
        for (var x = _head[list]; x >= 0; x = _table.Items[x].WatchNext)
        {
            slots.Add(x);
        }

        return slots;
    }

    private bool InsertAfter(int list, int slot, int after)
    {
        var items = _table.Items;
        ref var t = ref items[slot];
        t.Watch = (short)list;
        t.WatchPrev = after;
        if (after < 0)
        {
            t.WatchNext = _head[list];
            _head[list] = slot;
        }
        else
        {
            t.WatchNext = items[after].WatchNext;
            items[after].WatchNext = slot;
        }

        if (t.WatchNext < 0)
        {
            _tail[list] = slot;
        }
        else
        {
            items[t.WatchNext].WatchPrev = slot;
        }

        return after < 0;
    }
}
