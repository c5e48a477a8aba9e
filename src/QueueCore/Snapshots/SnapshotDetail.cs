namespace QueueCore;

/// <summary>How much a <see cref="HallSnapshot"/> lists.</summary>
public enum SnapshotDetail
{
    /// <summary>
    /// Figures, windows, tickets at windows, the first waiting tickets in dispatch order, parked tickets, the open alerts:
    /// what terminals and dashboards show. Not <see cref="HallSnapshot.RecentlyFinished"/> (ask for <see cref="RecentCalls"/>).
    /// </summary>
    Full = 0,

    /// <summary>
    /// The figures only (services, windows and the tickets at them), without the waiting and parked tickets or the open
    /// alerts: what screens and kiosks refresh often, at a fraction of the cost on the hall's shard.
    /// </summary>
    Figures = 1,

    /// <summary>
    /// The services' figures only (waiting counts, longest wait, handling times, open windows), without windows or
    /// tickets: what a server refreshes for every hall's kiosks and screens a few times a second, at the least cost.
    /// </summary>
    Services = 2,

    /// <summary>
    /// The figures (as <see cref="Figures"/>) and the tickets that left the windows most recently
    /// (<see cref="HallSnapshot.RecentlyFinished"/>): with the tickets at windows, the calls a screen starting from the
    /// snapshot lists as recent. Only screens use them, so only this detail looks through the day's retired tickets.
    /// </summary>
    RecentCalls = 3,

    /// <summary>
    /// The figures (as <see cref="Figures"/>), the parked tickets and the open alerts (<see cref="HallSnapshot.OpenAlerts"/>),
    /// without the waiting tickets: what a dashboard's view of the hall and a clerk terminal's window information show,
    /// without the cost of listing the first waiting tickets they do not send.
    /// </summary>
    Parked = 4,

    /// <summary>
    /// The figures (as <see cref="Figures"/>) and every open alert (<see cref="HallSnapshot.OpenAlerts"/>, the wait-limit
    /// alerts past the first <see cref="Hall.SnapshotWaitAlerts"/> included): what a dashboard's live figures compare
    /// with the alerts they told, to tell which have closed. Costs what <see cref="Figures"/> costs and what finding the
    /// open alerts costs (see <see cref="HallSnapshot.OpenAlerts"/>), plus one <see cref="OpenAlert"/> per open alert.
    /// </summary>
    Alerts = 5,
}
