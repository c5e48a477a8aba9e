using MessagePack;

namespace QueueCore;

/// <summary>
/// Everything a hall holds, as plain serializable data (MessagePack): save it with <see cref="Hall.SaveState"/>,
/// restore it with <see cref="Hall.Restore"/>, and the restored hall answers every later command exactly as the
/// original would. Categories, items, windows and classes are matched by id, so a state can be restored on a
/// definition whose lists are in another order, or that adds or drops entries nothing live refers to (which is how
/// a running hall is redefined). The journal's snapshots are these.
/// </summary>
[MessagePackObject]
public sealed record HallState
{
    /// <summary>The hall's id (must match the definition it is restored on).</summary>
    [Key(0)] public required string HallId { get; init; }

    /// <summary>The last event's sequence number.</summary>
    [Key(1)] public required long Sequence { get; init; }

    /// <summary>The last ticket serial issued.</summary>
    [Key(2)] public required long Serial { get; init; }

    /// <summary>The hall's clock: the instant of the last command applied, queries excepted (UTC ticks; <see cref="Hall.Now"/>).</summary>
    [Key(3)] public required long Time { get; init; }

    /// <summary>0 closed, 1 open, 2 serving the remaining tickets.</summary>
    [Key(4)] public required int Day { get; init; }

    /// <summary>Per category: its prefix and the last number issued today.</summary>
    [Key(5)] public required SavedCategory[] Categories { get; init; }

    /// <summary>Per service item.</summary>
    [Key(6)] public required SavedService[] Services { get; init; }

    /// <summary>Per window.</summary>
    [Key(7)] public required SavedWindow[] Windows { get; init; }

    /// <summary>Live and retained tickets.</summary>
    [Key(8)] public required SavedTicket[] Tickets { get; init; }

    /// <summary>Ids of retained (finished) tickets, oldest first: the order in which their slots are reused.</summary>
    [Key(9)] public required long[] Retired { get; init; }

    /// <summary>Ids of parked tickets, in the order they come back.</summary>
    [Key(10)] public long[] Parked { get; init; } = [];

    /// <summary>Remembered client request ids, oldest first.</summary>
    [Key(11)] public SavedRequest[] Requests { get; init; } = [];

    /// <summary>Ticket slots ever used (ids carry their slot, so a restored hall numbers new tickets like the original).</summary>
    [Key(12)] public int SlotsUsed { get; init; }

    /// <summary>Free ticket slots, the next one to reuse last.</summary>
    [Key(13)] public int[] FreeSlots { get; init; } = [];

    /// <summary>When the current (or last) day opened (UTC ticks); 0 when not known (a state saved before this was kept).</summary>
    [Key(14)] public long DayOpenedAt { get; init; }

    /// <summary>Services finished today at windows since removed from the hall (the hall's day figures count them).</summary>
    [Key(15)] public int RemovedWindowsServedToday { get; init; }

    /// <summary>Ratings given today at windows since removed.</summary>
    [Key(16)] public int RemovedWindowsRatingsToday { get; init; }

    /// <summary>The sum of the ratings given today at windows since removed.</summary>
    [Key(17)] public int RemovedWindowsRatingSumToday { get; init; }

    /// <summary>
    /// The appointment references checked in since the day opened, in check-in order (each gives one ticket a day).
    /// Null in a state saved before the hall kept them: the live tickets' references are taken instead.
    /// </summary>
    [Key(18)] public SavedCheckIn[]? CheckIns { get; init; }

    /// <summary>
    /// Per window, in the order of <see cref="Windows"/>: the ticket (id) whose service it finished last today, 0 when
    /// none since the day opened. Null in a state saved before the hall kept it: the hall then reads it from its tickets
    /// (<see cref="Hall.TryGetLastFinished"/>) until the next day opens.
    /// </summary>
    [Key(19)] public long[]? WindowsLastFinished { get; init; }

    /// <summary>
    /// Prefixes no category in <see cref="Categories"/> carries that gave numbers since the day opened (their category
    /// was removed, or took another prefix): each with the last number it gave, and the id of the category that gave
    /// it. A category that takes such a prefix later the same day goes on after that number, so no number is given
    /// twice in a day. Empty in a state saved before the hall kept them.
    /// </summary>
    [Key(20)] public SavedCategory[] RemovedCategories { get; init; } = [];

    /// <summary>
    /// The day figures of every clerk who opened a window since the day opened (and of the clerks still on a window from
    /// the day before). Empty in a state saved before the hall kept them: the clerks on windows then start from none.
    /// </summary>
    [Key(21)] public SavedClerk[] Clerks { get; init; } = [];

    /// <summary>Calls made today at windows since removed (recalls not counted): with <see cref="RemovedWindowsWaitTicksToday"/>,
    /// their part of <see cref="HallSnapshot.MeanWait"/>. 0 in a state saved before it was kept.</summary>
    [Key(22)] public int RemovedWindowsCallsToday { get; init; }

    /// <summary>The waits of today's calls at windows since removed, added up (ticks).</summary>
    [Key(23)] public long RemovedWindowsWaitTicksToday { get; init; }

    /// <summary>
    /// Whether the hall matches appointment references ignoring letter case and the white space around them (" ab12"
    /// checks in the appointment "AB12"): true in every state a hall saves since they are. False in a state saved
    /// before: a hall restored from it matches them exactly, as the saved hall did, so a journal written then replays to
    /// the same hall; an engine that recovers such a hall from its journal matches them ignoring case from then on.
    /// </summary>
    [Key(24)] public bool AppointmentReferencesIgnoreCase { get; init; }

    /// <summary>
    /// Per prefix, the last number a hall with this id gave before it was removed from the engine the same day (its
    /// category id is that hall's), for a hall added again with the id that has not opened its day since: its day, if it
    /// opens before <see cref="CarriedNumberingUntil"/>, numbers on after them (the citizens still hold those numbers).
    /// Empty when there is none, and in a state saved before it was kept.
    /// </summary>
    [Key(25)] public SavedCategory[] CarriedNumbering { get; init; } = [];

    /// <summary>Until when <see cref="CarriedNumbering"/> holds (UTC ticks): the first midnight, on the hall's clocks, after
    /// the removal. 0 when there is no carried numbering.</summary>
    [Key(26)] public long CarriedNumberingUntil { get; init; }

    /// <summary>
    /// Items no entry of <see cref="Services"/> holds that issued tickets since the day opened (a redefinition removed
    /// them): each with its id and <see cref="SavedService.IssuedToday"/>. An item added back the same day counts them
    /// against its <see cref="ServiceItem.DailyCap"/>, which is a cap per day. Empty in a state saved before it was kept.
    /// </summary>
    [Key(27)] public SavedService[] RemovedServices { get; init; } = [];

    /// <summary>
    /// With <see cref="CarriedNumbering"/>: per item, the tickets that removed hall issued on its last day (id and
    /// <see cref="SavedService.IssuedToday"/>), which count against the items' <see cref="ServiceItem.DailyCap"/> if the
    /// day opens before <see cref="CarriedNumberingUntil"/>. Empty when none, and in a state saved before it was kept.
    /// </summary>
    [Key(28)] public SavedService[] CarriedIssued { get; init; } = [];

    /// <summary>
    /// With <see cref="CarriedNumbering"/>: the appointment references that removed hall checked in on its last day (their
    /// ticket ids 0), refused as already checked in if the day opens before <see cref="CarriedNumberingUntil"/>. Empty
    /// when none, and in a state saved before it was kept.
    /// </summary>
    [Key(29)] public SavedCheckIn[] CarriedCheckIns { get; init; } = [];
}
