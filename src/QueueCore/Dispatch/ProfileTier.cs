namespace QueueCore;

/// <summary>
/// One tier of a skill profile: the primary items, or the overflow items that share one overflow delay. Keeps, per
/// priority class, a tournament over the heads of its items' queues (in the hall's <see cref="TournamentForest"/>),
/// so the tier's best ticket of a class is one read, whatever the number of items. A value in a window's tier array,
/// so dispatch reaches a root in two loads from the window. <see cref="Tier"/> is its number among the hall's tiers
/// with tournaments (-1 for an all-services tier, which has none). <see cref="StaleWord"/> is where a tier of more
/// than 64 items keeps a bit per item whose queue head changed (in each class's block of such words), or -1: a smaller
/// tier's bits fit in its summary word.
/// </summary>
internal readonly record struct ProfileTier(bool Overflow, bool AllServices, long DelayTicks, int[] Services, int TreeBase, int TreeSize, int Tier, int StaleWord)
{
    /// <summary>The index of the root of class <paramref name="cls"/>'s tournament in the forest.</summary>
    public int Root(int cls) => TreeBase + (cls * 2 * TreeSize) + 1;
}
