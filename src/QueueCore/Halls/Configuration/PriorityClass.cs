namespace QueueCore;

/// <summary>
/// A priority class. Its standing is a head start in time: a ticket of this class ranks as if it had been
/// issued <see cref="HeadStart"/> earlier, so a priority ticket passes a normal one only if it was issued
/// less than its head start after it ("elderly citizens get five minutes' head start").
/// </summary>
public sealed record PriorityClass
{
    /// <summary>The class id (e.g. "elderly"), referenced by rules, windows and commands.</summary>
    public required string Id { get; init; }

    /// <summary>A display name, at most <see cref="HallDefinition.MaxNameLength"/> characters.</summary>
    public string Name { get; init; } = "";

    /// <summary>The class weight, expressed as a head start in waiting time (0 for the normal class). A head start
    /// changed by a redefinition (<see cref="Hall.Redefine"/>) applies to the class's live tickets too: they are
    /// re-ranked by the difference, and their waits (for the maximum wait and overflow delays) still count from when
    /// they were issued.</summary>
    public TimeSpan HeadStart { get; init; }
}
