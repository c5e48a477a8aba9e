namespace QueueCore;

/// <summary>
/// The hall's timers: an indexed binary min-heap over a fixed set of sources (each service's wait-limit list, the
/// parked list, each window's alert and auto-call timers), each with at most one due instant. Setting a source's
/// due instant costs O(log sources); the next due instant is the root, so a tick or a <see cref="Hall.NextDue"/>
/// never scans the catalog or the windows. Ties go by the order the hall gives its sources (by id, not by where the
/// definition lists them), so firing order is deterministic and a hall restored on a reordered definition fires as
/// the original did.
/// </summary>
internal sealed class TimerHeap
{
    private readonly int[] _heap; // heap position -> source
    private readonly int[] _position; // source -> heap position, or -1
    private readonly long[] _due; // source -> due instant (ticks)
    private readonly int[] _rank; // source -> its place among ties
    private int _count;
    private long _next = long.MaxValue; // the root's due instant, kept here so reading it touches this object only

    /// <param name="rank">Each source's place among sources due at the same instant: a permutation of 0 to sources - 1.</param>
    public TimerHeap(int[] rank)
    {
        var sources = rank.Length;
        _rank = rank;
        _heap = new int[sources];
        _position = new int[sources];
        _due = new long[sources];
        Array.Fill(_position, -1);
    }

    /// <summary>The earliest due instant, or long.MaxValue when nothing is pending.</summary>
    public long NextDue => _next;

    /// <summary>The source of <see cref="NextDue"/> (valid when <see cref="NextDue"/> is not MaxValue).</summary>
    public int NextSource => _heap[0];

    /// <summary>A source's due instant, or long.MaxValue when it has none.</summary>
    public long DueOf(int source) => _position[source] < 0 ? long.MaxValue : _due[source];

    /// <summary>Sets (or with long.MaxValue clears) a source's due instant.</summary>
    public void Set(int source, long due)
    {
        var at = _position[source];
        if (due == long.MaxValue)
        {
            if (at >= 0)
            {
                RemoveAt(at);
                _next = _count == 0 ? long.MaxValue : _due[_heap[0]];
            }

            return;
        }

        if (at < 0)
        {
            _due[source] = due;
            at = _count++;
            _heap[at] = source;
            _position[source] = at;
            Up(at);
        }
        else
        {
            var old = _due[source];
            _due[source] = due;
            if (due < old)
            {
                Up(at);
            }
            else if (due > old)
            {
                Down(at);
            }
        }

        _next = _due[_heap[0]];
    }

    /// <summary>Moves a source's due instant earlier only (keeps the earlier of the two).</summary>
    public void Lower(int source, long due)
    {
        if (due < DueOf(source))
        {
            Set(source, due);
        }
    }

    private void RemoveAt(int at)
    {
        var source = _heap[at];
        _position[source] = -1;
        var last = _heap[--_count];
        if (at == _count)
        {
            return;
        }

        _heap[at] = last;
        _position[last] = at;
        Up(at);
        Down(_position[last]);
    }

    private bool Before(int a, int b) => _due[a] < _due[b] || (_due[a] == _due[b] && _rank[a] < _rank[b]);

    private void Up(int at)
    {
        var source = _heap[at];
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (!Before(source, _heap[parent]))
            {
                break;
            }

            _heap[at] = _heap[parent];
            _position[_heap[at]] = at;
            at = parent;
        }

        _heap[at] = source;
        _position[source] = at;
    }

    private void Down(int at)
    {
        var source = _heap[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Before(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Before(_heap[child], source))
            {
                break;
            }

            _heap[at] = _heap[child];
            _position[_heap[at]] = at;
            at = child;
        }

        _heap[at] = source;
        _position[source] = at;
    }
}
