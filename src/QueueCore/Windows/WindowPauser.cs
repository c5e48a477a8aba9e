namespace QueueCore;

/// <summary>Who paused a window (<see cref="WindowSnapshot.PausedBy"/>).</summary>
public enum WindowPauser
{
    /// <summary>The window is not paused.</summary>
    None = 0,

    /// <summary>Its clerk: <see cref="HallCommand.PauseWindow"/>, <see cref="HallCommand.FinishAndPause"/> or
    /// <see cref="HallCommand.NoShowAndPause"/>. The clerk or the hall manager resumes it.</summary>
    Clerk = 1,

    /// <summary>The hall itself, after <see cref="NoShowPolicy.PauseWindowAfter"/> calls in a row went unanswered
    /// (<see cref="WindowSnapshot.PausedAfterUnansweredCalls"/> says how many). The clerk or the hall manager resumes it.</summary>
    Hall = 2,

    /// <summary>The hall manager: <see cref="HallCommand.PauseWindowAsManager"/>. Only the manager resumes it
    /// (<see cref="HallCommand.ResumeWindowAsManager"/>); its clerk may still close the window.</summary>
    Manager = 3,
}
