using System.Text.Json.Serialization;

namespace QueueCore;

/// <summary>How a parked ticket (waiting for a missing document) comes back to the queue.</summary>
public sealed record ParkPolicy
{
    /// <summary>A parked ticket resumes by itself after this long. Null: only by hand. A ticket keeps the return time it
    /// got when parked (the <see cref="HallEventKind.Parked"/> event announced it): a redefinition that changes this
    /// applies to tickets parked afterwards.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // null is a setting here, not the default: written, so it reads back
    public TimeSpan? AutoResumeAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Standing a resumed ticket gains, as a head start on top of what it had.</summary>
    public TimeSpan ResumeHeadStart { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether the ticket returns to the window that parked it rather than to the item's queue, unless that window is
    /// closed by then. A paused window counts as not closed: the ticket waits in its own queue, and the window calls it
    /// first when it resumes (if the window is closed instead, the ticket goes back to its item's queue, keeping its wait).
    /// </summary>
    public bool ReturnToSameWindow { get; init; } = true;
}
