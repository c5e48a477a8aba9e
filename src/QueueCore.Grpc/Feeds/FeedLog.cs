namespace QueueCore.Grpc.Feeds;

/// <summary>
/// A hall feed's last entries, in a ring of slots written in place by the feed (one writer) and read by any number of
/// streams without a lock. Each slot carries a stamp (its entry's index + 1, or 0 while it is rewritten): a reader
/// copies the entry between two reads of the stamp and keeps it only if the stamp held, so it never takes a torn entry
/// or a newer one for the one it asked for. The ring starts small and doubles up to its capacity before it first
/// wraps, so a quiet hall does not hold a full history of empty slots.
/// </summary>
internal sealed class FeedLog
{
    private const int FirstLength = 64;

    private readonly int _capacity;
    private Slot[] _slots;

    public FeedLog(int capacity)
    {
        _capacity = capacity;
        _slots = new Slot[Math.Min(FirstLength, capacity)];
    }

    /// <summary>How many entries the log holds at most.</summary>
    public int Capacity => _capacity;

    /// <summary>How many entries the ring holds now: the entries from <c>appended - Length</c> on are in it.</summary>
    public int Length => _slots.Length;

    /// <summary>
    /// Writes the entry at <paramref name="index"/> (the writer only, in index order from 0) and returns the sequence
    /// of the entry it overwrote (<see cref="long.MinValue"/> for an empty slot).
    /// </summary>
    public long Write(long index, in FeedEntry entry)
    {
        var slots = _slots;
        if (index == slots.Length && slots.Length < _capacity)
        {
            // Full for the first time: double instead of wrapping. Entries keep their places (index < old length), and
            // the old ring is never written again, so a reader still holding it reads what it holds correctly.
            var grown = new Slot[Math.Min(slots.Length * 2, _capacity)];
            Array.Copy(slots, grown, slots.Length);
            Volatile.Write(ref _slots, grown);
            slots = grown;
        }

        ref var slot = ref slots[index % slots.Length];
        var overwritten = slot.Stamp == 0 ? long.MinValue : slot.Entry.Sequence;
        Interlocked.Exchange(ref slot.Stamp, 0); // a full fence: no reader sees the new entry's fields under the old stamp
        slot.Entry = entry;
        Volatile.Write(ref slot.Stamp, index + 1); // release: the fields are visible before the stamp that vouches for them
        return overwritten;
    }

    /// <summary>
    /// Drops the display update of the entry at <paramref name="index"/> (the writer only), if the log still holds it:
    /// waiting counts that newer counts replace. Readers see the entry before or after, whole.
    /// </summary>
    public void ClearDisplay(long index)
    {
        ref var slot = ref _slots[index % _slots.Length];
        if (slot.Stamp != index + 1)
        {
            return; // overwritten already
        }

        // Only the reference changes (every other field is written with the value it has), and a reference is written
        // whole: a reader copying the entry meanwhile gets it with or without its update, either of them right.
        slot.Entry = slot.Entry with { Display = null };
    }

    /// <summary>The entry at <paramref name="index"/>, if the log still holds it.</summary>
    public bool TryRead(long index, out FeedEntry entry)
    {
        var slots = Volatile.Read(ref _slots);
        if (TryRead(slots, index, out entry))
        {
            return true;
        }

        // The ring may have grown since it was read: the entry is then in the new one.
        var now = Volatile.Read(ref _slots);
        return !ReferenceEquals(now, slots) && TryRead(now, index, out entry);
    }

    /// <summary>The entry at <paramref name="index"/>, read by the writer itself (no other thread writes meanwhile).</summary>
    public ref readonly FeedEntry Held(long index) => ref _slots[index % _slots.Length].Entry;

    private static bool TryRead(Slot[] slots, long index, out FeedEntry entry)
    {
        ref var slot = ref slots[index % slots.Length];
        if (Volatile.Read(ref slot.Stamp) != index + 1)
        {
            entry = default;
            return false;
        }

        entry = slot.Entry;
        Interlocked.MemoryBarrier(); // the copy is complete before the stamp is read again
        return Volatile.Read(ref slot.Stamp) == index + 1;
    }

    private struct Slot
    {
        public long Stamp;
        public FeedEntry Entry;
    }
}
