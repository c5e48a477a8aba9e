namespace QueueCore;

/// <summary>Where one service's queues appear in a profile tier: the tier's tournaments in the forest and the service's leaf.</summary>
internal readonly record struct TierLeaf(int TreeBase, int TreeSize, int Leaf);
