using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>A clerk's shift end or break on an auto-mode window: finish the ticket in hand and pause, without the hall
/// pushing the next ticket to the window.</summary>
public class FinishAndPauseTests
{
    [Fact]
    public void FinishAndPause_AutoWindowWithTicketsWaiting_PausesInsteadOfCalling()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, clerk: 7, auto: true), 0);
        var a = hall.Issue(0); // pushed to the idle auto window
        var b = hall.Issue(1);
        hall.Do(HallCommand.StartServing(1), 1);

        var r = hall.Do(HallCommand.FinishAndPause(1, "lunch"), 5);

        Assert.True(r.IsSuccess);
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.TicketCompleted, HallEventKind.WindowPaused], hall.Kinds());
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 5));
        Assert.Equal(TicketState.Waiting, hall.StateOf(b, 5));
        Assert.Equal(WindowState.Paused, hall.WindowView(1, 5).State);
        Assert.Equal("lunch", hall.WindowView(1, 5).PauseReason);
    }

    [Fact]
    public void FinishAndPause_ThenResume_TheWindowCallsTheWaitingTicket()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, clerk: 7, auto: true), 0);
        hall.Issue(0);
        var b = hall.Issue(1);
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Do(HallCommand.FinishAndPause(1), 5);

        hall.Do(HallCommand.ResumeWindow(1), 30);

        Assert.Equal(TicketState.Called, hall.StateOf(b, 30));
    }

    [Fact]
    public void FinishAndPause_ThenClose_Allowed()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, clerk: 7, auto: true), 0);
        hall.Issue(0);
        hall.Issue(1);
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Do(HallCommand.FinishAndPause(1), 5);
        Assert.True(hall.Do(HallCommand.CloseWindow(1), 5).IsSuccess);
    }

    [Fact]
    public void FinishAndPause_TicketCalledNotStarted_FinishedFromItsCallAndPaused()
    {
        // As the single "Next" key (FinishAndCallNext): a called ticket counts as served from its call.
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, clerk: 7, auto: true), 0);
        var a = hall.Issue(0); // pushed to the idle auto window, not started
        var b = hall.Issue(1);

        var r = hall.Do(HallCommand.FinishAndPause(1, "lunch"), 5);

        Assert.True(r.IsSuccess, r.Message);
        Assert.Equal(a, r.Ticket);
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 5));
        Assert.Equal(TicketState.Waiting, hall.StateOf(b, 5));
        Assert.Equal(WindowState.Paused, hall.WindowView(1, 5).State);
    }

    [Fact]
    public void FinishAndPause_NotServing_RefusedChangingNothing() =>
        Open(OneItem(), 1).Reject(HallCommand.FinishAndPause(1), 0, QueueError.WindowWrongState);
}
