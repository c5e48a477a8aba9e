using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// A 64-bit value alone on its cache lines (128 bytes, value in the middle), so cursors written by one thread and
/// read by others never share a line with anything else (no false sharing on adjacent-line prefetch either).
/// </summary>
/// <remarks>
/// Every memory-ordering operation the engine needs on a shared cursor or flag lives here:
/// <see cref="Read"/> is an acquire load, <see cref="Write"/> a release store, <see cref="WriteFullFence"/> a
/// store followed by a full fence and <see cref="ReadFullFence"/> a full fence followed by a load (the two halves
/// of a Dekker-style handshake: "publish, then check whether the other side sleeps" against "announce sleep, then
/// check for work"; without the store-load barrier both sides could miss each other), and the read-modify-write
/// methods are full fences. Slot sequences inside the rings are not padded (one per cell); their loads and stores
/// sit next to the ring code with a one-line reason each.
/// A field of this type must not be <c>readonly</c>: the methods mutate it in place.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    private long _value;

    /// <summary>Starts at <paramref name="value"/>.</summary>
    public PaddedLong(long value) => _value = value;

    /// <summary>Acquire load: later reads cannot move before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Read() => Volatile.Read(ref _value); // acquire: see what the writer published before its store

    /// <summary>Full fence then acquire load: stores this thread made earlier (anywhere) are visible before it reads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadFullFence()
    {
        Interlocked.MemoryBarrier(); // store-load barrier: the other half of the sleep/wake handshake (see WriteFullFence)
        return Volatile.Read(ref _value);
    }

    /// <summary>A plain load, for the single thread that writes the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long ReadOwn() => _value;

    /// <summary>Release store: earlier writes cannot move after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(long value) => Volatile.Write(ref _value, value); // release: publish what was written before

    /// <summary>Store then full fence: a following load of another variable cannot move before the store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteFullFence(long value) => Interlocked.Exchange(ref _value, value); // store-load barrier for sleep/wake handshakes

    /// <summary>Atomic compare-and-swap (full fence); returns the value seen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long CompareExchange(long value, long comparand) =>
        Interlocked.CompareExchange(ref _value, value, comparand); // claim against other writers

    /// <summary>Atomic add (full fence); returns the new value.</summary>
    public long Add(long delta) => Interlocked.Add(ref _value, delta); // count without losing concurrent updates

    /// <summary>Atomic bitwise or (full fence); returns the previous value.</summary>
    public long Or(long bits) => Interlocked.Or(ref _value, bits); // set a flag bit without losing concurrent claims
}
