namespace QueueCore;

/// <summary>A point-in-time view of a hall for screens and dashboards (taken on the hall's thread, then immutable).</summary>
public sealed record HallSnapshot
{
    /// <summary>The hall's id.</summary>
    public required string HallId { get; init; }

    /// <summary>The sequence number of the last event included: events after it follow this snapshot.</summary>
    public required long Sequence { get; init; }

    /// <summary>
    /// With <see cref="RenumberedThrough"/>: the sequence numbers after this one, up to <see cref="RenumberedThrough"/>,
    /// were given to other events before a restore took the hall back to an earlier state
    /// (<see cref="HallHandle.RestoreAsync"/>), and are given again by the restored hall. A reader that last saw one of
    /// them cannot be told what it missed (it saw events of the timeline the restore left): it starts over from a
    /// snapshot. One range over every restore of the hall since the engine started (it may cover a few numbers only one
    /// timeline gave). Both 0 when no restore gave a number twice; always 0 in a snapshot taken from a
    /// <see cref="Hall"/> outside an engine.
    /// </summary>
    public long RenumberedAfter { get; init; }

    /// <summary>The last sequence number a restore gave out twice (see <see cref="RenumberedAfter"/>); 0 when none.</summary>
    public long RenumberedThrough { get; init; }

    /// <summary>When the snapshot was taken (hall clock).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Whether the hall day is open for issuing.</summary>
    public required bool DayOpen { get; init; }

    /// <summary>Per service item: tickets waiting, by class, and the longest wait.</summary>
    public required IReadOnlyList<ServiceQueueSnapshot> Services { get; init; }

    /// <summary>Every window, its state and its figures for the day; empty in a <see cref="SnapshotDetail.Services"/> snapshot.</summary>
    public required IReadOnlyList<WindowSnapshot> Windows { get; init; }

    /// <summary>Tickets called to or being served at a window; empty in a <see cref="SnapshotDetail.Services"/> snapshot.</summary>
    public required IReadOnlyList<TicketSnapshot> AtWindows { get; init; }

    /// <summary>In a <see cref="SnapshotDetail.Full"/> snapshot (empty in the others): tickets waiting in item queues, in
    /// the order a comprehensive window opened now would call them (overdue first, then by standing, a normal ticket
    /// taken out of standing order where the hall's interleave rule owes one; at most the first
    /// <see cref="Hall.SnapshotWaitingTickets"/>). Tickets sent to a window wait in its own queue
    /// (<see cref="WindowSnapshot.QueueLength"/>, <see cref="Hall.GetWindowQueue(int, System.DateTimeOffset, int, int)"/>).</summary>
    public required IReadOnlyList<TicketSnapshot> Waiting { get; init; }

    /// <summary>In a <see cref="SnapshotDetail.Full"/> or <see cref="SnapshotDetail.Parked"/> snapshot (empty in the others):
    /// parked tickets, in the order they come back.</summary>
    public IReadOnlyList<TicketSnapshot> Parked { get; init; } = [];

    /// <summary>
    /// In a <see cref="SnapshotDetail.Full"/>, <see cref="SnapshotDetail.Parked"/> or <see cref="SnapshotDetail.Alerts"/>
    /// snapshot (empty in the others, which screens and kiosks refresh often): the alerts open at <see cref="Time"/>,
    /// those whose event is at or before <see cref="Sequence"/> and whose condition still holds (<see cref="OpenAlert"/>
    /// says what "open" means for each kind); an alert raised after the snapshot comes as an event. By kind: wait limits
    /// (the longest wait first, then by ticket id; at most the first <see cref="Hall.SnapshotWaitAlerts"/>, every one in
    /// an <see cref="SnapshotDetail.Alerts"/> snapshot; <see cref="OpenWaitAlerts"/> counts them all), queue lengths (the
    /// most waiting first, then by item id), service times and idle windows (the longest first, then by window id).
    /// </summary>
    public IReadOnlyList<OpenAlert> OpenAlerts { get; init; } = [];

    /// <summary>The wait-limit alerts open in all (<see cref="OpenAlerts"/> lists at most
    /// <see cref="Hall.SnapshotWaitAlerts"/> of them but in an <see cref="SnapshotDetail.Alerts"/> snapshot); 0 in a
    /// snapshot that leaves the alerts out.</summary>
    public int OpenWaitAlerts { get; init; }

    /// <summary>Tickets waiting in all.</summary>
    public int TotalWaiting { get; init; }

    /// <summary>
    /// In a <see cref="SnapshotDetail.RecentCalls"/> snapshot (empty in the others): the tickets that left the windows
    /// for good today most recently, newest first (at most <see cref="Hall.SnapshotRecentlyFinished"/>): completed, with
    /// the window that finished their last item, and dropped as no-shows, with the window that called them
    /// (<see cref="TicketSnapshot.Window"/>), each with when it was last called there (<see cref="TicketSnapshot.CalledAt"/>).
    /// With <see cref="AtWindows"/>, the calls a screen that starts from a snapshot (after a restart) can list as recent;
    /// a recalled ticket's with its latest recall's time (and <see cref="TicketSnapshot.Recalls"/>), not its earlier calls, nor the calls of tickets that went on waiting (a re-queued
    /// no-show, a transfer, a next item). Empty when the day's opening is not known (a hall restored from a state saved
    /// before it was kept); a no-show restored from a state saved before no-shows kept their window is left out.
    /// </summary>
    public IReadOnlyList<TicketSnapshot> RecentlyFinished { get; init; } = [];

    /// <summary>Services finished today at the hall's windows, those removed since included (the sum of
    /// <see cref="WindowSnapshot.ServedToday"/> leaves a removed window's day out).</summary>
    public int ServedToday { get; init; }

    /// <summary>Ratings given today at the hall's windows, those removed since included.</summary>
    public int RatingsToday { get; init; }

    /// <summary>
    /// Every clerk who opened a window today (and those still on a window from the day before), ordered by staff number,
    /// with their figures over every window they worked (<see cref="ClerkSnapshot"/>). Empty in a
    /// <see cref="SnapshotDetail.Services"/> snapshot, which leaves the windows out.
    /// </summary>
    public IReadOnlyList<ClerkSnapshot> Clerks { get; init; } = [];

    /// <summary>The mean of <see cref="RatingsToday"/>, 1 (very dissatisfied) to 5 (very satisfied); 0 when there is none.</summary>
    public double MeanRating { get; init; }

    /// <summary>
    /// The mean time the tickets called today, at any window (those removed since included), had waited before their call,
    /// counted as <see cref="WindowSnapshot.MeanWait"/> counts a window's: each call once, with the time waited in the
    /// queue it was called from. The mean over every call, not of the windows' means; zero when none was called.
    /// </summary>
    public TimeSpan MeanWait { get; init; }
}
