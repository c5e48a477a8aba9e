namespace QueueCore;

/// <summary>Where one service's queues appear in a profile tier: the tier (its number among the hall's tiers with
/// tournaments) and the service's leaf in the tier's tournaments.</summary>
internal readonly record struct TierLeaf(int Tier, int Leaf);
