namespace QueueCore;

/// <summary>Where a window is.</summary>
public enum WindowState : byte
{
    /// <summary>Closed: no clerk.</summary>
    Closed = 0,

    /// <summary>Open with no ticket: may call next (or is assigned one, in auto mode).</summary>
    Idle,

    /// <summary>A ticket was called; waiting for the citizen.</summary>
    Calling,

    /// <summary>Serving a ticket.</summary>
    Serving,

    /// <summary>Paused (break, meeting, too many unanswered calls).</summary>
    Paused,
}
