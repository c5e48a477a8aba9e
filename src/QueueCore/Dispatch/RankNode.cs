namespace QueueCore;

/// <summary>
/// A queue head's rank key in a tournament tree, 16 bytes so four share a cache line: <see cref="Rank"/> (ticks;
/// issue time minus head start, smaller is better) then <see cref="Order"/> (the issue serial, to break ties
/// deterministically). <see cref="Leaf"/> is -1 when empty.
/// </summary>
/// <remarks>
/// Order keeps the low 32 bits of the serial: serials are per hall and start at 1, so this is exact for the first
/// 2^31 tickets a hall ever issues (58,000 years at 100,000 tickets a day).
/// </remarks>
internal readonly record struct RankNode(long Rank, int Order, int Leaf)
{
    public static readonly RankNode Empty = new(long.MaxValue, int.MaxValue, -1);

    public bool IsEmpty => Leaf < 0;

    /// <summary>Strict order on (rank, order); orders are unique, so two live keys never tie.</summary>
    public static bool Less(long rank1, long order1, long rank2, long order2) =>
        rank1 < rank2 || (rank1 == rank2 && order1 < order2);
}
