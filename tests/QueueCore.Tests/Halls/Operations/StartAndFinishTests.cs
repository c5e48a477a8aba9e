using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class StartAndFinishTests
{
    [Fact]
    public void StartServing_Calling_BecomesServing()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        var r = hall.Do(HallCommand.StartServing(1), 2);
        Assert.Equal((a, TicketState.Serving, 1), (r.Ticket, r.State, r.Window));
        Assert.Equal([HallEventKind.ServingStarted], hall.Kinds());
        Assert.Equal(WindowState.Serving, hall.WindowView(1, 2).State);
        Assert.Equal(TicketState.Serving, hall.StateOf(a, 2));
    }

    [Fact]
    public void StartServing_NotCalling_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Reject(HallCommand.StartServing(1), 1, QueueError.WindowWrongState);
        hall.Reject(HallCommand.StartServing(2), 1, QueueError.WindowNotOpen);
        hall.Reject(HallCommand.StartServing(7), 1, QueueError.UnknownWindow);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.StartServing(1), 2, QueueError.WindowWrongState);
    }

    [Fact]
    public void StartServing_TicketIdMustMatch()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Call(1, 1);
        var r = hall.Reject(HallCommand.StartServing(1) with { Ticket = b }, 1, QueueError.TicketWrongState);
        Assert.Contains("A001", r.Message, StringComparison.Ordinal);
        hall.Do(HallCommand.StartServing(1) with { Ticket = a }, 1);
    }

    [Fact]
    public void Finish_NotServing_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Reject(HallCommand.Finish(1), 1, QueueError.WindowWrongState);
        hall.Call(1, 1);
        hall.Reject(HallCommand.Finish(1), 1, QueueError.WindowWrongState);
        hall.Reject(HallCommand.Finish(2), 1, QueueError.WindowNotOpen);
    }

    [Fact]
    public void Finish_OtherTicketId_TicketWrongState()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.Finish(1) with { Ticket = b }, 2, QueueError.TicketWrongState);
    }

    [Fact]
    public void Finish_LastItem_TicketCompletedAndWindowIdle()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        var r = hall.Do(HallCommand.Finish(1), 4.5);
        Assert.Equal((a, TicketState.Completed), (r.Ticket, r.State));
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.TicketCompleted], hall.Kinds());
        Assert.Equal(210, hall.Single(HallEventKind.ServiceFinished).Value); // handling time in seconds
        Assert.Equal(1, hall.Single(HallEventKind.TicketCompleted).Window);
        var w = hall.WindowView(1, 5);
        Assert.Equal((WindowState.Idle, 0L, 1), (w.State, w.Ticket, w.ServedToday));
        Assert.Equal(TimeSpan.FromMinutes(3.5), w.MeanHandlingTime);
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 5));
    }

    [Fact]
    public void Finish_MoreItems_NextItemKeepsStanding()
    {
        var hall = Open(Small(), 1, 2);
        var multi = hall.Issue(0, new ServiceItemList([1, 2]));
        var later1 = hall.Issue(1, 2);
        var later2 = hall.Issue(2, 2);
        Assert.Equal(multi, hall.Serve(1, 3));
        var r = hall.Do(HallCommand.Finish(1), 8);
        Assert.Equal((TicketState.Waiting, 2, 1), (r.State, r.Service, r.Window)); // the window that finished
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.NextItem], hall.Kinds());
        Assert.Equal(2, hall.Single(HallEventKind.NextItem).Service);
        Assert.Equal(0, hall.Query(multi, 8).Position);
        Assert.Equal([multi, later1, later2], hall.WaitingOrder(8));
        Assert.Equal(multi, hall.Call(2, 9));
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 9).State);
    }

    [Fact]
    public void Finish_MoreItems_IssuedTodayCountsEveryItem()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, new ServiceItemList([1, 3]));
        Assert.Equal(1, hall.ServiceView(1).IssuedToday);
        Assert.Equal(1, hall.ServiceView(3).IssuedToday);
    }

    [Fact]
    public void Finish_MovingAverage_WeightOneFifth()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Issue(0);
        hall.Serve(1, 0);
        hall.Do(HallCommand.Finish(1), 10); // 5 + (10 - 5) / 5 = 6
        Assert.Equal(TimeSpan.FromMinutes(6), hall.ServiceView(1, 10).AverageHandlingTime);
        hall.Serve(1, 10);
        hall.Do(HallCommand.Finish(1), 11); // 6 + (1 - 6) / 5 = 5
        Assert.Equal(TimeSpan.FromMinutes(5), hall.ServiceView(1, 11).AverageHandlingTime);
        Assert.Equal(TimeSpan.FromMinutes(5.5), hall.WindowView(1, 11).MeanHandlingTime);
    }

    [Fact]
    public void Finish_NextItemPushedToAnotherAutoWindow_ResultNamesTheWindowItIsCalledTo()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.OpenWindow(3, 5, auto: true), 0); // serves item 3 only
        var multi = hall.Issue(0, new ServiceItemList([1, 3]));
        Assert.Equal(multi, hall.Serve(1, 1));

        var r = hall.Do(HallCommand.Finish(1), 2);

        Assert.Equal((multi, TicketState.Called, 3, 3), (r.Ticket, r.State, r.Service, r.Window));
        Assert.Equal(multi, hall.WindowView(3, 2).Ticket);
    }

    [Fact]
    public void Finish_AutoWindow_CallsNextAtOnce()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, 5, auto: true), 0);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Do(HallCommand.StartServing(1) with { Ticket = a }, 1);
        hall.Do(HallCommand.Finish(1), 2);
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.TicketCompleted, HallEventKind.TicketCalled], hall.Kinds());
        Assert.Equal(b, hall.WindowView(1, 2).Ticket);
    }
}
