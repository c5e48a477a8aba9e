using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

/// <summary>
/// The future events of one replication, earliest first (ties in scheduling order): a 4-ary min-heap of
/// <see cref="SimEvent"/> values in one array, which halves the heap's depth against a binary heap and keeps a node's
/// children on one or two cache lines. It grows by doubling and allocates nothing in steady state.
/// </summary>
/// <remarks>
/// Nearly every event schedules another while it runs (the next arrival, the window's next completion), so a pop
/// leaves the earliest event in place and the next push takes its node at the root and sifts down once: one pass
/// instead of a pop's pass down and a push's pass up. The (time, order) keys are unique, so the events come out in the
/// same order whatever the heap's layout.
/// </remarks>
internal sealed class EventCalendar
{
    private SimEvent[] _heap;
    private int _count;
    private long _order;
    private bool _rootTaken; // the root was popped but still fills node 0: the next push replaces it

    public EventCalendar(int capacity = 1024) => _heap = new SimEvent[Math.Max(4, capacity)];

    public int Count => _rootTaken ? _count - 1 : _count;

    /// <summary>Schedules an event (its <see cref="SimEvent.Order"/> is set here).</summary>
    public void Push(long time, SimEventKind kind, int target, long ticket)
    {
        var e = new SimEvent { Time = time, Order = _order++, Kind = kind, Target = target, Ticket = ticket };
        if (_rootTaken)
        {
            _rootTaken = false;
            SiftDown(e, _count);
            return;
        }

        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

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
        if (_rootTaken)
        {
            // The last event popped scheduled nothing: its node goes to the last event.
            _rootTaken = false;
            var n = --_count;
            if (n > 0)
            {
                var last = _heap[n];
                SiftDown(last, n);
            }
        }

        if (_count == 0)
        {
            next = default;
            return false;
        }

        next = _heap[0];
        _rootTaken = true;
        return true;
    }

    /// <summary>Puts <paramref name="e"/> in the root's node and moves it down to its place among the first
    /// <paramref name="n"/> nodes.</summary>
    private void SiftDown(in SimEvent e, int n)
    {
        var heap = _heap;
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

            if (!Less(heap[best], e))
            {
                break;
            }

            heap[i] = heap[best];
            i = best;
        }

        heap[i] = e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in SimEvent a, in SimEvent b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);
}
