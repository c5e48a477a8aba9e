namespace QueueCore.Tests.Audit;

/// <summary>
/// Third audit: the day's close and the next day's opening with tickets held for a call back, sent to a paused window,
/// or checked in from an appointment; finish-and-call-next with a ticket sent to the window; a request id reused.
/// </summary>
public sealed class DayEdgeAuditTests
{
    private static HallDefinition Hall(int windows = 2) => new()
    {
        Id = "day-edges",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = [.. Enumerable.Range(1, windows).Select(i => new WindowDefinition { Id = i, Comprehensive = true })],
        NoShow = new() { RequeuePlacesBack = 0, CallBackAfter = TimeSpan.FromMinutes(5) },
    };

    [Fact]
    public void NoShowHeldForCallBack_DayClosedCancelWaiting_HoldPasses_NothingCalled_NextDayFresh()
    {
        var hall = AuditKit.Open(Hall(1), auto: true, 1);
        var t = hall.Ok(HallCommand.IssueTicket(1), 1).Ticket; // pushed to window 1
        hall.Ok(HallCommand.NoShow(1), 2); // waits again; the auto window does not call it straight back
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 3);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(t, 3));
        hall.Ok(HallCommand.Tick(), 10); // past the call back
        var w = hall.GetSnapshot(AuditKit.At(10)).Windows.Single();
        Assert.Equal(0, w.Ticket);
        hall.Ok(HallCommand.OpenDay(), 24 * 60);
        var next = hall.Ok(HallCommand.IssueTicket(1), 24 * 60 + 1);
        Assert.Equal("A001", next.Number.ToString());
        Assert.Equal(TicketState.Called, next.State);
    }

    [Fact]
    public void SentToPausedWindow_DayClosedCancelWaiting_Cancelled_NextDayOpens_ResumeCallsNothingOld()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var t = hall.Issue(1);
        hall.Ok(HallCommand.PauseWindow(2), 2);
        hall.Ok(HallCommand.CallNext(1), 3);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 4);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 5);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(t, 5));
        hall.Ok(HallCommand.OpenDay(), 24 * 60);
        hall.Ok(HallCommand.ResumeWindow(2), 24 * 60 + 1);
        Assert.Equal(QueueError.NothingWaiting, hall.Try(HallCommand.CallNext(2), 24 * 60 + 2).Error);
        Assert.Equal(0, hall.GetSnapshot(AuditKit.At(24 * 60 + 2)).Windows.Single(x => x.Window == 2).QueueLength);
    }

    [Fact]
    public void FinishAndCallNext_TicketSentToThisWindow_CalledBeforeTheItemQueue()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var sent = hall.Issue(1);
        var other = hall.Issue(2);
        Assert.Equal(sent, hall.Ok(HallCommand.CallNext(1), 3).Ticket);
        Assert.Equal(other, hall.Ok(HallCommand.CallNext(2), 3).Ticket);
        hall.Ok(HallCommand.StartServing(2), 3);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 4); // window 1 sends its citizen to window 2
        var later = hall.Issue(5);
        var next = hall.Ok(HallCommand.FinishAndCallNext(2), 6);
        Assert.Equal(sent, next.Ticket);
        Assert.Equal(later, hall.Ok(HallCommand.CallNext(1), 7).Ticket);
    }

    [Fact]
    public void AppointmentReference_TwiceTheSameDayRefused_AgainTheNextDayAccepted()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var first = hall.Ok(HallCommand.IssueTicket(1, appointment: "R-17", appointmentSlot: AuditKit.At(10)), 5);
        Assert.Equal(PriorityPolicy.Appointment, first.PriorityClass);
        var twice = hall.Try(HallCommand.IssueTicket(1, appointment: "R-17", appointmentSlot: AuditKit.At(10)), 6);
        Assert.Equal(QueueError.AlreadyCheckedIn, twice.Error);
        hall.Ok(HallCommand.CloseDay(), 600);
        hall.Ok(HallCommand.OpenDay(), 24 * 60);
        var nextDay = hall.Ok(HallCommand.IssueTicket(1, appointment: "R-17", appointmentSlot: AuditKit.At(24 * 60 + 10)), 24 * 60 + 5);
        Assert.Equal(PriorityPolicy.Appointment, nextDay.PriorityClass);
    }

    [Fact]
    public void AppointmentTicket_NoShowRequeued_KeepsItsClassAndStanding()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var walkIn = hall.Issue(4);
        var booked = hall.Ok(HallCommand.IssueTicket(1, appointment: "R-18", appointmentSlot: AuditKit.At(10)), 5).Ticket;
        Assert.Equal(booked, hall.Ok(HallCommand.CallNext(1), 6).Ticket); // the appointment's head start
        hall.Ok(HallCommand.NoShow(1), 7);
        var query = hall.Ok(HallCommand.QueryTicket(booked), 8);
        Assert.Equal(PriorityPolicy.Appointment, query.PriorityClass);
        Assert.Equal(booked, hall.Ok(HallCommand.CallNext(1), 9).Ticket);
        Assert.Equal(TicketState.Waiting, hall.StateOf(walkIn, 9));
    }

    [Fact]
    public void RequestIdReusedForAnotherCommand_RefusedClearly_NoSecondTicket()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var id = Guid.NewGuid();
        var first = hall.Ok(HallCommand.IssueTicket(1) with { RequestId = id }, 1);
        var reused = hall.Try(HallCommand.IssueTicket(1, age: 80) with { RequestId = id }, 2);
        Assert.False(reused.IsSuccess && reused.Ticket != first.Ticket, "a second ticket under the same request id");
        if (!reused.IsSuccess)
        {
            Assert.Equal(QueueError.RequestIdReused, reused.Error);
            Assert.False(string.IsNullOrWhiteSpace(reused.Message));
        }

        Assert.Equal(1, hall.GetSnapshot(AuditKit.At(3)).Services.Single().Waiting);
    }
}
