namespace QueueCore;

/// <summary>
/// The day figures of the clerks who opened a window, by dense index. A window finds its clerk's index once, when it
/// opens (<see cref="IndexOf"/>, the only lookup by staff number), and keeps it (<see cref="WindowRecord.ClerkDay"/>):
/// a call, a finish or a rating then adds to the entry by index, with no lookup and no allocation. The table grows once
/// per new clerk in a day, and is cleared (keeping its storage) when a new day opens.
/// </summary>
internal sealed class ClerkDays
{
    private ClerkDay[] _days = []; // a hall whose windows never open (most of a large deployment at night) holds none
    private readonly Dictionary<int, int> _index = [];

    /// <summary>Clerks with an entry.</summary>
    public int Count { get; private set; }

    /// <summary>The entry at dense index <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    public ref ClerkDay this[int index] => ref _days[index];

    /// <summary>The entries, in the order the clerks first opened a window.</summary>
    public ReadOnlySpan<ClerkDay> All => _days.AsSpan(0, Count);

    /// <summary>The dense index of clerk <paramref name="clerk"/> (&gt; 0), adding an entry with no figures if it has none.</summary>
    public int IndexOf(int clerk)
    {
        if (_index.TryGetValue(clerk, out var index))
        {
            return index;
        }

        if (Count == _days.Length)
        {
            Array.Resize(ref _days, Math.Max(4, Count * 2));
        }

        index = Count++;
        _days[index] = new ClerkDay { Id = clerk };
        _index[clerk] = index;
        return index;
    }

    /// <summary>Forgets every entry (a new day), keeping the storage.</summary>
    public void Clear()
    {
        Array.Clear(_days, 0, Count);
        Count = 0;
        _index.Clear();
    }
}
