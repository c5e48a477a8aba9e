namespace QueueCore;

/// <summary>
/// One tier of a skill profile: the primary items, or the overflow items that share one overflow delay. Keeps,
/// per priority class, a tournament over the heads of its items' queues, so the tier's best ticket of a class is
/// one read, whatever the number of items.
/// </summary>
internal sealed class ProfileTier
{
    public ProfileTier(bool overflow, long delayTicks, int[] services, int classes, bool allServices)
    {
        Overflow = overflow;
        DelayTicks = delayTicks;
        Services = services;
        AllServices = allServices;
        Trees = new TournamentTree[allServices ? 0 : classes];
        for (var c = 0; c < Trees.Length; c++)
        {
            Trees[c] = new TournamentTree(services.Length);
        }
    }

    /// <summary>
    /// A primary tier over the whole catalog (a comprehensive window): its best ticket of a class is simply the
    /// head of that class's hall-wide queue, so it keeps no tournaments (the largest ones a hall would have).
    /// </summary>
    public bool AllServices { get; }

    /// <summary>Overflow tiers are consulted only when no primary ticket is eligible.</summary>
    public bool Overflow { get; }

    /// <summary>A ticket is eligible in this tier once it has waited this long (0 for primary).</summary>
    public long DelayTicks { get; }

    /// <summary>Leaf index to dense service index.</summary>
    public int[] Services { get; }

    /// <summary>One tournament per priority class (none when <see cref="AllServices"/>).</summary>
    public TournamentTree[] Trees { get; }
}
