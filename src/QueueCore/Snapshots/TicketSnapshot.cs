namespace QueueCore;

/// <summary>One ticket as screens and dashboards see it.</summary>
public sealed record TicketSnapshot
{
    /// <summary>The ticket id.</summary>
    public required long Ticket { get; init; }

    /// <summary>Its printed number.</summary>
    public required TicketNumber Number { get; init; }

    /// <summary>Its state.</summary>
    public required TicketState State { get; init; }

    /// <summary>Its current service item.</summary>
    public required int Service { get; init; }

    /// <summary>Its priority class id.</summary>
    public required string PriorityClass { get; init; }

    /// <summary>The window it is at (called/serving), or 0.</summary>
    public required int Window { get; init; }

    /// <summary>When it was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Its rank key: the instant it ranks as if issued at (issue time minus head start and bonuses; clamped to
    /// <see cref="DateTimeOffset.MinValue"/> for head starts longer than the time since year 1). Smaller is called first.</summary>
    public required DateTimeOffset Standing { get; init; }

    /// <summary>How much earlier than its issue it ranks: its class head start (scaled by the aging rate) plus resume
    /// bonuses, minus a no-show's places back.</summary>
    public TimeSpan HeadStart { get; init; }

    /// <summary>Its service items (ids), in handling order.</summary>
    public IReadOnlyList<int> Items { get; init; } = [];

    /// <summary>The index in <see cref="Items"/> of its current item.</summary>
    public int ItemIndex { get; init; }

    /// <summary>A free-text note from the clerk (why it was parked or cancelled), or null.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// When it was last called to a window, a recall included: for a ticket called or being served, and for
    /// the tickets of <see cref="HallSnapshot.RecentlyFinished"/>; null for the others.
    /// </summary>
    public DateTimeOffset? CalledAt { get; init; }

    /// <summary>
    /// How many times its window called it again since its latest call from a queue (0 to 255; a new call from a queue
    /// starts again at 0): above 0, the call at <see cref="CalledAt"/> was a recall.
    /// </summary>
    public int Recalls { get; init; }
}
