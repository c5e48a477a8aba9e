using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class ParkAndResumeTests
{
    [Fact]
    public void Park_Serving_TicketParkedWindowIdle()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        var r = hall.Do(HallCommand.Park(1, "missing ID copy"), 2);
        Assert.Equal((a, TicketState.Parked), (r.Ticket, r.State));
        var e = hall.Single(HallEventKind.Parked);
        Assert.Equal((a, 1), (e.Ticket, e.Window));
        Assert.Equal("missing ID copy", hall.GetSnapshot(At(2)).Parked.Single().Note);
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 2).State);
        Assert.Equal(TicketState.Parked, hall.StateOf(a, 2));
        Assert.Equal(0, hall.TotalWaiting);
        hall.Reject(HallCommand.CallNext(1), 3, QueueError.NothingWaiting);
    }

    [Fact]
    public void Park_NotServing_WindowWrongState()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Reject(HallCommand.Park(1), 1, QueueError.WindowWrongState);
        hall.Call(1, 1);
        hall.Reject(HallCommand.Park(1), 1, QueueError.WindowWrongState);
        hall.Reject(HallCommand.Park(2), 1, QueueError.WindowNotOpen);
    }

    [Fact]
    public void ResumeParked_NotParked_TicketWrongState()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Reject(HallCommand.ResumeParked(a), 1, QueueError.TicketWrongState);
        hall.Reject(HallCommand.ResumeParked(424242), 1, QueueError.UnknownTicket);
    }

    [Fact]
    public void ResumeParked_ReturnsToTheParkingWindowsOwnQueue()
    {
        var hall = Open(OneItem(), 1, 2);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        hall.Do(HallCommand.CallTicket(1, a), 2);
        hall.Do(HallCommand.StartServing(1), 2);
        hall.Do(HallCommand.Park(1), 3);
        var r = hall.Do(HallCommand.ResumeParked(a), 10);
        Assert.Equal(TicketState.Waiting, r.State);
        var e = hall.Single(HallEventKind.Resumed);
        Assert.Equal((a, 1), (e.Ticket, e.Window));
        Assert.Equal(b, hall.Call(2, 11)); // window 2 cannot take it
        Assert.Equal(a, hall.Call(1, 11));
    }

    [Fact]
    public void ResumeParked_ParkingWindowClosed_GoesToItemQueue()
    {
        var hall = Open(OneItem(), 1, 2);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1), 2);
        hall.Do(HallCommand.CloseWindow(1), 3);
        hall.Do(HallCommand.ResumeParked(a), 4);
        Assert.Equal(a, hall.Call(2, 5));
    }

    [Fact]
    public void ResumeParked_ReturnToSameWindowOff_GoesToItemQueue()
    {
        var hall = Open(OneItem(d => d with { Park = new() { ReturnToSameWindow = false } }), 1, 2);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1), 2);
        hall.Do(HallCommand.ResumeParked(a), 4);
        Assert.Equal(a, hall.Call(2, 5));
    }

    [Theory]
    [InlineData(10, true)] // rank 0 - 10 beats the elderly ticket's 8 - 10 = -2
    [InlineData(0, false)]
    public void ResumeParked_StandingImprovesByResumeHeadStart(int bonusMinutes, bool parkedFirst)
    {
        var hall = Open(OneItem(d => d with
        {
            Park = new() { ReturnToSameWindow = false, ResumeHeadStart = TimeSpan.FromMinutes(bonusMinutes) },
            Priority = d.Priority with { MaxWait = null },
        }), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1), 2);
        var elderly = hall.Issue(8, age: 70);
        hall.Do(HallCommand.ResumeParked(a), 9);
        Assert.Equal(At(-bonusMinutes), hall.GetSnapshot(At(9)).Waiting.Single(t => t.Ticket == a).Standing);
        Assert.Equal(parkedFirst ? a : elderly, hall.Call(1, 10));
    }

    [Fact]
    public void ResumeParked_Twice_SecondRefused()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1), 2);
        hall.Do(HallCommand.ResumeParked(a), 3);
        hall.Reject(HallCommand.ResumeParked(a), 4, QueueError.TicketWrongState);
    }

    [Fact]
    public void Park_WithReturnTime_ComesBackThenByItself()
    {
        var hall = Open(OneItem(d => d with { Park = d.Park with { AutoResumeAfter = null } }), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1, "fetching the contract", At(20)), 2);
        Assert.Equal(1080, hall.Single(HallEventKind.Parked).Value); // back in 18 minutes
        Assert.Equal(At(20), hall.NextDue);
        hall.Do(HallCommand.Tick(), 19.9);
        Assert.Equal(TicketState.Parked, hall.StateOf(a, 19.9));
        hall.Do(HallCommand.Tick(), 20);
        Assert.Contains(HallEventKind.Resumed, hall.Kinds());
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 20));
    }

    [Fact]
    public void Park_ReturnTimesOutOfOrder_EachComesBackAtItsOwnTime()
    {
        var hall = Open(OneItem(), 1, 2);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Serve(2, 1);
        hall.Do(HallCommand.Park(1, null, At(40)), 2);
        hall.Do(HallCommand.Park(2, null, At(10)), 3);
        hall.Do(HallCommand.Tick(), 10);
        Assert.Equal(b, hall.Single(HallEventKind.Resumed).Ticket);
        Assert.Equal(TicketState.Parked, hall.StateOf(a, 10));
        Assert.Equal([a], hall.GetSnapshot(At(10)).Parked.Select(t => t.Ticket));
        Assert.Equal(At(40), hall.NextDue);
    }

    [Fact]
    public void Park_ReturnTimeInThePast_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.Park(1, null, At(1)), 2, QueueError.InvalidArgument);
    }

    [Fact]
    public void Park_ReturnTimeInThePast_RefusalShowsNowAndTheGivenTimeInHallTime()
    {
        // T0 is 01:00 UTC, 09:00 in Shanghai: the clerk read "now (2026-11-23 01:02:00Z)" at a desk whose clock showed 09:02.
        var hall = Open(OneItem(d => d with { TimeZone = "Asia/Shanghai" }), 1);
        hall.Issue(0);
        hall.Serve(1, 1);

        var r = hall.Reject(HallCommand.Park(1, null, At(1)), 2, QueueError.InvalidArgument);

        Assert.Contains("later than now (2026-11-23 09:02:00 hall time); 2026-11-23 09:01:00 was given", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Park_ReturnTimeDefault_RefusedAsInThePast_NotTakenAsNone()
    {
        // default(DateTimeOffset) has UtcTicks 0, the command's mark for "no return time": it parked the ticket with
        // the hall's policy, as if none were given, instead of refusing a return time in the past.
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Serve(1, 1);
        Assert.NotNull(HallCommand.Park(1, null, default(DateTimeOffset)).ReturnAt);
        var r = hall.Reject(HallCommand.Park(1, null, default(DateTimeOffset)), 2, QueueError.InvalidArgument);
        Assert.Contains("0001-01-01 00:00:00 was given", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Park_ReturnTimeDefault_HallWestOfUtc_Refused()
    {
        // 0001-01-01 00:00 UTC is before the first day in New York's hall time: the refusal must still say it, not throw.
        var hall = Open(OneItem(d => d with { TimeZone = "America/New_York" }), 1);
        hall.Issue(0);
        hall.Serve(1, 1);

        var r = hall.Reject(HallCommand.Park(1, null, default(DateTimeOffset)), 2, QueueError.InvalidArgument);

        Assert.Contains("0001-01-01", r.Message, StringComparison.Ordinal);
    }
}
