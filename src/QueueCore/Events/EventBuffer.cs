namespace QueueCore;

/// <summary>The events one command emits, in a reused array (grows once to the largest burst, then never).</summary>
internal sealed class EventBuffer
{
    private HallEvent[] _items = new HallEvent[16];
    private int _count;

    public ReadOnlySpan<HallEvent> Events => _items.AsSpan(0, _count);

    public void Clear() => _count = 0;

    public void Add(in HallEvent e)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = e;
    }
}
