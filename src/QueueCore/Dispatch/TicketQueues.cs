namespace QueueCore;

/// <summary>
/// Intrusive doubly linked lists of waiting tickets, kept in rank order: one per (service, class) and one per
/// window (tickets transferred or returned to that window). Links live in the ticket records, so queueing
/// allocates nothing. Fresh tickets append at the tail in O(1); a ticket that keeps an older standing (next item,
/// transfer, resume) walks back from the tail to its place.
/// </summary>
internal sealed class TicketQueues<TLinks>
    where TLinks : struct, IQueueLinks
{
    private readonly TicketTable _table;
    private readonly ListHeader[] _lists; // head, tail and count side by side: one cache miss per list, not three

    public TicketQueues(TicketTable table, int lists)
    {
        _table = table;
        _lists = new ListHeader[lists];
        Array.Fill(_lists, new ListHeader { Head = -1, Tail = -1 });
    }

    public int Head(int list) => _lists[list].Head;

    public int Tail(int list) => _lists[list].Tail;

    public int Count(int list) => _lists[list].Count;

    /// <summary>
    /// Inserts in (rank, serial) order; returns true when the ticket became the head. Walks from whichever end the
    /// rank is nearer (by rank, a proxy for position): fresh tickets land at the tail at once, tickets that keep an
    /// old standing (next item, transfer, resume) near the head.
    /// </summary>
    public bool Insert(int list, int slot)
    {
        var items = _table.Items;
        ref var t = ref items[slot];
        ref var header = ref _lists[list];
        var head = header.Head;
        var tail = header.Tail;
        int after;
        if (head >= 0 && t.Rank - items[head].Rank < items[tail].Rank - t.Rank)
        {
            // Nearer the head: find the last ticket that ranks before t, walking forward.
            after = -1;
            for (var x = head; x >= 0 && RankNode.Less(items[x].Rank, items[x].Serial, t.Rank, t.Serial); x = TLinks.Next(ref items[x]))
            {
                after = x;
            }
        }
        else
        {
            after = tail;
            while (after >= 0 && RankNode.Less(t.Rank, t.Serial, items[after].Rank, items[after].Serial))
            {
                after = TLinks.Prev(ref items[after]);
            }
        }

        TLinks.SetList(ref t, list);
        TLinks.Prev(ref t) = after;
        ref var next = ref TLinks.Next(ref t);
        if (after < 0)
        {
            next = head;
            header.Head = slot;
        }
        else
        {
            next = TLinks.Next(ref items[after]);
            TLinks.Next(ref items[after]) = slot;
        }

        if (next < 0)
        {
            header.Tail = slot;
        }
        else
        {
            TLinks.Prev(ref items[next]) = slot;
        }

        header.Count++;
        return after < 0;
    }

    /// <summary>Unlinks a queued ticket; returns true when it was the head.</summary>
    public bool Remove(int slot)
    {
        var items = _table.Items;
        ref var t = ref items[slot];
        ref var prev = ref TLinks.Prev(ref t);
        ref var next = ref TLinks.Next(ref t);
        ref var header = ref _lists[TLinks.ListOf(ref t)];
        var wasHead = prev < 0;
        if (wasHead)
        {
            header.Head = next;
        }
        else
        {
            TLinks.Next(ref items[prev]) = next;
        }

        if (next < 0)
        {
            header.Tail = prev;
        }
        else
        {
            TLinks.Prev(ref items[next]) = prev;
        }

        header.Count--;
        prev = next = -1;
        TLinks.SetList(ref t, -1);
        return wasHead;
    }

    private struct ListHeader
    {
        public int Head, Tail, Count;
    }
}
