using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// A bounded multi-producer, single-consumer ring of <see cref="IngressSlot"/>s (Vyukov's bounded queue: a
/// sequence number per slot, producers claim a position with one CAS on the tail, the consumer needs no atomic
/// at all). No locks and no allocation per item; the consumer reads commands in place.
/// </summary>
/// <remarks>
/// Closing sets a bit in the tail, so a producer learns "closed" from the same CAS that would have claimed a
/// position: every item claimed before the close is drained, and nothing can slip in after it.
/// </remarks>
internal sealed class IngressRing
{
    private const long ClosedBit = 1L << 62;

    private readonly IngressSlot[] _slots;
    private readonly long _mask;
    private PaddedLong _tail; // next position to claim, | ClosedBit once closed
    private PaddedLong _head; // next position the consumer takes; written only by the consumer

    /// <summary>A ring of <paramref name="capacity"/> slots (a power of two, at least 2).</summary>
    public IngressRing(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The ingress capacity must be a power of two, at least 2.");
        }

        _slots = new IngressSlot[capacity];
        _mask = capacity - 1;
        for (var i = 0; i < capacity; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    /// <summary>The number of slots.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Items claimed and not yet taken (approximate while producers run; for gauges).</summary>
    public long Count => Math.Max(0, (_tail.Read() & ~ClosedBit) - _head.Read());

    /// <summary>Whether <see cref="Close"/> was called.</summary>
    public bool IsClosed => (_tail.Read() & ClosedBit) != 0;

    /// <summary>Closed and every claimed item taken: the consumer may stop. Consumer thread only.</summary>
    public bool IsClosedAndDrained
    {
        get
        {
            var tail = _tail.Read();
            return (tail & ClosedBit) != 0 && (tail & ~ClosedBit) == _head.ReadOwn();
        }
    }

    /// <summary>Positions claimed so far (the next position to claim). Any thread; control work records it to run after them.</summary>
    public long Position => _tail.Read() & ~ClosedBit;

    /// <summary>Positions taken so far (the next position to take). Consumer thread only.</summary>
    public long Taken => _head.ReadOwn();

    /// <summary>
    /// Whether the oldest untaken position holds a published item. Any thread: a consumer's own answer is exact; another
    /// thread's may be stale while a consumer takes items, and that consumer looks again once it lets go.
    /// </summary>
    public bool HasPublished
    {
        get
        {
            var head = _head.Read(); // acquire
            return Volatile.Read(ref _slots[head & _mask].Sequence) == head + 1;
        }
    }

    /// <summary>Offers a command. Any thread.</summary>
    public EnqueueStatus TryEnqueue(in HallCommand command, int hallIndex, CommandCompletion? completion)
    {
        var pos = _tail.Read();
        while (true)
        {
            if ((pos & ClosedBit) != 0)
            {
                return EnqueueStatus.Closed;
            }

            ref var slot = ref _slots[pos & _mask];
            var seq = Volatile.Read(ref slot.Sequence); // acquire: the consumer's release of this cell precedes our writes
            var dif = seq - pos;
            if (dif == 0)
            {
                var seen = _tail.CompareExchange(pos + 1, pos);
                if (seen == pos)
                {
                    slot.Command = command;
                    slot.HallIndex = hallIndex;
                    slot.Completion = completion;
                    Volatile.Write(ref slot.Sequence, pos + 1); // release: the cell's contents are visible before it reads as full
                    return EnqueueStatus.Queued;
                }

                pos = seen;
            }
            else if (dif < 0)
            {
                return EnqueueStatus.Full; // the cell still holds an item from the previous lap
            }
            else
            {
                pos = _tail.Read(); // another producer claimed this position; catch up
            }
        }
    }

    /// <summary>The oldest published item, or a null reference when there is none yet. Consumer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref IngressSlot PeekHead()
    {
        var head = _head.ReadOwn();
        ref var slot = ref _slots[head & _mask];

        // Acquire: pairs with the producer's release, so the cell's contents are visible once it reads as full.
        return ref Volatile.Read(ref slot.Sequence) == head + 1 ? ref slot : ref Unsafe.NullRef<IngressSlot>();
    }

    /// <summary>Frees the slot returned by <see cref="PeekHead"/> for producers. Consumer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReleaseHead(ref IngressSlot slot)
    {
        var head = _head.ReadOwn();
        slot.Command = default; // drop references (strings, completion) so a freed cell pins nothing
        slot.Completion = null;
        Volatile.Write(ref slot.Sequence, head + _slots.Length); // release: cleared before a producer may claim it a lap later
        _head.Write(head + 1); // release: other threads read the head for depth and drain checks
    }

    /// <summary>Stops accepting: every later offer returns <see cref="EnqueueStatus.Closed"/>. Any thread, idempotent.</summary>
    public void Close() => _tail.Or(ClosedBit);
}
