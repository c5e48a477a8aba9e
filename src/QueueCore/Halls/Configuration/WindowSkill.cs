namespace QueueCore;

/// <summary>
/// One skill of a window: a service item (or a whole category), its tier, and for overflow skills the
/// time a ticket must have waited before this window may take it.
/// </summary>
public sealed record WindowSkill
{
    private readonly int _service;

    /// <summary>
    /// The service item id (0 is an id like any other). Ignored when <see cref="Category"/> is set. A skill must set
    /// one of the two: one that sets neither is refused, not read as item 0.
    /// </summary>
    public int Service
    {
        get => _service;
        init
        {
            _service = value;
            ServiceGiven = true;
        }
    }

    /// <summary>A category id: the skill covers every item of the category.</summary>
    public string? Category { get; init; }

    /// <summary>
    /// Whether <see cref="Service"/> was set (in code, or by a configuration key). Item 0 is valid, so without this a
    /// skill whose item was left out would silently serve item 0; a nullable id would change the definition's JSON, and
    /// with it every stored definition's hash (<c>configured-halls.json</c>) and every caller.
    /// </summary>
    internal bool ServiceGiven { get; private init; }

    /// <summary>
    /// Primary skills are served first; overflow only when no primary ticket is eligible. When a window's skills overlap
    /// (an item listed as primary and its category as overflow), the item is primary at that window whatever the order;
    /// two overflow skills over one item take the shorter delay. The same skill twice (one item or category, at one tier
    /// and, for overflow, one delay) is refused: it is a slip, such as a copied line.
    /// </summary>
    public SkillTier Tier { get; init; } = SkillTier.Primary;

    /// <summary>
    /// For overflow skills: a ticket is eligible at this window only once it has waited this long
    /// (counted from its standing, so a ticket that keeps its standing from an earlier item counts that wait). Must not
    /// be negative, and must be zero on a primary skill (whose tickets never wait for the window): the definition is
    /// refused otherwise. A ticket past the hall's maximum wait (<see cref="PriorityPolicy.MaxWait"/>) waits for this
    /// delay too: the delay decides whether the window may take a ticket, the maximum wait only which of the tickets it
    /// may take goes first. A delay longer than the maximum wait keeps the window from helping overdue tickets until it
    /// has passed.
    /// </summary>
    public TimeSpan OverflowDelay { get; init; }

    /// <summary>An optional proficiency level, 0 (none given) or more; a negative level is refused (informational; windows
    /// of equal skills are interchangeable).</summary>
    public int Proficiency { get; init; }
}
