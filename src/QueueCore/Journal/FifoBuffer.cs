namespace QueueCore;

/// <summary>
/// A growable first-in first-out buffer of structs for one thread, kept contiguous (no wrap), so a run of items is a
/// span. It empties completely every time the journal catches up, so in steady state it neither grows nor moves.
/// </summary>
internal sealed class FifoBuffer<T>
    where T : struct
{
    private T[] _items;
    private int _head;
    private int _tail;

    public FifoBuffer(int capacity) => _items = new T[capacity];

    /// <summary>Items held.</summary>
    public int Count => _tail - _head;

    /// <summary>The oldest item.</summary>
    public ref T Head => ref _items[_head];

    /// <summary>The <paramref name="count"/> oldest items.</summary>
    public ReadOnlySpan<T> Oldest(int count) => _items.AsSpan(_head, count);

    /// <summary>Adds an item at the end.</summary>
    public void Add(in T item)
    {
        if (_tail == _items.Length)
        {
            MakeRoom(1);
        }

        _items[_tail++] = item;
    }

    /// <summary>Adds items at the end.</summary>
    public void Add(ReadOnlySpan<T> items)
    {
        if (_tail + items.Length > _items.Length)
        {
            MakeRoom(items.Length);
        }

        items.CopyTo(_items.AsSpan(_tail));
        _tail += items.Length;
    }

    /// <summary>Drops the <paramref name="count"/> oldest items (clearing them, so held references can be collected).</summary>
    public void Skip(int count)
    {
        _items.AsSpan(_head, count).Clear();
        _head += count;
        if (_head == _tail)
        {
            _head = _tail = 0;
        }
    }

    private void MakeRoom(int needed)
    {
        var count = Count;
        if (count + needed > _items.Length / 2)
        {
            var grown = new T[Math.Max(_items.Length * 2, count + needed)];
            _items.AsSpan(_head, count).CopyTo(grown);
            _items = grown;
        }
        else
        {
            _items.AsSpan(_head, count).CopyTo(_items);
            _items.AsSpan(count, _tail - count).Clear();
        }

        _head = 0;
        _tail = count;
    }
}
