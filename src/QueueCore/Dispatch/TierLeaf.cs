namespace QueueCore;

/// <summary>Where one service's queues appear in a profile tier: the tier and the service's leaf in its tournaments.</summary>
internal readonly record struct TierLeaf(ProfileTier Tier, int Leaf);
