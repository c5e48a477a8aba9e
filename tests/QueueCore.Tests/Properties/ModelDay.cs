namespace QueueCore.Tests.Properties;

/// <summary>Where the model's hall day is.</summary>
internal enum ModelDay
{
    /// <summary>No day open (before the first, or after a close that cancelled what waited).</summary>
    Closed,

    /// <summary>Issuing and serving.</summary>
    Open,

    /// <summary>Closed for issuing; the windows serve what was issued.</summary>
    ServingRemaining,
}
