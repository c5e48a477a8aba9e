namespace QueueCore.Tests.Audit;

/// <summary>Combinations: transfer, park and the day's close; a visit's next item at an auto window.</summary>
public sealed class CombinationAuditTests
{
    private static HallDefinition Hall(Func<HallDefinition, HallDefinition>? tweak = null)
    {
        var d = new HallDefinition
        {
            Id = "combo",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = [new() { Id = 1, Category = "A", Name = "One" }, new() { Id = 2, Category = "A", Name = "Two" }],
            Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }, new() { Id = 2, Skills = [new() { Service = 1 }, new() { Service = 2 }] }],
        };
        return tweak is null ? d : tweak(d);
    }

    [Fact]
    public void FinishAndCallNext_NextItemPushedToIdleAutoWindow_WindowCallsNextTicket()
    {
        var hall = AuditKit.Open(Hall(), auto: true, 1, 2);
        hall.Ok(HallCommand.PauseWindow(2), 0);
        var visit = hall.Issue(1, new ServiceItemList([1, 2]));
        var other = hall.Issue(2, 1);
        hall.Ok(HallCommand.ResumeWindow(2), 3); // window 2 calls 'other' (window 1 has the visit)
        hall.Ok(HallCommand.StartServing(1), 3);
        hall.Ok(HallCommand.StartServing(2), 3);
        hall.Ok(HallCommand.Finish(2), 4); // window 2 idle, auto
        var third = hall.Issue(5, 1);
        Assert.Equal(2, hall.Ok(HallCommand.QueryTicket(third), 5).Window);
        hall.Ok(HallCommand.StartServing(2), 5);
        hall.Ok(HallCommand.Finish(2), 6);
        hall.Ok(HallCommand.FinishAndCallNext(1), 7);
        var r = hall.Ok(HallCommand.QueryTicket(visit), 7);
        Assert.Equal(TicketState.Called, r.State);
        Assert.Equal(2, r.Window);
        Assert.Equal(2, r.Service);
        _ = other;
    }

    [Fact]
    public void TransferredParkedReturnsAfterServeRemainingClose_CalledByItsWindow()
    {
        var d = Hall(h => h with { Park = new() { AutoResumeAfter = TimeSpan.FromMinutes(10), ReturnToSameWindow = true } });
        var hall = AuditKit.Open(d, auto: false, 1, 2);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 3);
        hall.Ok(HallCommand.CallNext(2), 4);
        hall.Ok(HallCommand.StartServing(2), 4);
        hall.Ok(HallCommand.Park(2, "doc"), 5);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 6);
        hall.Ok(HallCommand.CloseWindow(2), 7);
        hall.Ok(HallCommand.OpenWindow(2, 102, auto: true), 8);
        Assert.Equal(AuditKit.At(15), hall.NextDue);
        hall.Ok(HallCommand.Tick(), 15);
        var r = hall.Ok(HallCommand.QueryTicket(t), 15);
        Assert.Equal(TicketState.Called, r.State);
        Assert.Equal(2, r.Window);
        hall.Ok(HallCommand.StartServing(2), 16);
        hall.Ok(HallCommand.Finish(2), 17);
        hall.Ok(HallCommand.OpenDay(), 60 * 20);
    }

    [Fact]
    public void TransferredParked_CancelWaitingClose_Cancelled_NextDayOpens()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 3);
        hall.Ok(HallCommand.CallNext(2), 4);
        hall.Ok(HallCommand.StartServing(2), 4);
        hall.Ok(HallCommand.Park(2, "doc"), 5);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 6);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(t, 6));
        Assert.False(hall.Try(HallCommand.ResumeParked(t), 7).IsSuccess);
        hall.Ok(HallCommand.OpenDay(), 60 * 20);
        Assert.Equal("A001", hall.Ok(HallCommand.IssueTicket(1), 60 * 20).Number.ToString());
    }

    [Fact]
    public void TransferToIdleAutoWindow_CalledThereAtOnce()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Ok(HallCommand.OpenWindow(2, 102, auto: true), 0);
        hall.Ok(HallCommand.PauseWindow(2), 0);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.ResumeWindow(2), 2);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 3);
        var r = hall.Ok(HallCommand.QueryTicket(t), 3);
        Assert.Equal(TicketState.Called, r.State);
        Assert.Equal(2, r.Window);
    }
}
