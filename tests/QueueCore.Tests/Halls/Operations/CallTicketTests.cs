using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class CallTicketTests
{
    [Fact]
    public void CallTicket_WaitingTicket_CalledOutOfOrder()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        var r = hall.Do(HallCommand.CallTicket(1, b), 2);
        Assert.Equal((b, TicketState.Called, 1), (r.Ticket, r.State, r.Window));
        Assert.Equal(b, hall.Single(HallEventKind.TicketCalled).Ticket);
        Assert.Equal([a], hall.WaitingOrder(2));
    }

    [Fact]
    public void CallTicket_UnknownTicket_UnknownTicket()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0);
        hall.Reject(HallCommand.CallTicket(1, 987654321), 1, QueueError.UnknownTicket);
    }

    [Fact]
    public void CallTicket_UnknownWindow_UnknownWindow()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        hall.Reject(HallCommand.CallTicket(9, a), 1, QueueError.UnknownWindow);
    }

    [Fact]
    public void CallTicket_ClosedWindow_WindowNotOpen()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        hall.Reject(HallCommand.CallTicket(2, a), 1, QueueError.WindowNotOpen);
    }

    [Fact]
    public void CallTicket_WindowBusy_WindowWrongState()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0);
        var b = hall.Issue(0);
        hall.Call(1, 1);
        hall.Reject(HallCommand.CallTicket(1, b), 1, QueueError.WindowWrongState);
    }

    [Fact]
    public void CallTicket_AlreadyCalledElsewhere_TicketWrongState()
    {
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Reject(HallCommand.CallTicket(2, a), 1, QueueError.TicketWrongState);
    }

    [Fact]
    public void CallTicket_CompletedTicket_TicketWrongState()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Reject(HallCommand.CallTicket(1, a), 3, QueueError.TicketWrongState);
    }

    [Fact]
    public void CallTicket_DroppedAsANoShow_RefusedSayingItIsANoShow()
    {
        // The clerk read "Ticket A001 is not waiting (it is noshow)."
        var hall = Open(OneItem(d => d with { NoShow = new() { MaxNoShows = 1 } }), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1), 2);
        var r = hall.Reject(HallCommand.CallTicket(1, a), 3, QueueError.TicketWrongState);
        Assert.Equal("Ticket A001 is not waiting (it is a no-show).", r.Message);
    }

    [Fact]
    public void CallTicket_ItemNotAmongWindowSkills_NotEligible()
    {
        var hall = Open(Small(), 3);
        var seal = hall.Issue(0, 2);
        hall.Reject(HallCommand.CallTicket(3, seal), 1, QueueError.NotEligible);
    }

    [Fact]
    public void CallTicket_OverflowSkill_DelayIgnored()
    {
        var hall = Open(Small(), 3);
        var a = hall.Issue(0, 1); // window 3 takes item 1 as overflow after 10 minutes, but may call it by hand at once
        hall.Reject(HallCommand.CallNext(3), 0, QueueError.NothingWaiting);
        Assert.Equal(a, hall.Do(HallCommand.CallTicket(3, a), 0).Ticket);
    }

    [Fact]
    public void CallTicket_InOwnQueue_EligibleWithoutTheSkill()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        var seal = hall.Issue(0, 2);
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        // A transfer goes only to a window that serves the item; the skill may be taken from the window after.
        hall = hall.Redefine(d with { Windows = [.. d.Windows.Select(w => w.Id == 2 ? w with { Skills = [new() { Service = 1 }] } : w)] }, At(2));
        Assert.Equal(seal, hall.Do(HallCommand.CallTicket(2, seal), 3).Ticket);
    }

    [Fact]
    public void CallTicket_InAnotherWindowsQueue_NotEligible()
    {
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        var r = hall.Reject(HallCommand.CallTicket(1, a), 3, QueueError.NotEligible);
        Assert.Contains("another window", r.Message, StringComparison.Ordinal);
    }
}
