namespace QueueCore.Grpc.Feeds;

/// <summary>
/// A hall feed's last entries, in a ring of slots written in place by the feed (one writer) and read by any number of
/// streams without a lock. Each slot carries a stamp (its entry's index + 1, or 0 while it is rewritten): a reader
/// copies the entry between two reads of the stamp and keeps it only if the stamp held, so it never takes a torn entry
/// or a newer one for the one it asked for.
/// </summary>
/// <remarks>
/// The ring is allocated whole when the feed starts (about 90 KB at the default 1,024 entries), not grown as it fills:
/// a growing log allocates while the hall is busy, and with hundreds of halls filling theirs in one busy morning the
/// collector spent the morning copying the new arrays (chunks) or running full collections for them (one doubling array).
/// </remarks>
internal sealed class FeedLog
{
    private readonly Slot[] _slots;

    public FeedLog(int capacity) => _slots = new Slot[capacity];

    /// <summary>How many entries the log holds: the entries from <c>appended - Capacity</c> on.</summary>
    public int Capacity => _slots.Length;

    /// <summary>
    /// Writes the entry at <paramref name="index"/> (the writer only, in index order) and returns the sequence of the
    /// entry it overwrote (<see cref="long.MinValue"/> for an empty slot).
    /// </summary>
    public long Write(long index, in FeedEntry entry)
    {
        ref var slot = ref _slots[index % _slots.Length];
        var overwritten = slot.Stamp == 0 ? long.MinValue : slot.Entry.Sequence;
        Interlocked.Exchange(ref slot.Stamp, 0); // a full fence: no reader sees the new entry's fields under the old stamp
        slot.Entry = entry;
        Volatile.Write(ref slot.Stamp, index + 1); // release: the fields are visible before the stamp that vouches for them
        return overwritten;
    }

    /// <summary>
    /// Drops the display update of the entry at <paramref name="index"/> (the writer only), if the log still holds it:
    /// waiting counts that newer counts replace.
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
        ref var slot = ref _slots[index % _slots.Length];
        if (Volatile.Read(ref slot.Stamp) != index + 1)
        {
            entry = default;
            return false;
        }

        entry = slot.Entry;
        Interlocked.MemoryBarrier(); // the copy is complete before the stamp is read again
        return Volatile.Read(ref slot.Stamp) == index + 1;
    }

    /// <summary>The entry at <paramref name="index"/>, read by the writer itself (no other thread writes meanwhile).</summary>
    public ref readonly FeedEntry Held(long index) => ref _slots[index % _slots.Length].Entry;

    private struct Slot
    {
        public long Stamp;
        public FeedEntry Entry;
    }
}
