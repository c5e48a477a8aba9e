using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

/// <summary>
/// The future events of one replication, earliest first (ties in scheduling order): a 4-ary min-heap of
/// <see cref="SimEvent"/> values in one array, which halves the heap's depth against a binary heap and keeps a node's
/// children on one or two cache lines. It grows by doubling and allocates nothing in steady state.
/// </summary>
internal sealed class EventCalendar
{
    private SimEvent[] _heap;
    private int _count;
    private long _order;

    public EventCalendar(int capacity = 1024) => _heap = new SimEvent[Math.Max(4, capacity)];

    public int Count => _count;

    /// <summary>Schedules an event (its <see cref="SimEvent.Order"/> is set here).</summary>
    public void Push(long time, SimEventKind kind, int target, long ticket)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var e = new SimEvent { Time = time, Order = _order++, Kind = kind, Target = target, Ticket = ticket };
        var i = _count++;
        var heap = _heap;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            if (!Less(e, heap[parent]))
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = e;
    }

    /// <summary>Takes the earliest event; false when none is left.</summary>
    public bool TryPop(out SimEvent next)
    {
        if (_count == 0)
        {
            next = default;
            return false;
        }

        var heap = _heap;
        next = heap[0];
        var last = heap[--_count];
        var n = _count;
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            if (first >= n)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + 4, n);
            for (var c = first + 1; c < end; c++)
            {
                if (Less(heap[c], heap[best]))
                {
                    best = c;
                }
            }

            if (!Less(heap[best], last))
            {
                break;
            }

            heap[i] = heap[best];
            i = best;
        }

        heap[i] = last;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in SimEvent a, in SimEvent b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);
}
