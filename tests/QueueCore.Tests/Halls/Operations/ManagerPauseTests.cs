using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>The hall manager's pause: recorded as the manager's, resumed by the manager only, kept across a restore.</summary>
public class ManagerPauseTests
{
    [Fact]
    public void PauseWindowAsManager_IdleWindow_PausedByTheManager()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.PauseWindowAsManager(1, "staff meeting"), 1);
        var e = hall.Single(HallEventKind.WindowPaused);
        Assert.Equal(HallEvent.PausedByManager, e.Value);
        var w = hall.WindowView(1, 1);
        Assert.Equal((WindowState.Paused, WindowPauser.Manager, "staff meeting", 0), (w.State, w.PausedBy, w.PauseReason, w.PausedAfterUnansweredCalls));
    }

    [Fact]
    public void PausedBy_ClerksAndHallsPauses_SaySo()
    {
        var hall = Open(Small(), 1, 2);
        Assert.Equal(WindowPauser.None, hall.WindowView(1).PausedBy);
        hall.Do(HallCommand.PauseWindow(1, "break"), 1);
        Assert.Equal(WindowPauser.Clerk, hall.WindowView(1, 1).PausedBy);
    }

    [Fact]
    public void ResumeWindow_ByTheClerkAfterTheManagersPause_RefusedNamingTheManager()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.PauseWindowAsManager(1, "staff meeting"), 1);
        var r = hall.Reject(HallCommand.ResumeWindow(1), 2, QueueError.WindowWrongState);
        Assert.Equal("Window 1 was paused by the hall manager (staff meeting); only the manager may resume it.", r.Message);
        hall.Do(HallCommand.ResumeWindowAsManager(1), 3);
        Assert.Equal((WindowState.Idle, WindowPauser.None), (hall.WindowView(1, 3).State, hall.WindowView(1, 3).PausedBy));
    }

    [Fact]
    public void ResumeWindowAsManager_ClerksPause_Resumes()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.PauseWindow(1, "break"), 1);
        hall.Do(HallCommand.ResumeWindowAsManager(1), 2);
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 2).State);
        hall.Reject(HallCommand.ResumeWindowAsManager(1), 3, QueueError.WindowWrongState); // not paused
    }

    [Fact]
    public void PauseWindowAsManager_WindowTheClerkPaused_TakesThePauseOver()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.PauseWindow(1, "break"), 1);
        hall.Do(HallCommand.PauseWindowAsManager(1, "sent to window 7"), 2);
        Assert.Equal(HallEvent.PausedByManager, hall.Single(HallEventKind.WindowPaused).Value);
        var w = hall.WindowView(1, 2);
        Assert.Equal((WindowPauser.Manager, "sent to window 7"), (w.PausedBy, w.PauseReason));
        hall.Reject(HallCommand.ResumeWindow(1), 3, QueueError.WindowWrongState);
    }

    [Fact]
    public void PauseWindowAsManager_WindowTheManagerPaused_SameAnswerNothingChanges()
    {
        // A manager who clicks Pause again (or a dashboard that retries without a request id) is told the window is
        // paused, not "Window 1 is paused." as a refusal: the window is as the manager wants it.
        var hall = Open(Small(), 1);
        var first = hall.Do(HallCommand.PauseWindowAsManager(1, "staff meeting"), 1);
        var sequence = hall.Sequence;
        var again = hall.Do(HallCommand.PauseWindowAsManager(1, "staff meeting"), 2);
        Assert.Equal((first.Window, first.Ticket), (again.Window, again.Ticket));
        Assert.Empty(hall.Events());
        Assert.Equal(sequence, hall.Sequence);
        var w = hall.WindowView(1, 2);
        Assert.Equal((WindowState.Paused, WindowPauser.Manager, "staff meeting"), (w.State, w.PausedBy, w.PauseReason));
        hall.Reject(HallCommand.ResumeWindow(1), 3, QueueError.WindowWrongState); // still the manager's to resume
    }

    [Fact]
    public void PauseWindowAsManager_WindowTheManagerPausedWithAnotherReason_ReasonReplaced()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.PauseWindowAsManager(1, "staff meeting"), 1);
        hall.Do(HallCommand.PauseWindowAsManager(1, "meeting runs late"), 2);
        Assert.Equal(HallEvent.PausedByManager, hall.Single(HallEventKind.WindowPaused).Value);
        var w = hall.WindowView(1, 2);
        Assert.Equal((WindowState.Paused, WindowPauser.Manager, "meeting runs late"), (w.State, w.PausedBy, w.PauseReason));
        hall.Do(HallCommand.ResumeWindowAsManager(1), 3);
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 3).State);
    }

    [Fact]
    public void PauseWindowAsManager_ClosedWindow_RefusedSayingItIsClosed()
    {
        var hall = Open(Small(), 1);
        var r = hall.Reject(HallCommand.PauseWindowAsManager(2, "audit"), 1, QueueError.WindowNotOpen);
        Assert.Equal("Window 2 is closed: there is nothing to pause until its clerk opens it.", r.Message);
        hall.Do(HallCommand.PauseWindowAsManager(1), 1);
        hall.Do(HallCommand.CloseWindow(1), 2);
        r = hall.Reject(HallCommand.PauseWindowAsManager(1), 3, QueueError.WindowNotOpen);
        Assert.Equal("Window 1 is closed: there is nothing to pause until its clerk opens it.", r.Message);
    }

    [Fact]
    public void PauseWindowAsManager_WindowWithATicketOrClosed_Refused()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, 1);
        hall.Serve(1, 1);
        var r = hall.Reject(HallCommand.PauseWindowAsManager(1), 2, QueueError.WindowWrongState);
        Assert.Contains("finish, park or transfer it first", r.Message, StringComparison.Ordinal);
        hall.Reject(HallCommand.PauseWindowAsManager(2), 2, QueueError.WindowNotOpen);
    }

    [Fact]
    public void CloseWindow_AfterTheManagersPause_AllowedAndTheNextOpeningIsNotPaused()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.PauseWindowAsManager(1), 1);
        hall.Do(HallCommand.CloseWindow(1), 2);
        hall.Do(HallCommand.OpenWindow(1, clerk: 5), 3);
        hall.Do(HallCommand.PauseWindow(1), 4);
        Assert.Equal(WindowPauser.Clerk, hall.WindowView(1, 4).PausedBy);
        hall.Do(HallCommand.ResumeWindow(1), 5);
    }

    [Fact]
    public void Restore_ManagersPause_KeptSoTheClerkStillCannotResume()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.PauseWindowAsManager(1, "audit"), 1);
        var restored = Hall.Restore(hall.Definition, hall.SaveState());
        Assert.Equal(WindowPauser.Manager, restored.WindowView(1, 2).PausedBy);
        restored.Reject(HallCommand.ResumeWindow(1), 2, QueueError.WindowWrongState);
    }
}
