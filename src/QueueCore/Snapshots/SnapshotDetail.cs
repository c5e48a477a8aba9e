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
}
