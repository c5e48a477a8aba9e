namespace QueueCore.Grpc.Feeds;

/// <summary>
/// A hall feed's last entries, in a ring of slots written in place by the feed (one writer) and read by any number of
/// streams without a lock. Each slot carries a stamp (its entry's index + 1, or 0 while it is rewritten): a reader
/// copies the entry between two reads of the stamp and keeps it only if the stamp held, so it never takes a torn entry
/// or a newer one for the one it asked for.
/// </summary>
/// <remarks>
/// The ring is cut into chunks of <see cref="ChunkLength"/> slots, each allocated when the log first reaches it and
/// never moved: a quiet hall holds no full ring of empty slots, and no chunk is big enough for the large-object heap
/// (a 1,024-slot array would be, and 500 halls growing theirs in one busy morning made the collector run full
/// collections for them).
/// </remarks>
internal sealed class FeedLog
{
    /// <summary>Slots per chunk: about 22 KB, well under the large-object threshold (85,000 bytes).</summary>
    public const int ChunkLength = 256;

    private readonly Slot[]?[] _chunks;

    public FeedLog(int capacity)
    {
        Capacity = capacity;
        _chunks = new Slot[]?[(capacity + ChunkLength - 1) / ChunkLength];
    }

    /// <summary>How many entries the log holds at most: the entries from <c>appended - Capacity</c> on.</summary>
    public int Capacity { get; }

    /// <summary>The slots allocated so far (a chunk at a time, as the log first fills).</summary>
    public int AllocatedSlots => _chunks.Sum(chunk => chunk?.Length ?? 0);

    /// <summary>
    /// Writes the entry at <paramref name="index"/> (the writer only, in index order) and returns the sequence of the
    /// entry it overwrote (<see cref="long.MinValue"/> for an empty slot).
    /// </summary>
    public long Write(long index, in FeedEntry entry)
    {
        var (chunk, offset) = Place(index);
        var slots = _chunks[chunk];
        if (slots is null)
        {
            slots = new Slot[Math.Min(ChunkLength, Capacity - (chunk * ChunkLength))];
            Volatile.Write(ref _chunks[chunk], slots); // published empty: no stamp in it matches yet
        }

        ref var slot = ref slots[offset];
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
        var (chunk, offset) = Place(index);
        ref var slot = ref _chunks[chunk]![offset];
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
        var (chunk, offset) = Place(index);
        var slots = Volatile.Read(ref _chunks[chunk]);
        if (slots is null || Volatile.Read(ref slots[offset].Stamp) != index + 1)
        {
            entry = default;
            return false;
        }

        entry = slots[offset].Entry;
        Interlocked.MemoryBarrier(); // the copy is complete before the stamp is read again
        return Volatile.Read(ref slots[offset].Stamp) == index + 1;
    }

    /// <summary>The entry at <paramref name="index"/>, read by the writer itself (no other thread writes meanwhile).</summary>
    public ref readonly FeedEntry Held(long index)
    {
        var (chunk, offset) = Place(index);
        return ref _chunks[chunk]![offset].Entry;
    }

    private (int Chunk, int Offset) Place(long index)
    {
        var position = (int)(index % Capacity);
        return (position / ChunkLength, position % ChunkLength);
    }

    private struct Slot
    {
        public long Stamp;
        public FeedEntry Entry;
    }
}
