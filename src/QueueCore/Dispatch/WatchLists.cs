namespace QueueCore;

/// <summary>
/// Append-only (time-ordered) intrusive lists over ticket records, for timers without a timer heap: one list per
/// service item with a wait limit (tickets in order of joining the queue) and one for parked tickets (in order
/// of parking). Since every ticket in a list shares the same delay, the head is always the first due, so a tick
/// only looks at heads, and nothing is allocated per ticket.
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

    public void Append(int list, int slot)
    {
        var items = _table.Items;
        ref var t = ref items[slot];
        t.Watch = list;
        t.WatchNext = -1;
        t.WatchPrev = _tail[list];
        if (t.WatchPrev < 0)
        {
            _head[list] = slot;
        }
        else
        {
            items[t.WatchPrev].WatchNext = slot;
        }

        _tail[list] = slot;
    }

    public void Remove(int slot)
    {
        var items = _table.Items;
        ref var t = ref items[slot];
        if (t.Watch < 0)
        {
            return;
        }

        if (t.WatchPrev < 0)
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

        t.Watch = t.WatchPrev = t.WatchNext = -1;
    }
}
