using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

/// <summary>
/// The live tickets of one simulated hall by ticket id: open addressing with linear probing over the
/// <see cref="SimTicket"/> values themselves (no boxes, no per-ticket allocation), deletion by backward shift, load at
/// most one half. A ref it returns is valid until the next <see cref="Add"/> or <see cref="Remove"/>.
/// </summary>
internal sealed class TicketMap
{
    private SimTicket[] _slots = new SimTicket[64];
    private int _count;
    private int _mask = 63;

    public int Count => _count;

    /// <summary>Bytes held by the table.</summary>
    public long Bytes => (long)_slots.Length * Unsafe.SizeOf<SimTicket>();

    /// <summary>The ticket with this id, or a null ref (test with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref SimTicket Find(long id)
    {
        var slots = _slots;
        for (var i = Hash(id) & _mask; ; i = (i + 1) & _mask)
        {
            ref var s = ref slots[i];
            if (s.Id == id)
            {
                return ref s;
            }

            if (s.Id == 0)
            {
                return ref Unsafe.NullRef<SimTicket>();
            }
        }
    }

    /// <summary>Forgets every ticket, keeping the room.</summary>
    public void Clear()
    {
        if (_count > 0)
        {
            Array.Clear(_slots);
            _count = 0;
        }
    }

    /// <summary>Adds a ticket with this id (not present) and returns its entry, zeroed but for the id.</summary>
    public ref SimTicket Add(long id)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        _count++;
        var i = Hash(id) & _mask;
        while (_slots[i].Id != 0)
        {
            i = (i + 1) & _mask;
        }

        ref var s = ref _slots[i];
        s = default;
        s.Id = id;
        return ref s;
    }

    /// <summary>Removes the ticket with this id, if present.</summary>
    public void Remove(long id)
    {
        var slots = _slots;
        var i = Hash(id) & _mask;
        while (slots[i].Id != id)
        {
            if (slots[i].Id == 0)
            {
                return;
            }

            i = (i + 1) & _mask;
        }

        _count--;

        // Backward shift: move later entries of the probe run into the hole unless they already sit at or after their home.
        var hole = i;
        for (var j = (i + 1) & _mask; slots[j].Id != 0; j = (j + 1) & _mask)
        {
            var home = Hash(slots[j].Id) & _mask;
            if (((j - home) & _mask) >= ((j - hole) & _mask))
            {
                slots[hole] = slots[j];
                hole = j;
            }
        }

        slots[hole] = default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(long id) => (int)((ulong)id * 0x9E3779B97F4A7C15UL >> 33);

    private void Grow()
    {
        var old = _slots;
        _slots = new SimTicket[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (ref var s in old.AsSpan())
        {
            if (s.Id != 0)
            {
                var i = Hash(s.Id) & _mask;
                while (_slots[i].Id != 0)
                {
                    i = (i + 1) & _mask;
                }

                _slots[i] = s;
            }
        }
    }
}
