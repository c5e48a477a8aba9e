namespace QueueCore;

/// <summary>
/// A page of the waiting tickets a window would call (or an item's queue), in the order dispatch would take them if
/// nothing else changed, each with why it stands there. Built by merging the hall's ordered queues, never by sorting
/// every waiting ticket.
/// </summary>
public sealed record QueueView
{
    /// <summary>The hall's id.</summary>
    public required string HallId { get; init; }

    /// <summary>The window whose queue this is, or 0 for an item's queue.</summary>
    public required int Window { get; init; }

    /// <summary>The item whose queue this is, or -1 for a window's queue.</summary>
    public required int Service { get; init; }

    /// <summary>The hall's event sequence when the view was taken.</summary>
    public required long Sequence { get; init; }

    /// <summary>
    /// The instant the view stands at: through the engine, when it was taken (the hall's clock may be earlier, at its last
    /// command); waits, overdue tickets and overflow eligibility are as of then.
    /// </summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>All tickets in the queue (the window's own, primary and overflow items), not only this page.</summary>
    public required int Total { get; init; }

    /// <summary>The first position of this page.</summary>
    public required int Offset { get; init; }

    /// <summary>The page, in dispatch order.</summary>
    public required IReadOnlyList<QueuedTicket> Tickets { get; init; }
}
