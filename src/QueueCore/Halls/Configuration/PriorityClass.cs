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

    /// <summary>The class weight, expressed as a head start in waiting time (0 for the normal class). A ticket's rank
    /// is fixed when it is issued: a head start changed by a redefinition applies to tickets issued afterwards, and the
    /// tickets already waiting keep the standing they were issued with.</summary>
    public TimeSpan HeadStart { get; init; }
}
