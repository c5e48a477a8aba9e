namespace QueueCore;

/// <summary>A service item (business type) a ticket can be issued for.</summary>
public sealed record ServiceItem
{
    /// <summary>The item's id in the hall's catalog (any non-negative number, unique in the hall).</summary>
    public required int Id { get; init; }

    /// <summary>A display name, at most <see cref="HallDefinition.MaxNameLength"/> characters.</summary>
    public string Name { get; init; } = "";

    /// <summary>The id of the <see cref="ServiceCategory"/> whose prefix and sequence the item's tickets use.</summary>
    public required string Category { get; init; }

    /// <summary>Hall-local hours in which tickets may be issued. Empty: whenever the day is open.</summary>
    public IReadOnlyList<IssuingHours> IssuingHours { get; init; } = [];

    /// <summary>Most tickets issued for this item per day; a walk-in past it is refused with <see cref="QueueError.LimitReached"/>.
    /// An appointment checked in on time is issued past it (its booking reserved the place) and counts as issued; one
    /// checked in too early or too late is a walk-in, and refused. Null: no cap. It is a cap per day: an item a redefinition
    /// removes and a later one adds back the same day counts the tickets it issued before, as one whose cap a redefinition
    /// changes does.</summary>
    public int? DailyCap { get; init; }

    /// <summary>A ticket waiting longer than this raises a wait-limit event. Null: no limit.</summary>
    public TimeSpan? WaitLimit { get; init; }

    /// <summary>When this many tickets wait for the item, a queue-length warning is raised: once each time the queue grows
    /// to this length (not again while it stays at or above it). Null: never.</summary>
    public int? QueueWarningLength { get; init; }

    /// <summary>Serving one ticket longer than this raises a service-time event. Null: never.</summary>
    public TimeSpan? ServiceTimeLimit { get; init; }

    /// <summary>
    /// The handling time assumed before any has been measured (seeds the moving average); at most a day. A redefinition
    /// that changes it seeds the average again (the item's estimates start from the new time); one that keeps it keeps
    /// what was measured.
    /// </summary>
    public TimeSpan ExpectedHandlingTime { get; init; } = TimeSpan.FromMinutes(5);
}
