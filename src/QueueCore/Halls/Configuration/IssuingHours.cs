namespace QueueCore;

/// <summary>A span of hall-local time in which tickets for an item may be issued; <see cref="From"/> inclusive, <see cref="To"/> exclusive.</summary>
public sealed record IssuingHours
{
    /// <summary>Start (inclusive), hall-local.</summary>
    public required TimeOnly From { get; init; }

    /// <summary>End (exclusive), hall-local.</summary>
    public required TimeOnly To { get; init; }
}
