namespace QueueCore.Tests.Audit;

/// <summary>Third audit: a ticket sent to a window that is paused, paused by the manager, closed, or closes after.</summary>
public sealed class TransferTargetAuditTests
{
    private static HallDefinition Hall() => new()
    {
        Id = "transfer-target",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }, new() { Id = 3, Comprehensive = true }],
    };

    [Fact]
    public void SentToPausedWindow_WhichThenCloses_BackInItsItemQueue_KeepingItsStanding()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2, 3);
        var first = hall.Issue(1);
        var second = hall.Issue(2);
        hall.Ok(HallCommand.PauseWindow(2, "break"), 3);
        Assert.Equal(first, hall.Ok(HallCommand.CallNext(1), 4).Ticket);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 5);
        Assert.Equal(TicketState.Waiting, hall.StateOf(first, 5));
        Assert.Equal(second, hall.Ok(HallCommand.CallNext(3), 6).Ticket); // window 3 may not call what waits for window 2
        hall.Ok(HallCommand.CloseWindow(2), 7);
        Assert.Equal(first, hall.Ok(HallCommand.CallNext(1), 8).Ticket);
    }

    [Fact]
    public void SentToWindowTheManagerPaused_WaitsThere_CalledFirstOnceResumed()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var first = hall.Issue(1);
        var second = hall.Issue(2);
        hall.Ok(HallCommand.PauseWindowAsManager(2, "meeting"), 3);
        hall.Ok(HallCommand.CallNext(1), 4);
        var sent = hall.Ok(HallCommand.TransferToWindow(1, 2), 5);
        Assert.True(sent.EstimatedWait > TimeSpan.Zero, "a paused window calls no one: not 'no wait'");
        Assert.Equal(QueueError.WindowWrongState, hall.Try(HallCommand.ResumeWindow(2), 6).Error);
        hall.Ok(HallCommand.ResumeWindowAsManager(2), 7);
        Assert.Equal(first, hall.Ok(HallCommand.CallNext(2), 8).Ticket);
        Assert.Equal(second, hall.Ok(HallCommand.CallNext(1), 9).Ticket);
    }

    [Fact]
    public void SentToClosedWindow_Refused_TicketStaysCalledAtItsWindow()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var first = hall.Issue(1);
        hall.Ok(HallCommand.CallNext(1), 2);
        var refused = hall.Try(HallCommand.TransferToWindow(1, 2), 3);
        Assert.Equal(QueueError.WindowNotOpen, refused.Error);
        Assert.Contains("2", refused.Message);
        Assert.Equal(TicketState.Called, hall.StateOf(first, 3));
        hall.Ok(HallCommand.StartServing(1), 4);
        hall.Ok(HallCommand.Finish(1), 5);
        Assert.Equal(TicketState.Completed, hall.StateOf(first, 5));
    }

    [Fact]
    public void SentToPausedAutoWindow_PushedThereWhenItResumes()
    {
        var hall = AuditKit.Open(Hall(), auto: true, 1, 2);
        var first = hall.Issue(1); // pushed to window 1 or 2
        var at = hall.Ok(HallCommand.QueryTicket(first), 1).Window;
        var other = at == 1 ? 2 : 1;
        hall.Ok(HallCommand.PauseWindow(other), 2);
        hall.Ok(HallCommand.TransferToWindow(at, other), 3);
        Assert.Equal(TicketState.Waiting, hall.StateOf(first, 3));
        var resumed = hall.Ok(HallCommand.ResumeWindow(other), 4);
        Assert.Equal(first, resumed.Ticket);
        Assert.Equal(TicketState.Called, hall.StateOf(first, 4));
    }

    [Fact]
    public void SentToItsOwnWindow_NeverStranded()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var first = hall.Issue(1);
        hall.Ok(HallCommand.CallNext(1), 2);
        var r = hall.Try(HallCommand.TransferToWindow(1, 1), 3);
        if (r.IsSuccess)
        {
            Assert.Equal(first, hall.Ok(HallCommand.CallNext(1), 4).Ticket);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Message));
            Assert.Equal(TicketState.Called, hall.StateOf(first, 4));
        }
    }
}
