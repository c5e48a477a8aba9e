using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class RecallAndNoShowTests
{
    [Fact]
    public void Recall_Calling_EmitsRecalledWithCount()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        var r = hall.Do(HallCommand.Recall(1), 2);
        Assert.Equal((a, TicketState.Called, 1), (r.Ticket, r.State, r.Window));
        var e = hall.Single(HallEventKind.TicketRecalled);
        Assert.Equal((a, 1, 1), (e.Ticket, e.Window, e.Value));
        hall.Do(HallCommand.Recall(1), 3);
        Assert.Equal(2, hall.Single(HallEventKind.TicketRecalled).Value);
    }

    [Fact]
    public void Recall_PastMaxRecalls_LimitReached()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.Recall(1), 2);
        hall.Do(HallCommand.Recall(1), 3);
        hall.Reject(HallCommand.Recall(1), 4, QueueError.LimitReached);
    }

    [Fact]
    public void Recall_MoreThan255Times_CountStaysAt255()
    {
        // A ticket counts to 255, so a larger MaxRecalls sets no limit; the count it shows stops there (it wrapped to 0).
        var hall = Open(OneItem(d => d with { NoShow = new() { MaxRecalls = 1000 } }), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        for (var i = 1; i <= 300; i++)
        {
            hall.Do(HallCommand.Recall(1), 2);
            Assert.Equal(Math.Min(i, 255), hall.Single(HallEventKind.TicketRecalled).Value);
        }

        Assert.Equal(255, hall.SaveState().Tickets.Single(t => t.Id == a).Recalls);
    }

    [Fact]
    public void Recall_MaxRecallsZero_FirstRecallRefused()
    {
        var hall = Open(OneItem(d => d with { NoShow = new() { MaxRecalls = 0 } }), 1);
        hall.Issue(0);
        hall.Call(1, 1);
        hall.Reject(HallCommand.Recall(1), 2, QueueError.LimitReached);
    }

    [Fact]
    public void Recall_NewCall_CountStartsAgain()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.Recall(1), 1);
        hall.Do(HallCommand.Recall(1), 1);
        hall.Do(HallCommand.NoShow(1), 2);
        Assert.Equal(a, hall.Call(1, 3));
        hall.Do(HallCommand.Recall(1), 3);
        Assert.Equal(1, hall.Single(HallEventKind.TicketRecalled).Value);
    }

    [Fact]
    public void Recall_IdleOrServing_WindowWrongState()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Reject(HallCommand.Recall(1), 1, QueueError.WindowWrongState);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.Recall(1), 2, QueueError.WindowWrongState);
    }

    [Fact]
    public void Recall_OtherTicketId_TicketWrongState()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        var b = hall.Issue(0);
        hall.Call(1, 1);
        hall.Reject(HallCommand.Recall(1) with { Ticket = b }, 1, QueueError.TicketWrongState);
    }

    [Fact]
    public void NoShow_NotCalling_WindowWrongState()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Reject(HallCommand.NoShow(1), 1, QueueError.WindowWrongState);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.NoShow(1), 2, QueueError.WindowWrongState);
        hall.Reject(HallCommand.NoShow(2), 2, QueueError.WindowNotOpen);
    }

    [Fact]
    public void NoShow_First_RequeuedThreePlacesBack()
    {
        var hall = Open(OneItem(), 1);
        var t = Enumerable.Range(0, 6).Select(i => hall.Issue(i)).ToArray();
        hall.Call(1, 6);
        var r = hall.Do(HallCommand.NoShow(1), 7);
        Assert.Equal((t[0], TicketState.Waiting), (r.Ticket, r.State));
        var e = hall.Single(HallEventKind.NoShow);
        Assert.Equal((t[0], 1, 1), (e.Ticket, e.Window, e.Value));
        Assert.Equal([t[1], t[2], t[3], t[0], t[4], t[5]], hall.WaitingOrder(7));
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 7).State);
        Assert.Equal(3, hall.Query(t[0], 7).Position);
    }

    [Fact]
    public void NoShow_FewerWaitingThanPlacesBack_GoesLast()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        hall.Call(1, 2);
        hall.Do(HallCommand.NoShow(1), 3);
        Assert.Equal([b, a], hall.WaitingOrder(3));
    }

    [Fact]
    public void NoShow_AloneInQueue_ComesBackAtOnce()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1), 2);
        Assert.Equal(a, hall.Call(1, 3));
    }

    [Fact]
    public void NoShow_RequeuePlacesBackZero_KeepsStanding()
    {
        var hall = Open(OneItem(d => d with { NoShow = new() { RequeuePlacesBack = 0 } }), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        hall.Call(1, 2);
        hall.Do(HallCommand.NoShow(1), 3);
        Assert.Equal([a, b], hall.WaitingOrder(3));
    }

    [Fact]
    public void NoShow_AtMaxNoShows_Dropped()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1), 2);
        hall.Call(1, 3);
        var r = hall.Do(HallCommand.NoShow(1), 4);
        Assert.Equal(TicketState.NoShow, r.State);
        Assert.Equal(0, hall.Single(HallEventKind.NoShow).Value);
        Assert.Equal(TicketState.NoShow, hall.StateOf(a, 4));
        Assert.Equal(0, hall.TotalWaiting);
        hall.Reject(HallCommand.CallNext(1), 5, QueueError.NothingWaiting);
    }

    /// <summary>
    /// A visit of two items whose citizen missed the first call for the first item (re-queued, came, served) and then
    /// the first call for the second item, at another window: a first miss for that item, re-queued as any ticket's first
    /// no-show is, not the second no-show of the ticket that dropped the rest of the visit.
    /// </summary>
    [Fact]
    public void NoShow_FirstMissForTheNextItemOfAVisit_RequeuedNotDropped()
    {
        var hall = Open(Small(), 1, 3);
        var visit = hall.Issue(0, new ServiceItemList([1, 3]));
        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1), 2);
        Assert.Equal(visit, hall.Serve(1, 3));
        hall.Do(HallCommand.Finish(1), 8);
        Assert.Equal(visit, hall.Call(3, 9));

        var r = hall.Do(HallCommand.NoShow(3), 10);

        Assert.Equal(TicketState.Waiting, r.State);
        Assert.Equal(1, hall.Single(HallEventKind.NoShow).Value); // re-queued
        Assert.Equal(visit, hall.Serve(3, 11));
        hall.Do(HallCommand.Finish(3), 15);
        Assert.Equal(TicketState.Completed, hall.StateOf(visit, 15));
    }

    /// <summary>A ticket transferred to another item after a missed call counts that item's no-shows from none too.</summary>
    [Fact]
    public void NoShow_FirstMissAfterATransferToAnotherItem_RequeuedNotDropped()
    {
        var hall = Open(Small(), 1, 3);
        var ticket = hall.Issue(0, 1);
        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1), 2);
        hall.Serve(1, 3);
        hall.Do(HallCommand.TransferToService(1, 3), 4); // the clerk finds it is a social-insurance matter
        Assert.Equal(ticket, hall.Call(3, 5));

        Assert.Equal(TicketState.Waiting, hall.Do(HallCommand.NoShow(3), 6).State);
        Assert.Equal(ticket, hall.Call(3, 7));
        Assert.Equal(TicketState.NoShow, hall.Do(HallCommand.NoShow(3), 8).State); // its second miss for this item drops it
    }

    [Fact]
    public void NoShow_RequeuedAndPushedToAnotherAutoWindow_ResultNamesTheWindowItIsCalledTo()
    {
        // Window 1 marks A a no-show; A is re-queued and the idle auto window 2 calls it at once. The result is a called
        // ticket, so it names where it is called (as every called ticket's result does), not the window it was absent at.
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        hall.Do(HallCommand.OpenWindow(2, auto: true), 0);
        var a = hall.Issue(0);
        var at = hall.Query(a, 0).Window;

        var r = hall.Do(HallCommand.NoShow(at), 1);

        Assert.Equal((a, TicketState.Called, 3 - at), (r.Ticket, r.State, r.Window));
        Assert.Equal(3 - at, hall.Query(a, 1).Window);
    }

    [Fact]
    public void NoShow_MoreThan255Times_StillRequeuedAndCountStaysAt255()
    {
        var hall = Open(OneItem(d => d with { NoShow = new() { MaxNoShows = int.MaxValue, PauseWindowAfter = 0 } }), 1);
        var a = hall.Issue(0);
        for (var i = 0; i < 300; i++)
        {
            hall.Call(1, 1);
            Assert.Equal(TicketState.Waiting, hall.Do(HallCommand.NoShow(1), 1).State);
        }

        Assert.Equal(255, hall.SaveState().Tickets.Single(t => t.Id == a).NoShows);
    }

    [Fact]
    public void NoShow_MaxNoShowsOne_DroppedAtOnce()
    {
        var hall = Open(OneItem(d => d with { NoShow = new() { MaxNoShows = 1 } }), 1);
        hall.Issue(0);
        hall.Call(1, 1);
        Assert.Equal(TicketState.NoShow, hall.Do(HallCommand.NoShow(1), 2).State);
        Assert.Equal(0, hall.TotalWaiting);
    }

    [Fact]
    public void NoShow_RequeueStaysWithinItsClassQueue()
    {
        var hall = Open(OneItem(d => d with { Priority = d.Priority with { MaxWait = null } }), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        var elderly = Enumerable.Range(0, 3).Select(_ => hall.Issue(2, age: 70)).ToArray();
        hall.Do(HallCommand.CallTicket(1, a), 3);
        hall.Do(HallCommand.NoShow(1), 3);
        Assert.Equal([.. elderly, b, a], hall.WaitingOrder(3));
    }

    [Fact]
    public void NoShow_ThreeUnansweredInARow_WindowPaused()
    {
        var hall = Open(OneItem(), 1);
        for (var i = 0; i < 4; i++)
        {
            hall.Issue(0);
        }

        for (var i = 0; i < 2; i++)
        {
            hall.Call(1, 1);
            hall.Do(HallCommand.NoShow(1), 1);
        }

        hall.Call(1, 2);
        hall.Do(HallCommand.NoShow(1), 2);
        Assert.Equal([HallEventKind.NoShow, HallEventKind.WindowPaused], hall.Kinds());
        Assert.Equal(3, hall.Single(HallEventKind.WindowPaused).Value); // paused by the hall after 3 unanswered calls
        var w = hall.WindowView(1, 2);
        Assert.Equal(WindowState.Paused, w.State);
        Assert.Contains("unanswered", w.PauseReason, StringComparison.Ordinal);
        hall.Reject(HallCommand.CallNext(1), 3, QueueError.WindowNotOpen);
    }

    [Fact]
    public void NoShow_StartServingBetween_CountResets()
    {
        var hall = Open(OneItem(), 1);
        for (var i = 0; i < 6; i++)
        {
            hall.Issue(0);
        }

        for (var round = 0; round < 2; round++)
        {
            hall.Call(1, 1);
            hall.Do(HallCommand.NoShow(1), 1);
            hall.Call(1, 1);
            hall.Do(HallCommand.NoShow(1), 1);
            hall.Serve(1, 1);
            hall.Do(HallCommand.Finish(1), 2);
        }

        Assert.Equal(WindowState.Idle, hall.WindowView(1, 2).State);
    }

    [Fact]
    public void NoShow_PauseWindowAfterZero_NeverPauses()
    {
        var hall = Open(OneItem(d => d with { NoShow = new() { PauseWindowAfter = 0, MaxNoShows = 9 } }), 1);
        hall.Issue(0);
        for (var i = 0; i < 5; i++)
        {
            hall.Call(1, i);
            hall.Do(HallCommand.NoShow(1), i);
        }

        Assert.Equal(WindowState.Idle, hall.WindowView(1, 5).State);
    }

    [Fact]
    public void NoShow_AnsweredCallFinishedWithTheNextKey_EndsTheRunOfUnansweredCalls()
    {
        // A terminal with one "Next" key has no start key: a call it finishes was answered.
        var hall = TwoUnansweredCallsThenAThird(Open(OneItem(), 1));
        hall.Do(HallCommand.FinishAndCallNext(1), 10); // served from its call; the next one is called
        hall.Do(HallCommand.NoShow(1), 11);
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 11).State); // one unanswered call since the answered one
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NoShow_AnsweredCallTransferred_EndsTheRunOfUnansweredCalls(bool toService)
    {
        var hall = TwoUnansweredCallsThenAThird(Open(Small(), 1, 2));
        hall.Do(toService ? HallCommand.TransferToService(1, 2) : HallCommand.TransferToWindow(1, 2), 6); // the citizen came
        hall.Call(1, 7);
        hall.Do(HallCommand.NoShow(1), 8);
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 8).State);
    }

    /// <summary>Six tickets waiting; window 1 calls two that do not come (no-shows at minutes 2 and 4), then a third at minute 5.</summary>
    private static Hall TwoUnansweredCallsThenAThird(Hall hall)
    {
        for (var i = 0; i < 6; i++)
        {
            hall.Issue(0);
        }

        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1), 2);
        hall.Call(1, 3);
        hall.Do(HallCommand.NoShow(1), 4);
        hall.Call(1, 5);
        return hall;
    }
}
