namespace QueueCore.Simulation;

/// <summary>What the hall does with a citizen who does not come when called, as the engine's <see cref="NoShowPolicy"/>.</summary>
public sealed record NoShowScenario
{
    /// <summary>A no-show is re-queued this many places back in its queue (0: it keeps its standing). Default 3.</summary>
    public int RequeuePlacesBack { get; set; } = 3;

    /// <summary>A ticket that has been a no-show this many times is dropped instead of re-queued (1: never re-queued).
    /// Default 2.</summary>
    public int MaxNoShows { get; set; } = 2;
}
