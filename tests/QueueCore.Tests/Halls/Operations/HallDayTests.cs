using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class HallDayTests
{
    [Fact]
    public void OpenDay_Closed_OpensForIssuing()
    {
        var hall = new Hall(Small());
        Assert.False(hall.IsDayOpen);
        hall.Do(HallCommand.OpenDay(), 0);
        Assert.True(hall.IsDayOpen);
        Assert.Equal([HallEventKind.DayOpened], hall.Kinds());
        Assert.True(hall.GetSnapshot(At(0)).DayOpen);
    }

    [Fact]
    public void OpenDay_Twice_DayWrongState()
    {
        var hall = Open(Small());
        hall.Reject(HallCommand.OpenDay(), 1, QueueError.DayWrongState);
    }

    [Fact]
    public void CloseDay_NoOpenDay_DayWrongState()
    {
        var hall = new Hall(Small());
        hall.Reject(HallCommand.CloseDay(), 0, QueueError.DayWrongState);
        hall.Do(HallCommand.OpenDay(), 0);
        hall.Do(HallCommand.CloseDay(), 1);
        hall.Reject(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2, QueueError.DayWrongState);
    }

    [Fact]
    public void CloseDay_ThenIssue_Closed()
    {
        var hall = Open(Small());
        hall.Do(HallCommand.CloseDay(), 1);
        Assert.Equal((int)DayClosePolicy.CancelWaiting, hall.Single(HallEventKind.DayClosed).Value);
        Assert.False(hall.IsDayOpen);
        hall.Reject(HallCommand.IssueTicket(1), 2, QueueError.Closed);
    }

    [Fact]
    public void OpenDay_NextDay_NumberingRestartsIdsNeverRepeat()
    {
        var hall = Open(Small(), 1);
        var first = hall.Do(HallCommand.IssueTicket(1), 0);
        hall.Issue(0, 3);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Do(HallCommand.CloseDay(), 3);
        hall.Do(HallCommand.OpenDay(), 24 * 60);
        var again = hall.Do(HallCommand.IssueTicket(1), 24 * 60);
        Assert.Equal("A001", again.Number.ToString());
        Assert.Equal("B001", hall.Do(HallCommand.IssueTicket(3), 24 * 60).Number.ToString());
        Assert.NotEqual(first.Ticket, again.Ticket);
        Assert.Equal(TicketState.Completed, hall.StateOf(first.Ticket, 24 * 60)); // yesterday's ticket still addressable
    }

    [Fact]
    public void OpenDay_NextDay_DailyFiguresReset()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Do(HallCommand.Rate(a, 5), 2);
        hall.Do(HallCommand.CloseDay(), 3);
        hall.Do(HallCommand.OpenDay(), 24 * 60);
        var w = hall.WindowView(1, 24 * 60);
        Assert.Equal((0, 0, 0.0, TimeSpan.Zero), (w.ServedToday, w.Ratings, w.MeanRating, w.MeanHandlingTime));
        Assert.Equal(0, hall.ServiceView(1, 24 * 60).IssuedToday);
    }

    [Fact]
    public void CloseDay_CancelWaiting_CancelsWaitingAndParkedNotAtWindows()
    {
        var hall = Open(Small(), 1, 2);
        var parked = hall.Issue(0);
        var atWindow = hall.Issue(0);
        var waiting = hall.Issue(0, 3);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1), 2);
        hall.Call(2, 2);
        hall.Do(HallCommand.CloseDay(), 3);
        var events = hall.Events();
        Assert.Equal([HallEventKind.Cancelled, HallEventKind.Cancelled, HallEventKind.DayClosed], events.Select(e => e.Kind));
        Assert.Equal([parked, waiting], events.Take(2).Select(e => e.Ticket).Order());
        Assert.All(events.Take(2), e => Assert.Equal((int)CancelCause.DayClosed, e.Value));
        Assert.Equal(TicketState.Cancelled, hall.StateOf(parked, 3));
        Assert.Equal(TicketState.Cancelled, hall.StateOf(waiting, 3));
        Assert.Equal(0, hall.TotalWaiting);

        // The citizen already called can still be served.
        hall.Do(HallCommand.StartServing(2), 4);
        Assert.Equal(TicketState.Completed, hall.Do(HallCommand.Finish(2), 5).State);
        Assert.Equal(atWindow, hall.Events()[0].Ticket);
    }

    [Fact]
    public void Finish_AfterCloseDayCancelWaiting_CancelsTheRemainingItemsSoTheNextDayOpens()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0, new ServiceItemList([1, 2]));
        hall.Serve(1, 1);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 2);
        var r = hall.Do(HallCommand.Finish(1), 3);
        Assert.Equal((a, TicketState.Cancelled), (r.Ticket, r.State));
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.Cancelled], hall.Kinds());
        Assert.Equal(0, hall.TotalWaiting);
        hall.Do(HallCommand.OpenDay(), 60 * 16);
    }

    [Fact]
    public void CloseDay_ServeRemaining_NoNewTicketsButWindowsServe()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 1);
        Assert.Equal((int)DayClosePolicy.ServeRemaining, hall.Single(HallEventKind.DayClosed).Value);
        Assert.False(hall.IsDayOpen);
        var r = hall.Reject(HallCommand.IssueTicket(1), 2, QueueError.Closed);
        Assert.Contains("remaining", r.Message, StringComparison.Ordinal);
        Assert.Equal(a, hall.Call(1, 3));
        Assert.Equal(TicketState.Called, hall.StateOf(a, 3));
    }

    [Fact]
    public void OpenDay_WhileServingRemainingTicketsWait_DayWrongState()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 1);
        hall.Reject(HallCommand.OpenDay(), 2, QueueError.DayWrongState);
        hall.Serve(1, 3);
        hall.Do(HallCommand.Finish(1), 4);
        hall.Do(HallCommand.OpenDay(), 5);
        Assert.True(hall.IsDayOpen);
    }

    [Fact]
    public void CloseDay_CancelWaitingAfterServeRemaining_CancelsTheRest()
    {
        var hall = Open(Small(), 1);
        var a = hall.Issue(0);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 1);
        hall.Do(HallCommand.CloseDay(), 2);
        Assert.Equal(a, hall.Single(HallEventKind.Cancelled).Ticket);
        hall.Do(HallCommand.OpenDay(), 3);
    }
}
