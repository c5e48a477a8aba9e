namespace QueueCore.Tests.Audit;

/// <summary>The day boundary, numbering, request ids across days and redefinitions, and the hall's clock.</summary>
public sealed class DayAuditTests
{
    private static HallDefinition Hall(Func<HallDefinition, HallDefinition>? tweak = null)
    {
        var d = new HallDefinition
        {
            Id = "day",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = [new() { Id = 1, Category = "A", Name = "One" }, new() { Id = 2, Category = "A", Name = "Two" }],
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
                new() { Id = 2, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
            ],
        };
        return tweak is null ? d : tweak(d);
    }

    [Fact]
    public void OpenDay_WithTicketParkedAfterServeRemaining_IsRefusedOrCancelsIt_NeverDuplicates()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var t = hall.Issue(1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Park(1, "doc"), 3);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 4);
        var open = hall.Try(HallCommand.OpenDay(), 60 * 24);
        if (open.IsSuccess)
        {
            var state = hall.StateOf(t, 60 * 24);
            Assert.NotEqual(TicketState.Parked, state);
            Assert.NotEqual(TicketState.Waiting, state);
        }
        else
        {
            Assert.Equal(QueueError.DayWrongState, open.Error);
        }
    }

    [Fact]
    public void CloseDayCancelWaiting_TransferOfServedTicket_Refused_ThenNextDayOpens()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var t = hall.Issue(1, new ServiceItemList([1, 2]));
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 3);
        Assert.False(hall.Try(HallCommand.TransferToWindow(1, 2), 4).IsSuccess);
        Assert.False(hall.Try(HallCommand.TransferToService(1, 2), 4).IsSuccess);
        Assert.False(hall.Try(HallCommand.Park(1, "doc"), 4).IsSuccess);
        hall.Ok(HallCommand.Finish(1), 5); // next item 2 is cancelled, nothing waits again
        Assert.NotEqual(TicketState.Waiting, hall.StateOf(t, 5));
        hall.Ok(HallCommand.OpenDay(), 60 * 24);
        var next = hall.Ok(HallCommand.IssueTicket(1), 60 * 24 + 1);
        Assert.Equal("A001", next.Number.ToString());
    }

    [Fact]
    public void RequestIdRetry_AfterRedefinition_GetsFirstTicket()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var id = Guid.NewGuid();
        var first = hall.Ok(HallCommand.IssueTicket(1).WithRequestId(id), 1);
        hall = hall.Redefine(Hall(d => d with { Name = "renamed" }), AuditKit.At(2));
        var retry = hall.Ok(HallCommand.IssueTicket(1).WithRequestId(id), 3);
        Assert.Equal(first.Ticket, retry.Ticket);
        Assert.Equal(first.Number, retry.Number);
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void RequestIdRetry_AfterSaveRestore_GetsFirstTicket()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var id = Guid.NewGuid();
        var first = hall.Ok(HallCommand.IssueTicket(1).WithRequestId(id), 1);
        var restored = QueueCore.Hall.Restore(Hall(), hall.SaveState());
        var retry = restored.Ok(HallCommand.IssueTicket(1).WithRequestId(id), 3);
        Assert.Equal(first.Ticket, retry.Ticket);
        Assert.Equal(1, restored.TotalWaiting);
    }

    [Fact]
    public void RequestIdRetry_OfCall_AfterTicketFinished_GetsFirstCall()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(1);
        hall.Issue(1);
        var id = Guid.NewGuid();
        var first = hall.Ok(HallCommand.CallNext(1).WithRequestId(id), 2);
        hall.Ok(HallCommand.StartServing(1), 3);
        hall.Ok(HallCommand.Finish(1), 3);
        var retry = hall.Ok(HallCommand.CallNext(1).WithRequestId(id), 4);
        Assert.Equal(first.Ticket, retry.Ticket);
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void RequestIdRetry_AfterNewDay_DoesNotIssueASecondTicketForOldDay()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var id = Guid.NewGuid();
        var first = hall.Ok(HallCommand.IssueTicket(1).WithRequestId(id), 1);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 2);
        hall.Ok(HallCommand.OpenDay(), 60 * 24);
        var retry = hall.Try(HallCommand.IssueTicket(1).WithRequestId(id), 60 * 24 + 1);
        // Either the first (cancelled) ticket comes back, or a fresh one: never a crash.
        Assert.True(retry.IsSuccess || retry.Error != QueueError.None);
    }

    [Fact]
    public void ClockSteppedBack_TicketIssuedAfterStepIsNotCalledFirst()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var first = hall.Issue(10);
        var second = hall.Issue(5); // the wall clock stepped back five minutes
        Assert.Equal(first, hall.Ok(HallCommand.CallNext(1), 6).Ticket);
        Assert.Equal(AuditKit.At(10), hall.Now);
        _ = second;
    }

    [Fact]
    public void ClockSteppedBack_ParkReturnRelative()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(10);
        hall.Ok(HallCommand.CallNext(1), 10);
        hall.Ok(HallCommand.StartServing(1), 10);
        var r = hall.Try(HallCommand.Park(1, "doc", AuditKit.At(9)), 5); // "back in 4 minutes" on a clock 5 behind
        Assert.True(r.IsSuccess, r.Message);
    }

    [Fact]
    public void HeadStartAtMaximum_SnapshotAndQueueViewWork()
    {
        var d = Hall(h => h with
        {
            Priority = new()
            {
                Classes = [new() { Id = "strict", HeadStart = PriorityPolicy.MaxHeadStart }, new() { Id = "normal" }],
                Rules = [new() { Class = "strict", MinAge = 65 }],
                AppointmentClass = null,
            },
            Park = new() { ResumeHeadStart = PriorityPolicy.MaxHeadStart },
        });
        var hall = AuditKit.Open(d, auto: false, 1);
        var strict = hall.Issue(1, age: 70);
        var normal = hall.Issue(0.5);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Park(1, "doc"), 3);
        hall.Ok(HallCommand.ResumeParked(strict), 4);
        var snapshot = hall.GetSnapshot(AuditKit.At(5));
        Assert.Equal(2, snapshot.Services.Sum(s => s.Waiting));
        var view = hall.GetWindowQueue(1);
        Assert.Equal(strict, view.Tickets[0].Ticket);
        Assert.Equal(strict, hall.Ok(HallCommand.CallNext(1), 6).Ticket);
        _ = normal;
    }

    [Fact]
    public void HeadStartAtMaximum_SmallAgingRate_Refused()
    {
        var d = Hall(h => h with
        {
            Priority = new()
            {
                AgingRate = 0.5,
                Classes = [new() { Id = "strict", HeadStart = PriorityPolicy.MaxHeadStart }, new() { Id = "normal" }],
                Rules = [],
                AppointmentClass = null,
            },
        });
        var e = Assert.ThrowsAny<ArgumentException>(() => new Hall(d));
        Assert.Contains("strict", e.Message);
    }
}
