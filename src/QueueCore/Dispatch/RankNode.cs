using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// A queue head's key in a tournament: <see cref="Rank"/> (ticks; issue time minus head start, smaller is better),
/// then the issue serial (the same tie-break the queues use, all 64 bits of it in effect: serials stay below 2^43,
/// the ticket-id limit), packed with the leaf in one word, so a node is 16 bytes and two siblings share a 32-byte
/// half line.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct RankNode
{
    private const int LeafBits = 16; // leaves are a catalog's items: at most 4,096

    /// <summary>The rank (long.MaxValue: an empty node).</summary>
    public readonly long Rank;

    private readonly long _key; // serial << LeafBits | leaf: compares as the serial, since serials are unique

    public RankNode(long rank, long order, int leaf)
    {
        Rank = rank;
        _key = (order << LeafBits) | (uint)leaf;
    }

    private RankNode(long rank, long key, bool raw)
    {
        _ = raw;
        Rank = rank;
        _key = key;
    }

    public static readonly RankNode Empty = new(long.MaxValue, long.MaxValue, raw: true);

    public bool IsEmpty => Rank == long.MaxValue;

    /// <summary>The issue serial of the head it stands for.</summary>
    public long Order => _key >> LeafBits;

    /// <summary>The leaf (queue) it came from.</summary>
    public int Leaf => (int)(_key & ((1 << LeafBits) - 1));

    /// <summary>Whether this node ranks before <paramref name="other"/>.</summary>
    public bool Before(in RankNode other) => Rank < other.Rank || (Rank == other.Rank && _key < other._key);

    /// <summary>Whether two nodes are the same key from the same leaf.</summary>
    public bool Same(in RankNode other) => Rank == other.Rank && _key == other._key;

    /// <summary>Strict order on (rank, order); orders are unique, so two live keys never tie.</summary>
    public static bool Less(long rank1, long order1, long rank2, long order2) =>
        rank1 < rank2 || (rank1 == rank2 && order1 < order2);

    /// <summary>
    /// Strict order of tickets past the maximum wait: the older standing first; equally old, the better rank (the longer
    /// head start: the higher effective priority, as rule 4 breaks ties), then issue order. Without the rank, two
    /// tickets issued at one instant would swap places the moment both became overdue.
    /// </summary>
    public static bool OverdueLess(long standing1, long rank1, long order1, long standing2, long rank2, long order2) =>
        standing1 < standing2 || (standing1 == standing2 && Less(rank1, order1, rank2, order2));
}
