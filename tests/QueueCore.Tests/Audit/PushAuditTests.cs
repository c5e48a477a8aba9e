namespace QueueCore.Tests.Audit;

/// <summary>Push to idle auto windows, checked from outside: every way a ticket comes to wait, and every way an auto
/// window comes to be idle with tickets waiting for it.</summary>
public sealed class PushAuditTests
{
    private static HallDefinition TwoWindows(bool comprehensiveSecond = false) => new()
    {
        Id = "push",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }, new() { Id = 2, Category = "A", Name = "Two" }],
        Windows =
        [
            new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
            new() { Id = 2, Skills = [new() { Service = 1 }, new() { Service = 2 }], Comprehensive = comprehensiveSecond },
        ],
    };

    [Fact]
    public void CancelCalledTicket_AutoWindowCallsNextWaiting()
    {
        var hall = AuditKit.Open(TwoWindows(), auto: true, 1);
        var first = hall.Issue(1);
        var second = hall.Issue(2);
        Assert.Equal(TicketState.Called, hall.StateOf(first, 2));
        hall.Ok(HallCommand.Cancel(first, "left"), 3);
        Assert.Equal(TicketState.Called, hall.StateOf(second, 3));
    }

    [Fact]
    public void ParkAtAutoWindow_WindowCallsNextWaiting()
    {
        var hall = AuditKit.Open(TwoWindows(), auto: true, 1);
        var first = hall.Issue(1);
        var second = hall.Issue(2);
        hall.Ok(HallCommand.StartServing(1), 3);
        hall.Ok(HallCommand.Park(1, "document"), 4);
        Assert.Equal(TicketState.Called, hall.StateOf(second, 4));
    }

    [Fact]
    public void ClosedWindowWithOwnQueue_QueueGoesToIdleAutoWindow()
    {
        var hall = new Hall(TwoWindows());
        hall.Ok(HallCommand.OpenDay(), 0);
        hall.Ok(HallCommand.OpenWindow(1, 101, auto: false), 0);
        hall.Ok(HallCommand.OpenWindow(2, 102, auto: false), 0);
        var a = hall.Issue(1);
        var b = hall.Issue(1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.CallNext(2), 2);
        hall.Ok(HallCommand.StartServing(2), 2);
        hall.Ok(HallCommand.TransferToWindow(2, 1), 3); // b waits in window 1's own queue
        hall.Ok(HallCommand.Finish(1), 4);
        // window 1 (manual) now idle; window 2 free; open a third path: close window 1 while b waits in its own queue
        hall.Ok(HallCommand.PauseWindow(1), 4);
        hall.Ok(HallCommand.CloseWindow(2), 5);
        hall.Ok(HallCommand.OpenWindow(2, 102, auto: true), 5);
        Assert.Equal(TicketState.Waiting, hall.StateOf(b, 5));
        hall.Ok(HallCommand.CloseWindow(1), 6);
        Assert.Equal(TicketState.Called, hall.StateOf(b, 6));
    }

    [Fact]
    public void RedefineAddsSkillToIdleAutoWindow_TicketWaitingForItIsCalled()
    {
        var d = TwoWindows() with
        {
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 }] },
                new() { Id = 2, Skills = [new() { Service = 2 }] },
            ],
        };
        var hall = AuditKit.Open(d, auto: true, 1);
        var t = hall.Issue(1, 2); // item 2: window 2 closed, window 1 cannot serve it
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 1));
        var wider = d with { Windows = [new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] }, d.Windows[1]] };
        hall = hall.Redefine(wider, AuditKit.At(2));
        Assert.Equal(TicketState.Called, hall.StateOf(t, 2));
    }

    [Fact]
    public void OverflowDelayPasses_IdleAutoWindowCallsByTick()
    {
        var d = TwoWindows() with
        {
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
                new() { Id = 2, Skills = [new() { Service = 2 }] },
            ],
        };
        var hall = AuditKit.Open(d, auto: true, 1);
        var t = hall.Issue(1, 2);
        Assert.Equal(AuditKit.At(11), hall.NextDue);
        hall.Ok(HallCommand.Tick(), 11);
        Assert.Equal(TicketState.Called, hall.StateOf(t, 11));
    }

    [Fact]
    public void NoShowDroppedAtAutoWindow_WindowCallsNextWaiting()
    {
        var d = TwoWindows() with { NoShow = new() { MaxNoShows = 1 } };
        var hall = AuditKit.Open(d, auto: true, 1);
        var first = hall.Issue(1);
        var second = hall.Issue(2);
        hall.Ok(HallCommand.NoShow(1), 3);
        Assert.Equal(TicketState.Called, hall.StateOf(second, 3));
    }

    [Fact]
    public void AutoWindowNoShowOnlyTicket_CalledBackAfterCallBackAfter()
    {
        var hall = AuditKit.Open(TwoWindows(), auto: true, 1);
        var first = hall.Issue(1);
        hall.Ok(HallCommand.NoShow(1), 3);
        Assert.Equal(TicketState.Waiting, hall.StateOf(first, 3));
        Assert.NotNull(hall.NextDue);
        Assert.True(hall.NextDue <= AuditKit.At(4));
        hall.Ok(HallCommand.Tick(), 4);
        Assert.Equal(TicketState.Called, hall.StateOf(first, 4));
    }

    [Fact]
    public void ManagerResumesPausedAutoWindow_CallsWaitingTicket()
    {
        var hall = AuditKit.Open(TwoWindows(), auto: true, 1);
        hall.Ok(HallCommand.PauseWindowAsManager(1, "break"), 1);
        var t = hall.Issue(2);
        hall.Ok(HallCommand.ResumeWindowAsManager(1), 3);
        Assert.Equal(TicketState.Called, hall.StateOf(t, 3));
    }

    [Fact]
    public void FinishAndPause_ThenResume_CallsWaiting()
    {
        var hall = AuditKit.Open(TwoWindows(), auto: true, 1);
        hall.Issue(1);
        hall.Ok(HallCommand.StartServing(1), 1);
        var t = hall.Issue(2);
        hall.Ok(HallCommand.FinishAndPause(1, "break"), 3);
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 3));
        hall.Ok(HallCommand.ResumeWindow(1), 4);
        Assert.Equal(TicketState.Called, hall.StateOf(t, 4));
    }

    [Fact]
    public void CloseDayServeRemaining_ThenOpenWindowAuto_CallsRemaining()
    {
        var hall = AuditKit.Open(TwoWindows(), auto: false, 1);
        var t = hall.Issue(1);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2);
        hall.Ok(HallCommand.OpenWindow(2, 102, auto: true), 3);
        Assert.Equal(TicketState.Called, hall.StateOf(t, 3));
    }
}
