namespace QueueCore;

/// <summary>
/// A min-tournament over a fixed set of queues (the leaves): each internal node holds the better of its two
/// children, so the root is the best head of all queues. Updating one leaf costs log2(leaves) comparisons and
/// stops early once a node does not change; reading the best is one array read.
/// </summary>
internal sealed class TournamentTree
{
    // Heap layout: root at 1, leaves at [_size, 2 * _size).
    private readonly RankNode[] _nodes;
    private readonly int _size;

    public TournamentTree(int leaves)
    {
        _size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, leaves));
        _nodes = new RankNode[2 * _size];
        Array.Fill(_nodes, RankNode.Empty);
    }

    /// <summary>The best key over all leaves (empty when every queue is empty).</summary>
    public ref readonly RankNode Root => ref _nodes[1];

    /// <summary>Sets a leaf's key (pass <see cref="RankNode.Empty"/> values for an empty queue) and replays the matches above it.</summary>
    public void Update(int leaf, long rank, long order)
    {
        var nodes = _nodes;
        var i = leaf + _size;
        nodes[i] = rank == long.MaxValue ? RankNode.Empty : new RankNode(rank, order, leaf);
        for (i >>= 1; i >= 1; i >>= 1)
        {
            ref readonly var left = ref nodes[2 * i];
            ref readonly var right = ref nodes[(2 * i) + 1];
            var winner = RankNode.Less(right.Rank, right.Order, left.Rank, left.Order) ? right : left;
            if (nodes[i] == winner)
            {
                break; // unchanged here, so unchanged all the way up
            }

            nodes[i] = winner;
        }
    }
}
