using System.Numerics;

namespace QueueCore;

/// <summary>
/// The last events of one hall, kept so a reader that reconnects with the last sequence it saw can be given exactly
/// what it missed (<see cref="HallHandle.Subscribe(long, int?)"/>). A ring indexed by sequence number; written and
/// read on the hall's shard thread only, so it needs no synchronisation and copying an event in allocates nothing.
/// </summary>
/// <remarks>
/// It holds a contiguous run of sequences <c>[first, last]</c>: an event that does not follow the last one (the
/// history was created mid-stream, or the hall's timeline was reset) starts a new run.
/// </remarks>
internal sealed class HallEventHistory
{
    private readonly HallEvent[] _events;
    private readonly long _mask;
    private long _first = 1; // oldest sequence kept; empty while _last < _first
    private long _last;

    /// <summary>A history of <paramref name="capacity"/> events (rounded up to a power of two).</summary>
    public HallEventHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _events = new HallEvent[(int)BitOperations.RoundUpToPowerOf2((uint)capacity)];
        _mask = _events.Length - 1;
    }

    /// <summary>How many events it can hold.</summary>
    public int Capacity => _events.Length;

    /// <summary>The oldest sequence kept, or 0 when empty.</summary>
    public long First => _last < _first ? 0 : _first;

    /// <summary>The newest sequence kept, or 0 when empty.</summary>
    public long Last => _last < _first ? 0 : _last;

    /// <summary>Records events just published, in order.</summary>
    public void Append(ReadOnlySpan<HallEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            var sequence = e.Sequence;
            if (_last < _first || sequence != _last + 1)
            {
                _first = sequence; // not contiguous with what we hold: keep only the new run
            }

            _events[sequence & _mask] = e;
            _last = sequence;
            if (_last - _first >= _events.Length)
            {
                _first = _last - _events.Length + 1; // the oldest was just overwritten
            }
        }
    }

    /// <summary>Forgets everything (the hall's timeline was reset, or its last events were never published).</summary>
    public void Clear()
    {
        _first = 1;
        _last = 0;
    }

    /// <summary>
    /// The events after <paramref name="afterSequence"/> up to <paramref name="hallSequence"/> (the hall's latest),
    /// as up to two spans (the ring may wrap); false when the history does not hold all of them.
    /// </summary>
    public bool TryGetAfter(long afterSequence, long hallSequence, out ReadOnlySpan<HallEvent> head, out ReadOnlySpan<HallEvent> tail)
    {
        head = tail = default;
        if (_last < _first || _last != hallSequence || afterSequence < _first - 1 || afterSequence >= _last)
        {
            return false;
        }

        var count = (int)(_last - afterSequence);
        var start = (int)((afterSequence + 1) & _mask);
        var firstPart = Math.Min(count, _events.Length - start);
        head = _events.AsSpan(start, firstPart);
        tail = _events.AsSpan(0, count - firstPart);
        return true;
    }
}
