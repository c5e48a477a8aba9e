using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

/// <summary>
/// Events earliest first (ties by <see cref="SimEvent.Order"/>): a 4-ary min-heap of <see cref="SimEvent"/> values in
/// one array, which halves the depth against a binary heap and keeps a node's children on one or two cache lines. It
/// grows by doubling and allocates nothing in steady state. The calendar keeps its far events here.
/// </summary>
internal sealed class EventHeap
{
    private SimEvent[] _heap;
    private int _count;

    public EventHeap(int capacity) => _heap = new SimEvent[Math.Max(4, capacity)];

    public int Count => _count;

    /// <summary>The earliest event (the heap must not be empty).</summary>
    public ref readonly SimEvent Min => ref _heap[0];

    public void Push(in SimEvent e)
    {
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

    /// <summary>Removes the earliest event (the heap must not be empty).</summary>
    public void RemoveMin()
    {
        var heap = _heap;
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
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Less(in SimEvent a, in SimEvent b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);
}
