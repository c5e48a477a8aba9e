using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// A queue head's rank key in a tournament tree: <see cref="Rank"/> (ticks; issue time minus head start, smaller is
/// better) then <see cref="Order"/> (the full 64-bit issue serial, the same tie-break the queues use, so trees and
/// queues agree however many tickets a hall has issued). <see cref="Leaf"/> is -1 when empty.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct RankNode(long Rank, long Order, int Leaf)
{
    public static readonly RankNode Empty = new(long.MaxValue, long.MaxValue, -1);

    public bool IsEmpty => Leaf < 0;

    /// <summary>Strict order on (rank, order); orders are unique, so two live keys never tie.</summary>
    public static bool Less(long rank1, long order1, long rank2, long order2) =>
        rank1 < rank2 || (rank1 == rank2 && order1 < order2);
}
