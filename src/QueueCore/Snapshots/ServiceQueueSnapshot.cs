namespace QueueCore;

/// <summary>The queue of one service item.</summary>
public sealed record ServiceQueueSnapshot
{
    /// <summary>The item id.</summary>
    public required int Service { get; init; }

    /// <summary>The item's name.</summary>
    public required string Name { get; init; }

    /// <summary>Tickets waiting for the item: in its queue, or sent to a window's own queue (transferred or returned
    /// there), so the services' counts add up to the hall's <see cref="HallSnapshot.TotalWaiting"/>.</summary>
    public required int Waiting { get; init; }

    /// <summary>Tickets waiting, by priority class id (classes with none are left out).</summary>
    public required IReadOnlyDictionary<string, int> WaitingByClass { get; init; }

    /// <summary>The longest current wait (by standing) among them.</summary>
    public required TimeSpan LongestWait { get; init; }

    /// <summary>Tickets issued for the item today.</summary>
    public required int IssuedToday { get; init; }

    /// <summary>The moving average of handling time.</summary>
    public required TimeSpan AverageHandlingTime { get; init; }

    /// <summary>Open windows that serve the item as a primary skill.</summary>
    public int OpenWindows { get; init; }
}
