namespace QueueCore;

/// <summary>
/// One tier of a skill profile: the primary items, or the overflow items that share one overflow delay
/// (<see cref="Services"/>). The categories it serves whole (<see cref="Categories"/>) it reads from the hall's
/// (category, class) queues, one head each; for the rest of its items (<see cref="Leaves"/>) it keeps, per priority
/// class, a tournament over the heads of their queues (in the hall's <see cref="TournamentForest"/>). So the tier's
/// best ticket of a class is a few reads, whatever the number of items. A value in a window's tier array, so dispatch
/// reaches a root in two loads from the window. <see cref="Tier"/> is its number among the hall's tiers with
/// tournaments (-1 for an all-services tier or one made of whole categories, which have none). <see cref="StaleWord"/>
/// is where a tournament of more than 64 leaves keeps a bit per leaf whose queue head changed (in each class's block
/// of such words), or -1: a smaller one's bits fit in its summary word.
/// </summary>
/// <remarks>Tiers are mostly written in categories ("business", overflow "social"): a tournament over a category's
/// items repeats at every head change work a category queue does once per ticket, and at thousands of items its
/// replays were a third of the hall's time.</remarks>
internal readonly record struct ProfileTier(
    bool Overflow, bool AllServices, long DelayTicks, int[] Services, int[] Categories, int[] Leaves, int TreeBase, int TreeSize, int Tier, int StaleWord)
{
    /// <summary>The index of the root of class <paramref name="cls"/>'s tournament in the forest.</summary>
    public int Root(int cls) => TreeBase + (cls * 2 * TreeSize) + 1;
}
