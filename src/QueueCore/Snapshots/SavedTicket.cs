using MessagePack;

namespace QueueCore;

/// <summary>One ticket in a <see cref="HallState"/>. Items and windows are given by their public ids.</summary>
[MessagePackObject]
public sealed record SavedTicket
{
    /// <summary>
    /// <see cref="RatableWindow"/> of a ticket whose last finished service was at a window removed from the hall since
    /// (its id is not kept): the hall may still rate it, no window can.
    /// </summary>
    public const int RemovedWindow = -1;

    /// <summary>The ticket id.</summary>
    [Key(0)] public long Id { get; init; }

    /// <summary>Issue serial.</summary>
    [Key(1)] public long Serial { get; init; }

    /// <summary>Number prefix.</summary>
    [Key(2)] public string Prefix { get; init; } = "";

    /// <summary>Number sequence.</summary>
    [Key(3)] public int Number { get; init; }

    /// <summary>Number width.</summary>
    [Key(4)] public int Width { get; init; }

    /// <summary>State.</summary>
    [Key(5)] public TicketState State { get; init; }

    /// <summary>Priority class id.</summary>
    [Key(6)] public string Class { get; init; } = "";

    /// <summary>Items (service ids), in handling order.</summary>
    [Key(7)] public int[] Items { get; init; } = [];

    /// <summary>Index of the current item.</summary>
    [Key(8)] public int ItemIndex { get; init; }

    /// <summary>Recalls of the current call (at most 255: a ticket counts no further).</summary>
    [Key(9)] public int Recalls { get; init; }

    /// <summary>No-shows so far (at most 255: a ticket counts no further).</summary>
    [Key(10)] public int NoShows { get; init; }

    /// <summary>Whether the last finished service was rated.</summary>
    [Key(11)] public bool Rated { get; init; }

    /// <summary>Rank key (UTC ticks).</summary>
    [Key(12)] public long Rank { get; init; }

    /// <summary>Issued at (UTC ticks).</summary>
    [Key(13)] public long IssuedAt { get; init; }

    /// <summary>Joined its queue, or was parked, at (UTC ticks).</summary>
    [Key(14)] public long EnqueuedAt { get; init; }

    /// <summary>Service started at (UTC ticks).</summary>
    [Key(16)] public long ServingAt { get; init; }

    /// <summary>
    /// Window it is at or was parked by, or for a dropped no-show the window that called it (id), or 0 (also for a
    /// no-show in a state saved before no-shows kept it).
    /// </summary>
    [Key(17)] public int Window { get; init; }

    /// <summary>Window whose last finished service may be rated (id), <see cref="RemovedWindow"/> for one removed since, or 0.</summary>
    [Key(18)] public int RatableWindow { get; init; }

    /// <summary>Window whose own queue it waits in (id), or 0 for its item's queue.</summary>
    [Key(19)] public int QueueWindow { get; init; }

    /// <summary>The category id that numbered it.</summary>
    [Key(20)] public string Category { get; init; } = "";

    /// <summary>The appointment reference.</summary>
    [Key(21)] public string? Appointment { get; init; }

    /// <summary>A free-text note (why it was parked, or cancelled).</summary>
    [Key(22)] public string? Note { get; init; }

    /// <summary>When a parked ticket comes back (UTC ticks; long.MaxValue: only by hand).</summary>
    [Key(23)] public long ParkDue { get; init; } = long.MaxValue;

    /// <summary>The item it is at (id): the current item, or for a finished ticket the last one handled.</summary>
    [Key(24)] public int Service { get; init; }

    /// <summary>Whether its wait-limit alert for its current item was raised.</summary>
    [Key(25)] public bool WaitLimitAlerted { get; init; }

    /// <summary>
    /// When it was last called or recalled (UTC ticks), for a ticket called or being served, completed, or dropped as a no-show; 0
    /// otherwise, and in a state saved before this was kept (a restore then takes <see cref="ServingAt"/>: the call
    /// itself for a called ticket, the start of its last service for the others).
    /// </summary>
    [Key(26)] public long CalledAt { get; init; }

    /// <summary>
    /// For a called ticket: whether it was called from its window's own queue (transferred or returned to that window),
    /// so that a no-show re-queues it there. False otherwise, and in a state saved before this was kept (a no-show then
    /// re-queues it in its item's queue).
    /// </summary>
    [Key(27)] public bool CalledFromWindowQueue { get; init; }

    /// <summary>
    /// The clerk (staff number) who finished the service <see cref="RatableWindow"/> names: its rating counts for them,
    /// whoever is on that window by then. 0 for none (no service to rate, or a window opened with no clerk). Null in a
    /// state saved before it was kept: a rating of that service then counts for the clerk on its window at the time of
    /// the rating (the last one on it once closed), as it did then.
    /// </summary>
    [Key(28)] public int? RatableClerk { get; init; }
}
