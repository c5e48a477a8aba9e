using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>The clerk's single "Next" key: finish the current item and call the next ticket in one command.</summary>
public class FinishAndCallNextTests
{
    [Fact]
    public void FinishAndCallNext_Serving_FinishesAndCallsTheNext()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        hall.Serve(1, 2);
        var r = hall.Do(HallCommand.FinishAndCallNext(1), 5);
        Assert.Equal((b, TicketState.Called, 1), (r.Ticket, r.State, r.Window));
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.TicketCompleted, HallEventKind.TicketCalled], hall.Kinds());
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 5));
    }

    [Fact]
    public void FinishAndCallNext_Idle_IsACallNext()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        Assert.Equal(a, hall.Do(HallCommand.FinishAndCallNext(1), 1).Ticket);
        Assert.Equal([HallEventKind.TicketCalled], hall.Kinds());
    }

    [Fact]
    public void FinishAndCallNext_ServingNothingElseWaits_FinishesAndReportsTheIdleWindow()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        var r = hall.Do(HallCommand.FinishAndCallNext(1), 2);
        Assert.Equal((0L, 1, TicketState.None), (r.Ticket, r.Window, r.State));
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 2));
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 2).State);
    }

    [Fact]
    public void FinishAndCallNext_IdleNothingWaits_RefusedChangingNothing() =>
        Open(OneItem(), 1).Reject(HallCommand.FinishAndCallNext(1), 0, QueueError.NothingWaiting);

    [Fact]
    public void FinishAndCallNext_Called_ServedFromItsCallAndTheNextCalled()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Call(1, 1);
        var r = hall.Do(HallCommand.FinishAndCallNext(1), 4); // a terminal with one "Next" key: no start was pressed
        Assert.Equal(b, r.Ticket);
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.TicketCompleted, HallEventKind.TicketCalled], hall.Kinds());
        Assert.Equal(180, hall.Single(HallEventKind.ServiceFinished).Value); // three minutes from the call
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 4));
    }

    [Fact]
    public void FinishAndCallNext_PausedWindow_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(HallCommand.PauseWindow(1), 1);
        hall.Reject(HallCommand.FinishAndCallNext(1), 2, QueueError.WindowNotOpen);
    }

    [Fact]
    public void FinishAndCallNext_NextItemOfTheSameVisit_CalledBackToTheSameWindow()
    {
        var hall = Open(Small(), 1);
        var visit = hall.Issue(0, new ServiceItemList([1, 2]));
        hall.Issue(1, 1);
        hall.Serve(1, 2);
        Assert.Equal(visit, hall.Do(HallCommand.FinishAndCallNext(1), 3).Ticket); // it keeps its standing for item 2
        Assert.Equal(2, hall.Single(HallEventKind.TicketCalled).Service);
    }
}
