namespace QueueCore;

/// <summary>
/// A set of skills (items by tier and delay) shared by all windows configured with it: windows with the same
/// skills are interchangeable servers, so they share one profile and its tournaments.
/// </summary>
internal sealed class SkillProfile
{
    public SkillProfile(ProfileTier[] tiers, byte[] tierOf, long[] delayOf)
    {
        Tiers = tiers;
        TierOf = tierOf;
        DelayOf = delayOf;
    }

    /// <summary>Primary tier first (if any), then overflow tiers by delay (values: windows share the array).</summary>
    public ProfileTier[] Tiers { get; }

    /// <summary>Per dense service: 0 not a skill, 1 primary, 2 overflow.</summary>
    public byte[] TierOf { get; }

    /// <summary>Per dense service: the overflow delay in ticks (0 for primary).</summary>
    public long[] DelayOf { get; }

    public const byte NotServed = 0, PrimaryTier = 1, OverflowTier = 2;
}
