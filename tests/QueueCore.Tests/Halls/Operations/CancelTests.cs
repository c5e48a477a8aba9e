using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class CancelTests
{
    [Fact]
    public void Cancel_Waiting_LeavesQueue()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        var r = hall.Do(HallCommand.Cancel(a, "left the hall"), 2);
        Assert.Equal((a, TicketState.Cancelled), (r.Ticket, r.State));
        var e = hall.Single(HallEventKind.Cancelled);
        Assert.Equal((a, (int)CancelCause.Requested, 0), (e.Ticket, e.Value, e.Window));
        Assert.Equal([b], hall.WaitingOrder(2));
        Assert.Equal(0, hall.Query(b, 2).Position);
        Assert.Equal(1, hall.ServiceView(1, 2).Waiting);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(a, 2));
    }

    [Fact]
    public void Cancel_Called_WindowBecomesIdle()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.Cancel(a), 2);
        Assert.Equal(1, hall.Single(HallEventKind.Cancelled).Window);
        var w = hall.WindowView(1, 2);
        Assert.Equal((WindowState.Idle, 0L), (w.State, w.Ticket));
        Assert.Empty(hall.GetSnapshot(At(2)).AtWindows);
    }

    [Fact]
    public void Cancel_CalledAtAutoWindow_WindowCallsNext()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, 3, auto: true), 0);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Do(HallCommand.Cancel(a), 1);
        Assert.Equal([HallEventKind.Cancelled, HallEventKind.TicketCalled], hall.Kinds());
        Assert.Equal(b, hall.WindowView(1, 1).Ticket);
    }

    [Fact]
    public void Cancel_Parked_Cancelled()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1), 2);
        Assert.Equal(TicketState.Cancelled, hall.Do(HallCommand.Cancel(a), 3).State);
        hall.Do(HallCommand.Tick(), 40); // past the auto-resume delay: a cancelled ticket does not come back
        Assert.Empty(hall.Events());
        Assert.Equal(0, hall.TotalWaiting);
    }

    [Fact]
    public void Cancel_Serving_TicketWrongState()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        var r = hall.Reject(HallCommand.Cancel(a), 2, QueueError.TicketWrongState);
        Assert.Contains("being served at window 1", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_FinishedOrCancelled_TicketWrongState()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Reject(HallCommand.Cancel(a), 3, QueueError.TicketWrongState);
        hall.Do(HallCommand.Cancel(b), 3);
        hall.Reject(HallCommand.Cancel(b), 4, QueueError.TicketWrongState);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(123456789L)]
    public void Cancel_UnknownTicket_UnknownTicket(long ticket)
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Reject(HallCommand.Cancel(ticket), 1, QueueError.UnknownTicket);
    }
}
