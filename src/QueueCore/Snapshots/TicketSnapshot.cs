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

    /// <summary>Its rank key: the instant it ranks as if issued at (issue time minus head start and bonuses).
    /// Smaller is called first; this is what explains its place in the queue.</summary>
    public required DateTimeOffset Standing { get; init; }
}
