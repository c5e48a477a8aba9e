using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class TransferTests
{
    [Fact]
    public void TransferToService_Serving_WaitsForNewItemKeepingStanding()
    {
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, 1);
        var social = hall.Issue(1, 3);
        hall.Serve(1, 2);
        var r = hall.Do(HallCommand.TransferToService(1, 3), 5);
        Assert.Equal((a, TicketState.Waiting, 3, 0), (r.Ticket, r.State, r.Service, r.Window));
        var e = hall.Single(HallEventKind.Transferred);
        Assert.Equal((a, 1, 3), (e.Ticket, e.Window, e.Service));
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 5).State);
        Assert.Equal(a, hall.Call(3, 6)); // issued before the social-insurance ticket, so ahead of it
        Assert.NotEqual(social, a);
    }

    [Fact]
    public void TransferToService_ToAnItemLaterOnTheSameTicket_IsRefused()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, new ServiceItemList([1, 2]));
        hall.Serve(1, 1);
        var r = hall.Reject(HallCommand.TransferToService(1, 2), 2, QueueError.InvalidArgument);
        Assert.Contains("later in its visit", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransferToService_Calling_Allowed()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0, 1);
        hall.Call(1, 1);
        Assert.Equal(2, hall.Do(HallCommand.TransferToService(1, 2), 2).Service);
        Assert.Equal(a, hall.Call(1, 3));
    }

    [Fact]
    public void TransferToService_ReplacesCurrentItemKeepsLaterOnes()
    {
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, new ServiceItemList([1, 2]));
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToService(1, 3), 2);
        Assert.Equal(a, hall.Serve(3, 3));
        var r = hall.Do(HallCommand.Finish(3), 4);
        Assert.Equal((TicketState.Waiting, 2), (r.State, r.Service));
    }

    [Fact]
    public void TransferToService_Errors()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, 1);
        hall.Reject(HallCommand.TransferToService(1, 2), 1, QueueError.WindowWrongState);
        hall.Reject(HallCommand.TransferToService(5, 2), 1, QueueError.UnknownWindow);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.TransferToService(1, 77), 2, QueueError.UnknownService);
        hall.Reject(HallCommand.TransferToService(1, 1), 2, QueueError.InvalidArgument);
    }

    [Fact]
    public void TransferToWindow_TargetCallsItBeforeItsItemQueue()
    {
        var hall = Open(Small(), 1, 2);
        var older = hall.Issue(0, 1);
        var a = hall.Issue(1, 1);
        hall.Do(HallCommand.CallTicket(1, a), 2);
        hall.Do(HallCommand.StartServing(1), 2);
        var r = hall.Do(HallCommand.TransferToWindow(1, 2), 3);
        Assert.Equal((a, TicketState.Waiting), (r.Ticket, r.State));
        var e = hall.Single(HallEventKind.Transferred);
        Assert.Equal((1, 2), (e.Window, e.Value));
        Assert.Equal(a, hall.Call(2, 4)); // own queue first, although the older ticket ranks better
        Assert.Equal(older, hall.Call(1, 4));
    }

    [Fact]
    public void TransferToWindow_OtherWindowsCannotCallIt()
    {
        var hall = Open(Small(), 1, 2);
        hall.Issue(0, 1);
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        hall.Reject(HallCommand.CallNext(1), 3, QueueError.NothingWaiting);
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void TransferToWindow_OverdueTicketStillFirst()
    {
        var hall = Open(Small(), 1, 2);
        var old = hall.Issue(0, 1);
        var a = hall.Issue(70, 1);
        hall.Do(HallCommand.CallTicket(1, a), 70);
        hall.Do(HallCommand.TransferToWindow(1, 2), 70);
        Assert.Equal(old, hall.Call(2, 71)); // waited past MaxWait: before the window's own queue
    }

    [Fact]
    public void TransferToWindow_Errors()
    {
        var hall = Open(Small(), 1, 2);
        hall.Issue(0, 1);
        hall.Reject(HallCommand.TransferToWindow(1, 2), 1, QueueError.WindowWrongState);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.TransferToWindow(1, 9), 2, QueueError.UnknownWindow);
        hall.Reject(HallCommand.TransferToWindow(1, 3), 2, QueueError.WindowNotOpen);
        hall.Reject(HallCommand.TransferToWindow(1, 1), 2, QueueError.InvalidArgument);
    }

    [Fact]
    public void TransferToWindow_IdleAutoTarget_CallsAtOnce()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.OpenWindow(3, 9, auto: true), 0);
        var seal = hall.Issue(0, 1); // window 3 serves item 1 only as overflow, after 10 minutes, but takes what is sent to it at once
        hall.Serve(1, 1);
        var r = hall.Do(HallCommand.TransferToWindow(1, 3), 2);
        Assert.Equal([HallEventKind.Transferred, HallEventKind.TicketCalled], hall.Kinds());
        Assert.Equal(seal, r.Ticket);
        Assert.Equal(3, hall.Single(HallEventKind.TicketCalled).Window);
        Assert.Equal(seal, hall.WindowView(3, 2).Ticket);
        Assert.Equal(TicketState.Called, hall.StateOf(seal, 2));
    }

    /// <summary>
    /// A transfer to a window whose clerk is on a break is accepted (the clerk may be back soon): the ticket waits in
    /// that window's own queue, which the window's snapshot shows beside its pause, its item's wait limit still raises
    /// the alert, and the window calls it first once resumed (or, if it closes, it goes back to its item's queue).
    /// </summary>
    [Fact]
    public void TransferToWindow_PausedTarget_WaitsThereVisiblyAndAlertedUntilItResumes()
    {
        var hall = Open(Small(d => d with { Services = [d.Services[0] with { WaitLimit = TimeSpan.FromMinutes(20) }, .. d.Services.Skip(1)] }), 1, 2);
        hall.Do(HallCommand.PauseWindow(2, "break"), 0);
        var a = hall.Issue(0, 1);
        hall.Serve(1, 1);

        var r = hall.Do(HallCommand.TransferToWindow(1, 2), 2);

        Assert.Equal((a, TicketState.Waiting), (r.Ticket, r.State));
        var target = hall.WindowView(2, 2);
        Assert.Equal((WindowState.Paused, "break", 1), (target.State, target.PauseReason, target.QueueLength));
        hall.Reject(HallCommand.CallNext(1), 3, QueueError.NothingWaiting); // no other window takes it
        hall.Do(HallCommand.Tick(), 22);
        Assert.Equal(a, hall.Single(HallEventKind.WaitLimitPassed).Ticket);
        hall.Do(HallCommand.ResumeWindow(2), 30);
        Assert.Equal(a, hall.Call(2, 30));
    }

    [Fact]
    public void CloseWindow_OwnQueueTicketsReturnToTheirItemQueue()
    {
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0, 1);
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        hall.Do(HallCommand.CloseWindow(2), 3);
        Assert.Equal([HallEventKind.WindowClosed, HallEventKind.Transferred], hall.Kinds());
        Assert.Equal(1, hall.Single(HallEventKind.Transferred).Service);
        Assert.Equal(a, hall.Call(1, 4));
    }
}
