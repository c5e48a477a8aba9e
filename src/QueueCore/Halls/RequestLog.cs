namespace QueueCore;

/// <summary>
/// The client request ids of a hall's last successful commands and the results they gave, so a retried request
/// (a kiosk that lost the answer and presses again) gets its first result, not a second ticket. Bounded: the oldest
/// id is forgotten when a new one comes and the log is full. Grows to its capacity only as ids arrive, so a hall
/// whose clients send no ids pays nothing.
/// </summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Dictionary<Guid, int> _index = [];
    private Entry[] _ring = [];
    private int _head, _count;

    public int Capacity { get; } = capacity;

    public int Count => _count;

    public bool TryGet(Guid id, out ulong fingerprint, out CommandResult result)
    {
        if (_index.TryGetValue(id, out var at))
        {
            (fingerprint, result) = (_ring[at].Fingerprint, _ring[at].Result);
            return true;
        }

        (fingerprint, result) = (0, default);
        return false;
    }

    public void Remember(Guid id, ulong fingerprint, in CommandResult result)
    {
        if (Capacity == 0)
        {
            return;
        }

        if (_count == _ring.Length && _count < Capacity)
        {
            Grow();
        }

        if (_count == Capacity)
        {
            _index.Remove(_ring[_head].Id);
            _head = (_head + 1) % _ring.Length;
            _count--;
        }

        var at = (_head + _count) % _ring.Length;
        _ring[at] = new Entry(id, fingerprint, result);
        _index[id] = at;
        _count++;
    }

    /// <summary>The remembered requests, oldest first (for saving).</summary>
    public IEnumerable<(Guid Id, ulong Fingerprint, CommandResult Result)> Entries()
    {
        for (var i = 0; i < _count; i++)
        {
            var e = _ring[(_head + i) % _ring.Length];
            yield return (e.Id, e.Fingerprint, e.Result);
        }
    }

    private void Grow()
    {
        var next = new Entry[Math.Min(Capacity, Math.Max(16, _ring.Length * 2))];
        for (var i = 0; i < _count; i++)
        {
            next[i] = _ring[(_head + i) % _ring.Length];
            _index[next[i].Id] = i;
        }

        _ring = next;
        _head = 0;
    }

    private readonly record struct Entry(Guid Id, ulong Fingerprint, CommandResult Result);
}
