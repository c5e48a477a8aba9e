namespace QueueCore;

/// <summary>
/// The ticket slots of one hall: a growable array of <see cref="TicketRecord"/>, a free list, and a ring of
/// retired (finished, cancelled, dropped) tickets kept addressable for rating and look-up until their slots are
/// needed again. Steady state allocates nothing.
/// </summary>
internal sealed class TicketTable
{
    /// <summary>Low bits of a ticket id hold the slot.</summary>
    public const int SlotBits = 20;

    /// <summary>The most tickets a table can hold (live and retained).</summary>
    public const int MaxSlots = 1 << SlotBits;

    private TicketRecord[] _items;
    private string?[]? _appointments; // beside the records, so the records stay free of references; made on first use
    private string?[]? _notes; // the park reason, made on first use
    private int[]? _servedBy; // ServedBy + 1 (so a new array reads as ClerkDays.None), made on first use
    private int[] _free;
    private int _freeCount;
    private int _used;
    private readonly int[] _retired;
    private int _retiredHead, _retiredCount;

    public TicketTable(int initialCapacity, int retained)
    {
        _items = new TicketRecord[Math.Clamp(initialCapacity, 16, MaxSlots)];
        _free = new int[_items.Length];
        _retired = new int[Math.Max(1, retained)];
    }

    /// <summary>The records; index by slot. The array may be replaced when the table grows: do not cache it across allocations.</summary>
    public TicketRecord[] Items => _items;

    /// <summary>Slots ever handed out (the high-water mark).</summary>
    public int HighWater => _used;

    /// <summary>Retired tickets kept addressable.</summary>
    public int RetiredCount => _retiredCount;

    public static int SlotOf(long id) => (int)(id & (MaxSlots - 1));

    /// <summary>The appointment reference checked in with the ticket at a slot, or null.</summary>
    public string? Appointment(int slot) => _appointments?[slot];

    public void SetAppointment(int slot, string? value)
    {
        if (value is not null || _appointments is not null)
        {
            (_appointments ??= new string?[_items.Length])[slot] = value;
        }
    }

    /// <summary>The free-text note of a ticket (why it was parked), or null.</summary>
    public string? Note(int slot) => _notes?[slot];

    /// <summary>
    /// The <see cref="ClerkDays"/> index of the clerk who finished the last finished service of the ticket at a slot
    /// (whose rating counts for them), <see cref="ClerkDays.None"/> or <see cref="ClerkDays.Unknown"/>. Meaningful only
    /// while the ticket has a service to rate (<see cref="TicketRecord.RatableWindow"/>): a finish sets it.
    /// </summary>
    public int ServedBy(int slot) => ServedBy(_servedBy, slot);

    /// <summary><see cref="ServedBy(int)"/> read from a copy made by <see cref="CopyServedBy"/>.</summary>
    public static int ServedBy(int[]? copy, int slot) => (copy?[slot] ?? 0) - 1;

    /// <summary>Sets <see cref="ServedBy(int)"/> at a finish or a restore; the storage is made on the first clerk.</summary>
    public void SetServedBy(int slot, int clerkDay)
    {
        if (clerkDay != ClerkDays.None || _servedBy is not null)
        {
            (_servedBy ??= new int[_items.Length])[slot] = clerkDay + 1;
        }
    }

    /// <summary>A copy of what <see cref="ServedBy(int)"/> reads for the used slots (read it with <see cref="ServedBy(int[], int)"/>), or
    /// null when no ticket had a clerk.</summary>
    public int[]? CopyServedBy() => _servedBy?.AsSpan(0, _used).ToArray();

    /// <summary>A copy of the appointment references of the used slots, or null when no ticket ever had one.</summary>
    public string?[]? CopyAppointments() => _appointments?.AsSpan(0, _used).ToArray();

    /// <summary>A copy of the notes of the used slots, or null when no ticket ever had one.</summary>
    public string?[]? CopyNotes() => _notes?.AsSpan(0, _used).ToArray();

    public void SetNote(int slot, string? value)
    {
        if (value is not null || _notes is not null)
        {
            (_notes ??= new string?[_items.Length])[slot] = value;
        }
    }

    /// <summary>Finds a live or retained slot by id; -1 if unknown or reused.</summary>
    public int Find(long id)
    {
        if (id <= 0)
        {
            return -1;
        }

        var slot = SlotOf(id);
        return slot < _used && _items[slot].Id == id ? slot : -1;
    }

    /// <summary>Takes a free slot for a ticket with the given serial; -1 when the table is full.</summary>
    public int Allocate(long serial)
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
        }
        else if (_used < _items.Length)
        {
            slot = _used++;
        }
        else if (_items.Length < MaxSlots)
        {
            // Grow rather than forget retained tickets early; once the retained ring is full, retiring frees the
            // oldest slot, so the table stops growing at (live + retained) tickets.
            Grow();
            slot = _used++;
        }
        else if (_retiredCount > 0)
        {
            slot = ReleaseOldestRetired();
            _freeCount--; // ReleaseOldestRetired pushed it on the free list
        }
        else
        {
            return -1;
        }

        ref var t = ref _items[slot];
        t = default;
        t.Id = (serial << SlotBits) | (uint)slot;
        t.Prev = t.Next = t.List = t.ClassPrev = t.ClassNext = t.CategoryPrev = t.CategoryNext = -1;
        t.WatchPrev = t.WatchNext = -1;
        t.Watch = -1;
        t.Window = -1;
        t.RatableWindow = -1;
        t.ParkDue = long.MaxValue;
        return slot;
    }

    /// <summary>Keeps a finished ticket addressable; the oldest retired one is freed when the ring is full.</summary>
    public void Retire(int slot)
    {
        if (_retiredCount == _retired.Length)
        {
            ReleaseOldestRetired();
        }

        var at = _retiredHead + _retiredCount;
        _retired[at < _retired.Length ? at : at - _retired.Length] = slot; // a wrap, not a division
        _retiredCount++;
    }

    /// <summary>Forgets every retained ticket now (their slots become free).</summary>
    public void ReleaseRetired()
    {
        while (_retiredCount > 0)
        {
            ReleaseOldestRetired();
        }
    }

    private int ReleaseOldestRetired()
    {
        var slot = _retired[_retiredHead];
        _retiredHead = _retiredHead + 1 == _retired.Length ? 0 : _retiredHead + 1;
        _retiredCount--;
        _items[slot].Id = 0; // the slot is free: finds fail, saves skip it
        SetAppointment(slot, null);
        SetNote(slot, null);
        _free[_freeCount++] = slot;
        return slot;
    }

    /// <summary>Retired slots, newest first.</summary>
    public IEnumerable<int> RetiredSlotsNewestFirst()
    {
        for (var i = _retiredCount - 1; i >= 0; i--)
        {
            yield return _retired[(_retiredHead + i) % _retired.Length];
        }
    }

    /// <summary>Retired slots, oldest first.</summary>
    public IEnumerable<int> RetiredSlots()
    {
        for (var i = 0; i < _retiredCount; i++)
        {
            yield return _retired[(_retiredHead + i) % _retired.Length];
        }
    }

    /// <summary>Restore: puts a record at its slot (taken from its id). Call <see cref="RebuildFreeList"/> after the last.</summary>
    public void Place(in TicketRecord record)
    {
        var slot = SlotOf(record.Id);
        while (slot >= _items.Length)
        {
            Grow();
        }

        _items[slot] = record;
        _used = Math.Max(_used, slot + 1);
    }

    /// <summary>Restore: every slot below the high-water mark that holds no ticket is free again (lowest slot reused first).</summary>
    public void RebuildFreeList()
    {
        _freeCount = 0;
        for (var slot = _used - 1; slot >= 0; slot--)
        {
            if (_items[slot].Id == 0)
            {
                _free[_freeCount++] = slot;
            }
        }
    }

    /// <summary>The free list, top last (saved so a restored hall reuses slots, and so numbers ids, exactly as the original).</summary>
    public int[] FreeSlots() => _free.AsSpan(0, _freeCount).ToArray();

    /// <summary>Restore: the high-water mark and the free list exactly as saved (after the last <see cref="Place"/>).</summary>
    public void SetFreeSlots(int highWater, int[] free)
    {
        while (highWater > _items.Length)
        {
            Grow();
        }

        _used = Math.Max(_used, highWater);
        free.CopyTo(_free, 0);
        _freeCount = free.Length;
    }

    private void Grow()
    {
        var size = Math.Min(MaxSlots, _items.Length * 2);
        Array.Resize(ref _items, size);
        Array.Resize(ref _free, size);
        if (_appointments is not null)
        {
            Array.Resize(ref _appointments, size);
        }

        if (_notes is not null)
        {
            Array.Resize(ref _notes, size);
        }

        if (_servedBy is not null)
        {
            Array.Resize(ref _servedBy, size);
        }
    }
}
