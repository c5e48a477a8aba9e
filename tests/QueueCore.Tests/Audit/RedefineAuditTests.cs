namespace QueueCore.Tests.Audit;

/// <summary>Halls changed at run time while tickets are called, served, parked or sent to windows.</summary>
public sealed class RedefineAuditTests
{
    private static HallDefinition Hall(Func<HallDefinition, HallDefinition>? tweak = null)
    {
        var d = new HallDefinition
        {
            Id = "redefine",
            Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
            Services = [new() { Id = 1, Category = "A", Name = "One" }, new() { Id = 2, Category = "B", Name = "Two" }],
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
                new() { Id = 2, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
            ],
        };
        return tweak is null ? d : tweak(d);
    }

    [Fact]
    public void CalledWindowLosesSkill_TicketStillFinishes_NumberingGoesOn()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall = hall.Redefine(Hall(d => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 2 }] }, d.Windows[1]] }), AuditKit.At(3));
        hall.Ok(HallCommand.Recall(1), 4);
        hall.Ok(HallCommand.StartServing(1), 5);
        hall.Ok(HallCommand.Finish(1), 6);
        Assert.Equal(TicketState.Completed, hall.StateOf(t, 6));
        Assert.Equal("A002", hall.Ok(HallCommand.IssueTicket(1), 7).Number.ToString());
    }

    [Fact]
    public void CalledWindowLosesSkill_NoShowRequeuesToItemQueue_AutoWindowTakesIt()
    {
        var d = Hall(h => h with { NoShow = new() { RequeuePlacesBack = 0 } });
        var hall = AuditKit.Open(d, auto: false, 1);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.OpenWindow(2, 102, auto: true), 2);
        hall = hall.Redefine(d with { Windows = [new() { Id = 1, Skills = [new() { Service = 2 }] }, d.Windows[1]] }, AuditKit.At(3));
        hall.Ok(HallCommand.NoShow(1), 4);
        var r = hall.Ok(HallCommand.QueryTicket(t), 4);
        Assert.Equal(TicketState.Called, r.State);
        Assert.Equal(2, r.Window);
    }

    [Fact]
    public void TicketInWindowQueue_WindowLosesSkill_TicketNotStranded()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(2), 2);
        hall.Ok(HallCommand.StartServing(2), 2);
        hall.Ok(HallCommand.TransferToWindow(2, 1), 3); // waits in window 1's own queue
        var narrowed = Hall(d => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 2 }] }, d.Windows[1]] });
        try
        {
            hall = hall.Redefine(narrowed, AuditKit.At(4));
        }
        catch (ArgumentException e)
        {
            Assert.Contains("1", e.Message); // refused, naming the window: fine
            return;
        }

        // accepted: the ticket must still be callable by some window
        var someone = hall.Try(HallCommand.CallNext(1), 5);
        if (!someone.IsSuccess || someone.Ticket != t)
        {
            Assert.Equal(t, hall.Ok(HallCommand.CallNext(2), 5).Ticket);
        }
    }

    [Fact]
    public void RedefineRemovesCategory_ThenAddsBack_NumberingContinues()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(1, 2);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Finish(1), 3);
        var without = Hall(d => d with
        {
            Categories = [d.Categories[0]],
            Services = [d.Services[0]],
            Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }, new() { Id = 2, Skills = [new() { Service = 1 }] }],
        });
        hall = hall.Redefine(without, AuditKit.At(4));
        hall = hall.Redefine(Hall(), AuditKit.At(5));
        Assert.Equal("B002", hall.Ok(HallCommand.IssueTicket(2), 6).Number.ToString());
    }

    [Fact]
    public void RedefineWithSameDefinition_QueueAndPositionsUnchanged()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var a = hall.Issue(1, 1);
        var b = hall.Issue(2, 1, age: 70);
        var c = hall.Issue(3, 1);
        var before = hall.GetWindowQueue(1).Tickets.Select(q => (q.Ticket, q.Reason, q.HeadStart)).ToArray();
        hall = hall.Redefine(Hall(), AuditKit.At(4));
        var after = hall.GetWindowQueue(1).Tickets.Select(q => (q.Ticket, q.Reason, q.HeadStart)).ToArray();
        Assert.Equal(before, after);
        _ = (a, b, c);
    }
}
