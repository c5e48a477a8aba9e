namespace QueueCore.Tests.Audit;

/// <summary>Boundaries an integrator hits: 0, 1 and the documented maxima.</summary>
public sealed class BoundaryAuditTests
{
    private static HallDefinition Hall(Func<HallDefinition, HallDefinition>? tweak = null)
    {
        var d = new HallDefinition
        {
            Id = "bounds",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = Enumerable.Range(1, 9).Select(i => new ServiceItem { Id = i, Category = "A", Name = $"Item {i}" }).ToArray(),
            Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }],
        };
        return tweak is null ? d : tweak(d);
    }

    [Fact]
    public void NarrowNumbering_NeverGivesALiveNumberTwice()
    {
        var hall = AuditKit.Open(Hall(h => h with { Categories = [new() { Id = "A", Prefix = "A", NumberWidth = 1 }] }), auto: false);
        var numbers = new HashSet<string>();
        for (var i = 0; i < 25; i++)
        {
            var r = hall.Try(HallCommand.IssueTicket(1), i * 0.1);
            if (!r.IsSuccess)
            {
                Assert.NotEqual(QueueError.None, r.Error);
                Assert.False(string.IsNullOrEmpty(r.Message));
                continue;
            }

            Assert.True(numbers.Add(r.Number.ToString()), $"{r.Number} given twice");
        }
    }

    [Fact]
    public void ParkReturn_Boundaries()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(0, 1);
        hall.Issue(0, 1);
        hall.Issue(0, 1);
        hall.Ok(HallCommand.CallNext(1), 1);
        hall.Ok(HallCommand.StartServing(1), 1);
        Assert.Equal(QueueError.InvalidArgument, hall.Try(HallCommand.Park(1, "doc", AuditKit.At(2)), 2).Error); // now
        var max = AuditKit.At(2) + HallCommand.MaxReturnAhead;
        var over = hall.Try(HallCommand.Park(1, "doc", max.AddTicks(1)), 2);
        Assert.Equal(QueueError.InvalidArgument, over.Error);
        hall.Ok(HallCommand.Park(1, "doc", max), 2);
    }

    [Fact]
    public void ItemsPerTicket_EightAcceptedNineRefused_DuplicatesClear()
    {
        var hall = AuditKit.Open(Hall(), auto: false);
        hall.Ok(HallCommand.IssueTicket(new ServiceItemList([1, 2, 3, 4, 5, 6, 7, 8])), 1);
        Assert.Throws<ArgumentException>(() => new ServiceItemList([1, 2, 3, 4, 5, 6, 7, 8, 9])); // as its XML docs say
        var dup = hall.Try(HallCommand.IssueTicket(new ServiceItemList([1, 1])), 1);
        Assert.True(dup.IsSuccess || !string.IsNullOrEmpty(dup.Message));
    }

    [Fact]
    public void RememberedRequests_One_KeepsTheLastOnly()
    {
        var hall = AuditKit.Open(Hall(h => h with { RememberedRequests = 1 }), auto: false);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var first = hall.Ok(HallCommand.IssueTicket(1).WithRequestId(a), 1);
        Assert.Equal(first.Ticket, hall.Ok(HallCommand.IssueTicket(1).WithRequestId(a), 1).Ticket);
        hall.Ok(HallCommand.IssueTicket(1).WithRequestId(b), 2);
        Assert.Equal(2, hall.TotalWaiting);
    }

    [Fact]
    public void RememberedRequests_Zero_RetryIssuesAgain_NoCrash()
    {
        var hall = AuditKit.Open(Hall(h => h with { RememberedRequests = 0 }), auto: false);
        var a = Guid.NewGuid();
        hall.Ok(HallCommand.IssueTicket(1).WithRequestId(a), 1);
        hall.Ok(HallCommand.IssueTicket(1).WithRequestId(a), 1);
        var restored = QueueCore.Hall.Restore(hall.Definition, hall.SaveState());
        Assert.Equal(2, restored.TotalWaiting);
    }

    [Fact]
    public void CloseDayServeRemaining_ThenCancelWaiting_CancelsTheRest()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2);
        var r = hall.Try(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 3);
        Assert.True(r.IsSuccess, r.Message);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(t, 3));
        hall.Ok(HallCommand.OpenDay(), 60 * 20);
    }

    [Fact]
    public void ClosedDay_FinishAndCallNext_FinishesEvenWithNothingToCall()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var t = hall.Issue(1, 1);
        hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 3);
        var r = hall.Apply(HallCommand.FinishAndCallNext(1), AuditKit.At(4));
        Assert.Equal(TicketState.Completed, hall.StateOf(t, 4));
        _ = r;
        hall.Ok(HallCommand.OpenDay(), 60 * 20);
    }

    [Fact]
    public void ClosedDay_NoShowDropsTicket_DayOpensNext()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 3);
        hall.Ok(HallCommand.NoShow(1), 4);
        Assert.NotEqual(TicketState.Waiting, hall.StateOf(t, 4));
        hall.Ok(HallCommand.OpenDay(), 60 * 20);
        Assert.Equal("A001", hall.Ok(HallCommand.IssueTicket(1), 60 * 20).Number.ToString());
    }

    [Fact]
    public void Rate_Boundaries()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var t = hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Finish(1), 3);
        Assert.Equal(QueueError.InvalidArgument, hall.Try(HallCommand.Rate(t, 0), 4).Error);
        Assert.Equal(QueueError.InvalidArgument, hall.Try(HallCommand.Rate(t, 6), 4).Error);
        hall.Ok(HallCommand.Rate(t, 5), 4);
    }

    [Fact]
    public void MaxRecallsZero_RecallRefused_NoShowWorks()
    {
        var hall = AuditKit.Open(Hall(h => h with { NoShow = new() { MaxRecalls = 0 } }), auto: false, 1);
        hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        var r = hall.Try(HallCommand.Recall(1), 3);
        Assert.False(r.IsSuccess);
        Assert.False(string.IsNullOrEmpty(r.Message));
        hall.Ok(HallCommand.NoShow(1), 3);
    }
}
