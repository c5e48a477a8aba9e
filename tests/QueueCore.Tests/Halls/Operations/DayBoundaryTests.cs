using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>The day boundary: nothing waits again after a cancelling close, and numbering never repeats a live number.</summary>
public class DayBoundaryTests
{
    [Fact]
    public void OpenDay_TicketStillServed_RefusedSoNoNumberIsIssuedTwice()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Do(HallCommand.IssueTicket(1), 0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.CloseDay(), 2);
        var r = hall.Reject(HallCommand.OpenDay(), 3, QueueError.DayWrongState);
        Assert.Contains("finish A001 at window 1 (being served)", r.Message, StringComparison.Ordinal);

        hall.Do(HallCommand.Finish(1), 4);
        hall.Do(HallCommand.OpenDay(), 5);
        var b = hall.Do(HallCommand.IssueTicket(1), 5);
        Assert.Equal("A001", b.Number.ToString()); // numbering restarts only once no A001 is live
        Assert.NotEqual(a.Ticket, b.Ticket);
    }

    [Fact]
    public void OpenDay_TicketCalledAfterACancellingClose_MessageSaysToServeItOrMarkANoShow()
    {
        // "finish it or mark it a no-show" was said of every ticket at a window: one being served cannot be marked a
        // no-show, and one only called is started or marked one.
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Do(HallCommand.CallNext(1), 1);
        hall.Do(HallCommand.CloseDay(), 2);

        var r = hall.Reject(HallCommand.OpenDay(), 3, QueueError.DayWrongState);

        Assert.Equal("Hall 'one' still has 1 ticket of the previous day, and numbering restarts only once none is left: serve or mark a no-show A001 at window 1 (called).", r.Message);
    }

    [Fact]
    public void OpenDay_OneTicketLeftAtAWindowAfterACancellingClose_MessageSaysWhatIsLeftToDo()
    {
        // A manager closed the day with CancelWaiting while A001 was served, and tried to open the next: "still has 1
        // tickets of the previous day (A001 at window 1); finish them or mark them no-show, and close the day with
        // CancelWaiting" sent them to close again, which they had done.
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.CloseDay(), 2);
        var r = hall.Reject(HallCommand.OpenDay(), 3, QueueError.DayWrongState);
        Assert.Equal("Hall 'one' still has 1 ticket of the previous day, and numbering restarts only once none is left: finish A001 at window 1 (being served).", r.Message);

        // Closed keeping the waiting, the close is what is left to do.
        var kept = Open(OneItem(), 1);
        kept.Issue(0);
        kept.Issue(0);
        kept.Serve(1, 1);
        kept.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2);
        var k = kept.Reject(HallCommand.OpenDay(), 3, QueueError.DayWrongState);
        Assert.EndsWith("still has 2 tickets of the previous day, and numbering restarts only once none is left: finish A001 at window 1 (being served); close the day with CancelWaiting, which cancels 1 waiting (A002).", k.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenDay_TicketsAtWindowsAndWaiting_MessageNamesEveryOneBlockingFirstInWindowOrder()
    {
        // Windows defined 4, 1, 3, 2: the refusal listed "A001 called to window 4, A002 served at window 1, A003 called
        // to window 3" in that order, cut at three (A005 at window 2 left out), with the waiting and parked tickets
        // unnamed, and its steps apart from the tickets they concern.
        var hall = Open(OneItem(d => d with
        {
            Windows = [.. new[] { 4, 1, 3, 2 }.Select(w => new WindowDefinition { Id = w, Skills = [new() { Service = 1 }] })],
        }), 4, 1, 3, 2);
        for (var i = 0; i < 6; i++)
        {
            hall.Issue(0);
        }

        hall.Call(4, 1); // A001
        hall.Serve(1, 1); // A002
        hall.Call(3, 1); // A003
        hall.Serve(2, 1); // A004
        hall.Do(HallCommand.Park(2), 2);
        hall.Serve(2, 2); // A005; A006 waits
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 3);

        var r = hall.Reject(HallCommand.OpenDay(), 4, QueueError.DayWrongState);

        Assert.Equal(
            "Hall 'one' still has 6 tickets of the previous day, and numbering restarts only once none is left: finish A002 at window 1 and A005 at window 2 (being served); serve or mark a no-show A003 at window 3 and A001 at window 4 (called); close the day with CancelWaiting, which cancels 1 waiting (A006) and 1 parked (A004).",
            r.Message);
    }

    [Fact]
    public void OpenDay_TicketStillCalled_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2);
        hall.Do(HallCommand.CloseDay(), 3);
        hall.Reject(HallCommand.OpenDay(), 4, QueueError.DayWrongState);
        hall.Do(HallCommand.NoShow(1), 5);
        hall.Do(HallCommand.OpenDay(), 6);
    }

    [Fact]
    public void NoShow_AfterCancellingClose_DropsTheTicketInsteadOfRequeueing()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.CloseDay(), 2);
        hall.Do(HallCommand.NoShow(1), 3);
        Assert.Equal(0, hall.Single(HallEventKind.NoShow).Value);
        Assert.Equal(TicketState.NoShow, hall.StateOf(a, 3));
        Assert.Equal(0, hall.TotalWaiting);
        hall.Do(HallCommand.OpenDay(), 4); // nothing from yesterday is left
    }

    [Fact]
    public void Transfer_AfterCancellingClose_Refused()
    {
        var hall = Open(Small(), 1, 2);
        hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.CloseDay(), 2);
        hall.Reject(HallCommand.TransferToService(1, 2), 3, QueueError.DayWrongState);
        hall.Reject(HallCommand.TransferToWindow(1, 2), 3, QueueError.DayWrongState);
        hall.Reject(HallCommand.Park(1), 3, QueueError.DayWrongState);
        hall.Do(HallCommand.Finish(1), 4);
        hall.Do(HallCommand.OpenDay(), 5);
    }

    [Fact]
    public void Transfer_WhileServingRemaining_Allowed()
    {
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2);
        hall.Do(HallCommand.TransferToService(1, 2), 3);
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 3));
        hall.Reject(HallCommand.OpenDay(), 4, QueueError.DayWrongState);
    }

    [Fact]
    public void CloseDay_ServeRemainingTwice_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 1);
        hall.Reject(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2, QueueError.DayWrongState);
        hall.Do(HallCommand.CloseDay(), 3);
    }

    [Fact]
    public void CloseDay_UnknownPolicy_Refused() =>
        Open(OneItem(), 1).Reject(HallCommand.CloseDay((DayClosePolicy)7), 1, QueueError.InvalidArgument);

    [Fact]
    public void OpenDay_WindowsStayOpenAndTheirFiguresReset()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Do(HallCommand.CloseDay(), 3);
        hall.Do(HallCommand.OpenDay(), 4);
        var w = hall.WindowView(1, 4);
        Assert.Equal((WindowState.Idle, 101, 0), (w.State, w.Clerk, w.ServedToday));
    }

    [Fact]
    public void OpenDay_WindowLeftOpenOvernight_IdleTimeCountsFromTheDaysOpening()
    {
        var d = OneItem(x => x with { WindowIdleLimit = TimeSpan.FromMinutes(5) });
        var hall = Open(d, 1);
        hall.Do(HallCommand.CloseDay(), 60);
        hall.Do(HallCommand.OpenDay(), 1440); // next morning; window 1 stayed open
        hall.Issue(1441);
        hall.Do(HallCommand.Tick(), 1443);
        Assert.DoesNotContain(HallEventKind.IdleTimePassed, hall.Kinds());
        hall.Do(HallCommand.Tick(), 1446);
        var alert = hall.Single(HallEventKind.IdleTimePassed);
        Assert.True(alert.Value <= 6 * 60, $"idle for {alert.Value} s");
    }

    [Fact]
    public void OpenDay_WindowLeftOpenOvernight_YesterdaysUnansweredCallsDoNotCountToday()
    {
        // A window pauses after 3 calls in a row go unanswered (the default). Two last evening and one this morning are
        // not three in a row: the first citizen of the day who misses a call must not pause the window.
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1), 2); // re-queued once
        hall.Call(1, 3);
        hall.Do(HallCommand.NoShow(1), 4); // dropped
        hall.Do(HallCommand.CloseDay(), 60);
        hall.Do(HallCommand.OpenDay(), 1440); // next morning; window 1 stayed open
        hall.Issue(1441);
        hall.Call(1, 1442);
        hall.Do(HallCommand.NoShow(1), 1443);
        Assert.DoesNotContain(HallEventKind.WindowPaused, hall.Kinds());
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 1443).State);
    }
}
