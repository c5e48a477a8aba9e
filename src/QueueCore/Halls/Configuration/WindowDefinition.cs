namespace QueueCore;

/// <summary>A window (counter): its number, its skills, and whether it is dedicated to a priority class.</summary>
public sealed record WindowDefinition
{
    /// <summary>The window's number as shown on screens ("please go to window 5"); unique in the hall.</summary>
    public required int Id { get; init; }

    /// <summary>A display name, at most <see cref="HallDefinition.MaxNameLength"/> characters.</summary>
    public string Name { get; init; } = "";

    /// <summary>The service items (or categories) the window accepts, each primary or overflow.</summary>
    public IReadOnlyList<WindowSkill> Skills { get; init; } = [];

    /// <summary>
    /// A comprehensive window: every item of the catalog is a primary skill (listed skills may still
    /// set overflow tiers for some items).
    /// </summary>
    public bool Comprehensive { get; init; }

    /// <summary>
    /// The id of a priority class this window is dedicated to: it serves that class first and others only
    /// when none of that class waits. Null or empty (configuration gives "" for a value left blank): not dedicated. "Waits" is within the tickets the window calls from, as for
    /// every class: its primary items while any of their tickets waits, its overflow items (past their delay) only when
    /// none does; so a ticket of the class on an overflow item comes after the normal tickets of the primary items
    /// (an overdue ticket, past the maximum wait, still comes before all).
    /// </summary>
    public string? DedicatedClass { get; init; }

    /// <summary>In auto mode the engine assigns the next ticket as soon as the window is free (push).</summary>
    public bool AutoAssign { get; init; }
}
