namespace QueueCore;

/// <summary>
/// One skill of a window: a service item (or a whole category), its tier, and for overflow skills the
/// time a ticket must have waited before this window may take it.
/// </summary>
public sealed record WindowSkill
{
    /// <summary>The service item id. Ignored when <see cref="Category"/> is set.</summary>
    public int Service { get; init; }

    /// <summary>A category id: the skill covers every item of the category.</summary>
    public string? Category { get; init; }

    /// <summary>Primary skills are served first; overflow only when no primary ticket is eligible.</summary>
    public SkillTier Tier { get; init; } = SkillTier.Primary;

    /// <summary>
    /// For overflow skills: a ticket is eligible at this window only once it has waited this long
    /// (counted from its standing, so a ticket that keeps its standing from an earlier item counts that wait).
    /// </summary>
    public TimeSpan OverflowDelay { get; init; }

    /// <summary>An optional proficiency level (informational; windows of equal skills are interchangeable).</summary>
    public int Proficiency { get; init; }
}
