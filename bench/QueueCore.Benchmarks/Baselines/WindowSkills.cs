namespace QueueCore.Benchmarks.Baselines;

/// <summary>
/// What one window may serve, as a user would precompute it from the hall's definition: per service item the tier
/// (primary, overflow, none) and the overflow delay. Same rules as the hall: a primary skill wins over an overflow
/// skill for the same item; comprehensive windows serve every item as primary.
/// </summary>
internal sealed class WindowSkills
{
    public const byte None = 0, Primary = 1, Overflow = 2;

    private WindowSkills(bool comprehensive, byte[] tierOf, long[] delayOf)
    {
        Comprehensive = comprehensive;
        TierOf = tierOf;
        DelayOf = delayOf;
        PrimaryServices = [.. Enumerable.Range(0, tierOf.Length).Where(s => tierOf[s] == Primary)];
        OverflowServices = [.. Enumerable.Range(0, tierOf.Length).Where(s => tierOf[s] == Overflow)];
    }

    public bool Comprehensive { get; }

    /// <summary>Indexed by service id (the workload's ids are 0..N-1).</summary>
    public byte[] TierOf { get; }

    /// <summary>Ticks an overflow ticket must have waited before this window may take it.</summary>
    public long[] DelayOf { get; }

    public int[] PrimaryServices { get; }

    public int[] OverflowServices { get; }

    /// <summary>Skills indexed by window id (index 0 unused).</summary>
    public static WindowSkills[] Compile(HallDefinition definition)
    {
        var services = definition.Services.Count;
        var result = new WindowSkills[definition.Windows.Max(w => w.Id) + 1];
        foreach (var w in definition.Windows)
        {
            var tierOf = new byte[services];
            var delayOf = new long[services];
            if (w.Comprehensive)
            {
                Array.Fill(tierOf, Primary);
            }

            foreach (var skill in w.Skills)
            {
                var items = skill.Category is null
                    ? [skill.Service]
                    : definition.Services.Where(s => s.Category == skill.Category).Select(s => s.Id);
                foreach (var s in items)
                {
                    if (skill.Tier == SkillTier.Primary)
                    {
                        (tierOf[s], delayOf[s]) = (Primary, 0);
                    }
                    else if (tierOf[s] == None)
                    {
                        (tierOf[s], delayOf[s]) = (Overflow, skill.OverflowDelay.Ticks);
                    }
                    else if (tierOf[s] == Overflow)
                    {
                        delayOf[s] = Math.Min(delayOf[s], skill.OverflowDelay.Ticks);
                    }
                }
            }

            result[w.Id] = new WindowSkills(w.Comprehensive, tierOf, delayOf);
        }

        return result;
    }
}
