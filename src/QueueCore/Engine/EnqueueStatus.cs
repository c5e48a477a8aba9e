namespace QueueCore;

/// <summary>What happened to an offer to an <see cref="IngressRing"/>.</summary>
internal enum EnqueueStatus
{
    /// <summary>Queued; the shard will take it.</summary>
    Queued,

    /// <summary>The ring was full at the moment of the offer.</summary>
    Full,

    /// <summary>The ring is closed (engine shutting down); nothing more is accepted.</summary>
    Closed,
}
