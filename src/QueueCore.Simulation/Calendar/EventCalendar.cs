using System.Numerics;

namespace QueueCore.Simulation;

/// <summary>
/// The future events of one replication, earliest first (ties in scheduling order). A calendar queue: the next half
/// hour is a ring of 256 buckets of 6.7 s (2^26 ticks), each a list of its events in order, with a bit per
/// non-empty bucket; later events (shift ends, long services, patience deadlines) wait in an <see cref="EventHeap"/>
/// and move into the ring as it advances. Nearly every event lands within the half hour (the next arrival, a
/// window's next completion), so scheduling is an insertion into a bucket of an event or two (an append for events
/// of one instant, such as every window opening at nine) and taking the earliest is taking a list's head, where a
/// heap over a hall's few hundred pending events cost a pass of mispredicted comparisons per level.
/// </summary>
/// <remarks>
/// The order is exact: a bucket's range is before every later bucket's and every event of the heap is at or after
/// the ring's end, so the earliest event is the head of the first non-empty bucket. An event scheduled before the
/// current bucket's start goes into the current bucket, where it is still found first.
/// It grows by doubling and allocates nothing in steady state.
/// </remarks>
internal sealed class EventCalendar
{
    private const int Shift = 26; // bucket width 2^26 ticks = 6.7 s
    private const int Buckets = 256; // ring of 28.6 minutes
    private const long Width = 1L << Shift;
    private const ulong Horizon = (ulong)Buckets << Shift;

    private readonly int[] _head = new int[Buckets]; // each bucket's earliest node, -1: empty
    private readonly int[] _tail = new int[Buckets]; // each non-empty bucket's latest node
    private readonly ulong[] _nonEmpty = new ulong[Buckets / 64];
    private readonly EventHeap _far;
    private SimEvent[] _nodes;
    private int[] _next; // the next node of the same bucket, or of the free list
    private int _free;
    private int _ringCount;
    private int _cur; // the bucket that starts at _start
    private long _start; // start of the current bucket (a multiple of Width)
    private long _order;

    public EventCalendar(int capacity = 1024)
    {
        capacity = Math.Max(4, capacity);
        Array.Fill(_head, -1);
        _far = new EventHeap(capacity);
        _nodes = new SimEvent[capacity];
        _next = new int[capacity];
        LinkFree(0);
    }

    public int Count => _ringCount + _far.Count;

    /// <summary>Schedules an event (its <see cref="SimEvent.Order"/> is set here).</summary>
    public void Push(long time, SimEventKind kind, int target, long ticket)
    {
        if (Count == 0)
        {
            _start = time & ~(Width - 1); // an empty calendar starts its ring at the first event
        }

        if (time >= _start && (ulong)(time - _start) >= Horizon)
        {
            _far.Push(new SimEvent { Time = time, Order = _order++, Kind = kind, Target = target, Ticket = ticket });
            return;
        }

        // Written field by field into its node: a whole event built first and copied stalls on the copy.
        var node = TakeNode();
        ref var e = ref _nodes[node];
        e.Time = time;
        e.Order = _order++;
        e.Kind = kind;
        e.Target = target;
        e.Ticket = ticket;
        Link(node, time < _start ? _cur : BucketOf(time));
    }

    /// <summary>Takes the earliest event; false when none is left.</summary>
    public bool TryPop(out SimEvent next)
    {
        if (_head[_cur] < 0 && !Advance())
        {
            next = default;
            return false;
        }

        var node = _head[_cur];
        _head[_cur] = _next[node];
        if (_next[node] < 0)
        {
            _nonEmpty[_cur >> 6] &= ~(1UL << _cur);
        }

        next = _nodes[node];
        _next[node] = _free;
        _free = node;
        _ringCount--;
        return true;
    }

    /// <summary>Moves the ring on to its next non-empty bucket (taking in the far events it now reaches); false when
    /// no event is left.</summary>
    private bool Advance()
    {
        var steps = _ringCount > 0 ? StepsToNonEmpty() : -1;
        if (steps >= 0)
        {
            _start += (long)steps << Shift;
            _cur = (_cur + steps) & (Buckets - 1);
        }
        else if (_far.Count > 0)
        {
            _start = _far.Min.Time & ~(Width - 1); // the ring is empty: it restarts at the earliest far event
        }
        else
        {
            return false;
        }

        while (_far.Count > 0 && (ulong)(_far.Min.Time - _start) < Horizon)
        {
            var node = TakeNode();
            _nodes[node] = _far.Min;
            _far.RemoveMin();
            Link(node, BucketOf(_nodes[node].Time));
        }

        return true;
    }

    /// <summary>The ring's bucket for an instant from the current bucket's start to the ring's end.</summary>
    private int BucketOf(long time) => (_cur + (int)((ulong)(time - _start) >> Shift)) & (Buckets - 1);

    /// <summary>How many buckets after the current one the next non-empty bucket lies (the ring is not empty).</summary>
    private int StepsToNonEmpty()
    {
        for (var k = 0; k <= Buckets / 64; k++)
        {
            var word = ((_cur >> 6) + k) & ((Buckets / 64) - 1);
            var bits = _nonEmpty[word];
            if (k == 0)
            {
                bits &= ~0UL << (_cur & 63); // at or after the current bucket
            }
            else if (k == Buckets / 64)
            {
                bits &= (1UL << (_cur & 63)) - 1; // wrapped round to before it
            }

            if (bits != 0)
            {
                var bucket = (word << 6) + BitOperations.TrailingZeroCount(bits);
                return (bucket - _cur) & (Buckets - 1);
            }
        }

        throw new InvalidOperationException("The calendar's ring lost track of its events.");
    }

    private int TakeNode()
    {
        if (_free < 0)
        {
            var old = _nodes.Length;
            Array.Resize(ref _nodes, old * 2);
            Array.Resize(ref _next, old * 2);
            LinkFree(old);
        }

        var node = _free;
        _free = _next[node];
        return node;
    }

    /// <summary>Puts a node in its place in a bucket's list.</summary>
    private void Link(int node, int bucket)
    {
        _ringCount++;
        var nodes = _nodes;
        var links = _next;
        var head = _head[bucket];
        if (head < 0)
        {
            links[node] = -1;
            _head[bucket] = node;
            _tail[bucket] = node;
            _nonEmpty[bucket >> 6] |= 1UL << bucket;
        }
        else if (!EventHeap.Less(nodes[node], nodes[_tail[bucket]]))
        {
            // The usual case, and the only one for events of one instant (their order only grows): append.
            links[node] = -1;
            links[_tail[bucket]] = node;
            _tail[bucket] = node;
        }
        else if (EventHeap.Less(nodes[node], nodes[head]))
        {
            links[node] = head;
            _head[bucket] = node;
        }
        else
        {
            var prev = head;
            while (!EventHeap.Less(nodes[node], nodes[links[prev]]))
            {
                prev = links[prev]; // stops before the tail at the latest: the node goes before it
            }

            links[node] = links[prev];
            links[prev] = node;
        }
    }

    /// <summary>Chains the nodes from <paramref name="from"/> to the end of the pool into the free list.</summary>
    private void LinkFree(int from)
    {
        for (var i = from; i < _next.Length; i++)
        {
            _next[i] = i + 1 < _next.Length ? i + 1 : -1;
        }

        _free = from;
    }
}
