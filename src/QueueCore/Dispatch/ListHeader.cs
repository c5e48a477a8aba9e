using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One queue's header: head, tail and count, and the (rank, serial) keys of its head and tail, side by side in 48
/// bytes, so the common questions about a queue are answered from one cache line without touching its tickets.
/// An empty queue's head key is the largest possible, its tail key the smallest.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ListHeader
{
    public long HeadRank, HeadSerial, TailRank, TailSerial;
    public int Head, Tail, Count;

    public static readonly ListHeader Empty = new()
    {
        Head = -1, Tail = -1, HeadRank = long.MaxValue, HeadSerial = long.MaxValue, TailRank = long.MinValue, TailSerial = long.MinValue,
    };
}
