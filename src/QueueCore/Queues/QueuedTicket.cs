namespace QueueCore;

/// <summary>One waiting ticket in a dispatch-order view, with what explains its place.</summary>
public sealed record QueuedTicket
{
    /// <summary>Its place in the view's order, from 0 (0: called next).</summary>
    public required int Position { get; init; }

    /// <summary>The ticket id.</summary>
    public required long Ticket { get; init; }

    /// <summary>Its printed number.</summary>
    public required TicketNumber Number { get; init; }

    /// <summary>The item it waits for.</summary>
    public required int Service { get; init; }

    /// <summary>Its priority class id.</summary>
    public required string PriorityClass { get; init; }

    /// <summary>The standing it was given on top of its wait: its class head start (scaled by the aging rate), plus
    /// resume bonuses, minus a no-show's places back. It ranks as if issued this much earlier.</summary>
    public required TimeSpan HeadStart { get; init; }

    /// <summary>How long it has waited since it was issued.</summary>
    public required TimeSpan Waited { get; init; }

    /// <summary>Why it stands here.</summary>
    public required QueueReason Reason { get; init; }

    /// <summary>For <see cref="QueueReason.OverflowLater"/>: when it becomes eligible at this window.</summary>
    public DateTimeOffset? EligibleAt { get; init; }
}
