namespace QueueCore.Tests.Audit;

/// <summary>Third audit: a hall redefined while tickets wait, are parked, or are served at a window the definition drops.</summary>
public sealed class RedefineLiveAuditTests
{
    private static HallDefinition Hall(bool withTwo = true, bool withWindow2 = true) => new()
    {
        Id = "redefine-live",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = withTwo
            ? [new() { Id = 1, Category = "A", Name = "One" }, new() { Id = 2, Category = "A", Name = "Two" }]
            : [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = withWindow2
            ? [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }]
            : [new() { Id = 1, Comprehensive = true }],
    };

    [Fact]
    public void ItemAParkedTicketCarries_Removed_RefusedNamingIt_HallUnchanged()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var t = hall.Issue(1, 2);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Park(1, "missing document"), 3);
        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(Hall(withTwo: false), AuditKit.At(4)));
        Assert.Equal("definition", e.ParamName);
        Assert.Contains("2", e.Message);
        hall.Ok(HallCommand.ResumeParked(t), 5);
        Assert.Equal(t, hall.Ok(HallCommand.CallNext(1), 6).Ticket);
    }

    [Fact]
    public void WindowServing_Removed_RefusedNamingIt_ThenFinishedClosedRemoved()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var t = hall.Issue(1, 1);
        var waiting = hall.Issue(1, 1);
        Assert.Equal(t, hall.Ok(HallCommand.CallNext(2), 2).Ticket);
        hall.Ok(HallCommand.StartServing(2), 2);
        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(Hall(withWindow2: false), AuditKit.At(3)));
        Assert.Equal("definition", e.ParamName);
        Assert.Contains("window 2", e.Message);
        hall.Ok(HallCommand.Finish(2), 4);
        hall.Ok(HallCommand.CloseWindow(2), 4);
        hall = hall.Redefine(Hall(withWindow2: false), AuditKit.At(5));
        Assert.Equal(TicketState.Completed, hall.StateOf(t, 5));
        Assert.Equal(waiting, hall.Ok(HallCommand.CallNext(1), 6).Ticket);
    }

    [Fact]
    public void WindowWithTicketsSentToIt_ClosedThenRemoved_TicketsCalledElsewhere()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.PauseWindow(2), 2);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 3);
        Assert.Throws<ArgumentException>(() => hall.Redefine(Hall(withWindow2: false), AuditKit.At(4)));
        hall.Ok(HallCommand.CloseWindow(2), 5);
        hall = hall.Redefine(Hall(withWindow2: false), AuditKit.At(6));
        Assert.Equal(t, hall.Ok(HallCommand.CallNext(1), 7).Ticket);
    }
}
