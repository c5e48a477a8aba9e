namespace QueueCore;

/// <summary>
/// The day figures of the clerks who opened a window, by dense index. A window finds its clerk's index once, when it
/// opens (<see cref="IndexOf"/>, the only lookup by staff number), and keeps it (<see cref="WindowRecord.ClerkDay"/>):
/// a call, a finish or a rating then adds to the entry by index, with no lookup and no allocation. The table grows once
/// per new clerk in a day, and is cleared (keeping its storage) when a new day opens.
/// </summary>
internal sealed class ClerkDays
{
    /// <summary>An index that names no clerk: the work was done at a window opened with none.</summary>
    public const int None = -1;

    /// <summary>An index not known: the work was done before a restore from a state saved before the hall kept it.</summary>
    public const int Unknown = -2;

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

    /// <summary>
    /// The staff number a saved state gives for <paramref name="clerkDay"/> (an index into the saved
    /// <paramref name="clerks"/>, which keep the dense order): 0 for <see cref="None"/>, null for <see cref="Unknown"/>.
    /// </summary>
    public static int? SavedId(int clerkDay, SavedClerk[] clerks) => clerkDay switch
    {
        >= 0 => clerks[clerkDay].Id,
        Unknown => null,
        _ => 0,
    };

    /// <summary>The index a restored hall gives a saved staff number (see <see cref="SavedId"/>): adds an entry with no
    /// figures for a clerk the saved list lacks.</summary>
    public int RestoredIndex(int? clerk) => clerk switch
    {
        null => Unknown,
        0 => None,
        _ => IndexOf(clerk.Value),
    };

    /// <summary>Forgets every entry (a new day), keeping the storage.</summary>
    public void Clear()
    {
        Array.Clear(_days, 0, Count);
        Count = 0;
        _index.Clear();
    }
}
