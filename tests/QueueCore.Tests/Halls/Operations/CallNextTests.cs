using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class CallNextTests
{
    [Fact]
    public void CallNext_UnknownWindow_UnknownWindow()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0);
        var r = hall.Reject(HallCommand.CallNext(42), 1, QueueError.UnknownWindow);
        Assert.Contains("42", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CallNext_ClosedWindow_WindowNotOpen()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0);
        hall.Reject(HallCommand.CallNext(2), 1, QueueError.WindowNotOpen);
    }

    [Fact]
    public void CallNext_PausedWindow_WindowNotOpen()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.PauseWindow(1, "lunch"), 0);
        hall.Issue(0);
        hall.Reject(HallCommand.CallNext(1), 1, QueueError.WindowNotOpen);
    }

    [Fact]
    public void CallNext_WhileCalling_WindowWrongState()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0);
        hall.Issue(0);
        hall.Call(1, 1);
        hall.Reject(HallCommand.CallNext(1), 2, QueueError.WindowWrongState);
    }

    [Fact]
    public void CallNext_WhileServing_WindowWrongState()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0);
        hall.Issue(0);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.CallNext(1), 2, QueueError.WindowWrongState);
    }

    [Fact]
    public void CallNext_EmptyHall_NothingWaiting()
    {
        var hall = Open(Small(), 1);
        hall.Reject(HallCommand.CallNext(1), 0, QueueError.NothingWaiting);
    }

    [Fact]
    public void CallNext_OnlyOtherItemsWait_NothingWaiting()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, 3); // window 1 does not serve item 3
        hall.Reject(HallCommand.CallNext(1), 1, QueueError.NothingWaiting);
    }

    [Fact]
    public void CallNext_SameClass_FirstIssuedFirst()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        var r = hall.Do(HallCommand.CallNext(1), 2);
        Assert.Equal(a, r.Ticket);
        Assert.Equal(TicketState.Called, r.State);
        Assert.Equal(1, r.Window);
        Assert.Equal(1, r.Service);
        Assert.Equal("A001", r.Number.ToString());
        var e = hall.Single(HallEventKind.TicketCalled);
        Assert.Equal((a, 1, 1), (e.Ticket, e.Window, e.Service));
        Assert.Equal(0, hall.Query(b, 2).Position);
    }

    [Fact]
    public void CallNext_SeveralPrimaryItems_BestAcrossAllOfThem()
    {
        var hall = Open(Small(), 1);
        var seal = hall.Issue(0, 2);
        var registration = hall.Issue(1, 1);
        Assert.Equal(seal, hall.Call(1, 2));
        hall.Do(HallCommand.StartServing(1), 2);
        hall.Do(HallCommand.Finish(1), 3);
        Assert.Equal(registration, hall.Call(1, 3));
    }

    [Fact]
    public void CallNext_TwoWindows_NeverCallTheSameTicket()
    {
        var hall = Open(Small(), 1, 2, 3);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        Assert.Equal(a, hall.Call(1, 1));
        Assert.Equal(b, hall.Call(2, 1));
        Assert.Equal(0, hall.TotalWaiting);
        hall.Reject(HallCommand.CallNext(3), 30, QueueError.NothingWaiting);
    }

    [Fact]
    public void CallNext_CalledTicket_ShownAtTheWindow()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        var s = hall.GetSnapshot(At(1));
        var w = s.Windows.Single(x => x.Window == 1);
        Assert.Equal(WindowState.Calling, w.State);
        Assert.Equal(a, w.Ticket);
        var at = Assert.Single(s.AtWindows);
        Assert.Equal((a, TicketState.Called, 1), (at.Ticket, at.State, at.Window));
        Assert.Empty(s.Waiting);
    }
}
