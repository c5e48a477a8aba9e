using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>A transfer to a window: to one that may serve the ticket's item, open; what a clerk sees otherwise.</summary>
public class TransferToWindowTargetTests
{
    [Fact]
    public void TransferToWindow_TargetLacksTheItemsSkill_RefusedNamingWindowAndItem()
    {
        var hall = Open(Small(), 1, 3);
        hall.Issue(0, 2); // Seal: window 3 serves social insurance, and registration as overflow, not seals
        hall.Serve(1, 1);
        var r = hall.Reject(HallCommand.TransferToWindow(1, 3), 2, QueueError.NotEligible);
        Assert.Contains("Window 3 does not serve item 2 (Seal)", r.Message, StringComparison.Ordinal);
        Assert.Contains("A001", r.Message, StringComparison.Ordinal);
        Assert.Equal(WindowState.Serving, hall.WindowView(1, 2).State); // nothing changed: the clerk still has the ticket
    }

    [Fact]
    public void TransferToWindow_TargetServesTheItemAsOverflow_Accepted()
    {
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, 1); // registration: window 3's overflow skill
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 3), 2);
        Assert.Equal(a, hall.Call(3, 3)); // its own queue: no overflow delay for a ticket handed to it
    }

    [Fact]
    public void TransferToWindow_ClosedTarget_RefusedSayingWhatToDoInstead()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, 1);
        hall.Serve(1, 1);
        var r = hall.Reject(HallCommand.TransferToWindow(1, 2), 2, QueueError.WindowNotOpen);
        Assert.Contains("Window 2 is closed", r.Message, StringComparison.Ordinal);
        Assert.Contains("transfer A001 to an open window, or to an item", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransferToWindow_Itself_RefusedSayingWhatToDoInstead()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, 1);
        hall.Serve(1, 1);
        var r = hall.Reject(HallCommand.TransferToWindow(1, 1), 2, QueueError.InvalidArgument);
        Assert.Contains("already at window 1", r.Message, StringComparison.Ordinal);
        Assert.Contains("park it", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransferToWindow_PausedTarget_WaitsForItAndIsCalledFirstOnResume()
    {
        var hall = Open(Small(), 1, 2);
        var older = hall.Issue(0, 1);
        var a = hall.Issue(1, 1);
        hall.Do(HallCommand.PauseWindow(2, "break"), 1);
        hall.Do(HallCommand.CallTicket(1, a), 2);
        var r = hall.Do(HallCommand.TransferToWindow(1, 2), 3);
        Assert.Equal((a, TicketState.Waiting), (r.Ticket, r.State));
        Assert.Equal(1, hall.WindowView(2, 3).QueueLength);
        Assert.Equal(older, hall.Call(1, 4)); // window 1 cannot call it: it is window 2's
        hall.Do(HallCommand.ResumeWindow(2), 5);
        Assert.Equal(a, hall.Call(2, 5));
    }
}
