namespace QueueCore;

/// <summary>How much a <see cref="HallSnapshot"/> lists.</summary>
public enum SnapshotDetail
{
    /// <summary>Everything: figures, windows, tickets at windows, the first waiting tickets in dispatch order, parked tickets.</summary>
    Full = 0,

    /// <summary>
    /// The figures only (services, windows and the tickets at them), without the waiting and parked tickets: what
    /// screens and kiosks refresh often, at a fraction of the cost on the hall's shard.
    /// </summary>
    Figures = 1,

    /// <summary>
    /// The services' figures only (waiting counts, longest wait, handling times, open windows), without windows or
    /// tickets: what a server refreshes for every hall's kiosks and screens a few times a second, at the least cost.
    /// </summary>
    Services = 2,
}
