using MessagePack;

namespace QueueCore;

/// <summary>A window's live state in a <see cref="HallState"/>.</summary>
[MessagePackObject]
public sealed record SavedWindow
{
    /// <summary>The window id.</summary>
    [Key(13)] public int Id { get; init; }

    /// <summary>Its state.</summary>
    [Key(0)] public WindowState State { get; init; }

    /// <summary>Auto mode.</summary>
    [Key(1)] public bool Auto { get; init; }

    /// <summary>The clerk on it.</summary>
    [Key(2)] public int Clerk { get; init; }

    /// <summary>The pause reason.</summary>
    [Key(3)] public string? PauseReason { get; init; }

    /// <summary>The ticket called or served (id), or 0.</summary>
    [Key(4)] public long Ticket { get; init; }

    /// <summary>Idle since (UTC ticks).</summary>
    [Key(5)] public long IdleSince { get; init; }

    /// <summary>Unanswered calls in a row.</summary>
    [Key(6)] public int UnansweredCalls { get; init; }

    /// <summary>Non-normal calls in a row.</summary>
    [Key(7)] public int PriorityRun { get; init; }

    /// <summary>Alerts raised for the current ticket / idle spell: bit 0 service time, bit 1 idle time.</summary>
    [Key(8)] public int Alerts { get; init; }

    /// <summary>Items finished today.</summary>
    [Key(9)] public int ServedToday { get; init; }

    /// <summary>Handling time today (ticks).</summary>
    [Key(10)] public long HandlingTicksToday { get; init; }

    /// <summary>Ratings today.</summary>
    [Key(11)] public int RatingsToday { get; init; }

    /// <summary>Sum of today's ratings.</summary>
    [Key(12)] public int RatingSumToday { get; init; }

    /// <summary>Normal calls the interleave rule owes.</summary>
    [Key(14)] public int NormalOwed { get; init; }

    /// <summary>A ticket held back after a no-show (id), or 0.</summary>
    [Key(15)] public long HeldTicket { get; init; }

    /// <summary>Until when the held ticket is not called back (UTC ticks).</summary>
    [Key(16)] public long HoldUntil { get; init; }

    /// <summary>The window's alert timer (UTC ticks; long.MaxValue: none).</summary>
    [Key(17)] public long AlertDue { get; init; } = long.MaxValue;

    /// <summary>The auto window's next look (UTC ticks; long.MaxValue: none).</summary>
    [Key(18)] public long AutoDue { get; init; } = long.MaxValue;

    /// <summary>Calls made today (recalls not counted): the count behind <see cref="WindowSnapshot.MeanWait"/>. 0 in a
    /// state saved before it was kept.</summary>
    [Key(19)] public int CallsToday { get; init; }

    /// <summary>The waits of today's calls, added up (ticks).</summary>
    [Key(20)] public long WaitTicksToday { get; init; }

    /// <summary>
    /// The clerk whose day figures the window's services count for: the clerk on it (<see cref="Clerk"/>) while open; once
    /// closed, the last clerk on it today (a rating of a service finished there counts for them when the state does not
    /// say who finished it: <see cref="SavedTicket.RatableClerk"/>); 0 for none, and in a state saved before it was kept.
    /// </summary>
    [Key(21)] public int LastClerk { get; init; }

    /// <summary>
    /// The window's last turn today under <see cref="WindowSelection.RoundRobin"/>: the hall's count of calls today at its
    /// last call (the window with the lowest turn is offered a ticket first). 0 for none since the day opened, and in a
    /// state saved before it was kept (every window then takes its next turn in id order).
    /// </summary>
    [Key(22)] public long LastTurn { get; init; }

    /// <summary>
    /// The clerk (staff number) who finished the window's last finished ticket (<see cref="HallState.WindowsLastFinished"/>),
    /// for whom its rating at this window counts; 0 for none. Null in a state saved before it was kept: until the window
    /// finishes its next ticket (or the next day opens), its pad rates that ticket only while the ticket's last finished
    /// service is this window's, as it did then.
    /// </summary>
    [Key(23)] public int? LastFinishedClerk { get; init; }

    /// <summary>Whether the service the window finished last was rated (at its pad, or by the hall while it was the
    /// ticket's last service). False in a state saved before it was kept.</summary>
    [Key(24)] public bool LastFinishedRated { get; init; }

    /// <summary>
    /// How long the service of the ticket the window holds (called or serving) is expected to take (ticks): its item's
    /// average handling time when it was called, or started. Estimates count the service's end from it. 0 while the window
    /// holds no ticket, and in a state saved before it was kept (the item's average then stands in for it); at most a
    /// year (a restore refuses a state with more, or a negative one).
    /// </summary>
    [Key(25)] public long ExpectedHandlingTicks { get; init; }

    /// <summary>While paused: the calls in a row left unanswered when the hall paused the window itself, 0 when a command
    /// did (<see cref="WindowSnapshot.PausedAfterUnansweredCalls"/>). 0 in a state saved before it was kept.</summary>
    [Key(26)] public int PausedAfterUnansweredCalls { get; init; }

    /// <summary>While paused: the hall manager paused the window (<see cref="WindowSnapshot.PausedBy"/>). False in a state
    /// saved before it was kept.</summary>
    [Key(27)] public bool PausedByManager { get; init; }
}
