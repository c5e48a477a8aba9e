namespace QueueCore;

/// <summary>Where one service's queues appear in a profile tier: the tier (its number among the hall's tiers with
/// tournaments), the service's leaf in the tier's tournaments, and the word of the tier's stale marks that holds the
/// leaf's bit (<see cref="ProfileTier.StaleWord"/> plus the leaf's word; -1 in a tier of at most 64 items).</summary>
internal readonly record struct TierLeaf(int Tier, int Leaf, int Word);
