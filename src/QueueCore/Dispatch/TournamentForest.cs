namespace QueueCore;

/// <summary>
/// Every tournament of a hall in one array of nodes. A tournament over n queues (the leaves; n rounded up to a power
/// of two) takes 2n nodes from its base: root at base + 1, leaves at base + n ... base + 2n - 1; each internal node
/// holds the better of its two children, so the root is the best head of all its queues. One array instead of an
/// object per tournament keeps dispatch to a couple of dependent loads.
/// </summary>
internal static class TournamentForest
{
    /// <summary>Nodes one tournament over <paramref name="leaves"/> queues takes.</summary>
    public static int Nodes(int leaves) => 2 * (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, leaves));

    /// <summary>Sets a leaf's key (MaxValue rank for an empty queue) and replays the matches above it; stops early
    /// once a node does not change (then nothing above it does). O(log leaves).</summary>
    public static void Update(RankNode[] nodes, int treeBase, int size, int leaf, long rank, long order)
    {
        var i = leaf + size;
        nodes[treeBase + i] = rank == long.MaxValue ? RankNode.Empty : new RankNode(rank, order, leaf);
        for (i >>= 1; i >= 1; i >>= 1)
        {
            ref readonly var left = ref nodes[treeBase + (2 * i)];
            ref readonly var right = ref nodes[treeBase + (2 * i) + 1];
            var winner = right.Before(left) ? right : left;
            ref var node = ref nodes[treeBase + i];
            if (node.Same(winner))
            {
                break; // unchanged here, so unchanged all the way up
            }

            node = winner;
        }
    }
}
