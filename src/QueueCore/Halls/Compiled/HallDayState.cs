namespace QueueCore;

/// <summary>Where the hall day is.</summary>
internal enum HallDayState : byte
{
    /// <summary>No day open: no tickets issued.</summary>
    Closed = 0,

    /// <summary>Issuing and serving.</summary>
    Open,

    /// <summary>Closed for issuing; windows still serve the tickets already issued.</summary>
    ServingRemaining,
}
