using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// Intrusive doubly linked lists of waiting tickets, kept in rank order: one per (service, class) and one per
/// window (tickets transferred or returned to that window), or one per class hall-wide. Links live in the ticket
/// records, so queueing allocates nothing. Each list's header keeps its head's and tail's keys beside its count, so
/// the questions asked on every command (is this ticket behind the whole list? what is the best head?) read one
/// header instead of two tickets elsewhere in memory.
/// </summary>
internal sealed class TicketQueues<TLinks>
    where TLinks : struct, IQueueLinks
{
    private readonly TicketTable _table;
    private readonly ListHeader[] _lists;

    public TicketQueues(TicketTable table, int lists)
    {
        _table = table;
        _lists = new ListHeader[lists];
        Array.Fill(_lists, ListHeader.Empty);
    }

    public int Head(int list) => _lists[list].Head;

    public int Tail(int list) => _lists[list].Tail;

    public int Count(int list) => _lists[list].Count;

    /// <summary>The list's header (head, tail, count and their keys), for reads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly ListHeader Header(int list) => ref _lists[list];

    /// <summary>
    /// Inserts in (rank, serial) order; returns true when the ticket became the head. A ticket behind the whole list
    /// (every fresh ticket) appends at once; otherwise it walks from whichever end its rank is nearer (tickets that
    /// keep an old standing, after a next item, a transfer or a resume, land near the head).
    /// </summary>
    public bool Insert(int list, int slot)
    {
        var items = _table.Items;
        ref var t = ref items[slot];
        ref var header = ref _lists[list];
        int after;
        if (header.Count == 0 || !RankNode.Less(t.Rank, t.Serial, header.TailRank, header.TailSerial))
        {
            after = header.Tail;
        }
        else if (t.Rank - header.HeadRank < header.TailRank - t.Rank)
        {
            // Nearer the head: find the last ticket that ranks before t, walking forward.
            after = -1;
            for (var x = header.Head; x >= 0 && RankNode.Less(items[x].Rank, items[x].Serial, t.Rank, t.Serial); x = TLinks.Next(ref items[x]))
            {
                after = x;
            }
        }
        else
        {
            after = TLinks.Prev(ref items[header.Tail]);
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
            next = header.Head;
            header.Head = slot;
            (header.HeadRank, header.HeadSerial) = (t.Rank, t.Serial);
        }
        else
        {
            next = TLinks.Next(ref items[after]);
            TLinks.Next(ref items[after]) = slot;
        }

        if (next < 0)
        {
            header.Tail = slot;
            (header.TailRank, header.TailSerial) = (t.Rank, t.Serial);
        }
        else
        {
            TLinks.Prev(ref items[next]) = slot;
        }

        header.Count++;
        return after < 0;
    }

    /// <summary>Unlinks a queued ticket; returns true when it was the head.</summary>
    public bool Remove(int slot) => Remove(slot, TLinks.ListOf(ref _table.Items[slot]));

    /// <summary>Takes the ticket out of <paramref name="list"/>, which holds it (for links that do not record their list).</summary>
    public bool Remove(int slot, int list)
    {
        var items = _table.Items;
        ref var t = ref items[slot];
        ref var prev = ref TLinks.Prev(ref t);
        ref var next = ref TLinks.Next(ref t);
        ref var header = ref _lists[list];
        var wasHead = prev < 0;
        if (wasHead)
        {
            header.Head = next;
            (header.HeadRank, header.HeadSerial) = next < 0 ? (long.MaxValue, long.MaxValue) : (items[next].Rank, items[next].Serial);
        }
        else
        {
            TLinks.Next(ref items[prev]) = next;
        }

        if (next < 0)
        {
            header.Tail = prev;
            (header.TailRank, header.TailSerial) = prev < 0 ? (long.MinValue, long.MinValue) : (items[prev].Rank, items[prev].Serial);
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
}
