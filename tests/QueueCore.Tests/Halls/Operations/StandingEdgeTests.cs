using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>Standing at the edges: a stepped clock, huge head starts, resume bonuses, serials past 2^31, listed tiers.</summary>
public class StandingEdgeTests
{
    [Fact]
    public void CallNext_ComprehensiveWindowWithListedOverflowSkill_WaitsForTheDelay()
    {
        var d = Small(d => d with
        {
            Windows = [new() { Id = 1, Comprehensive = true, Skills = [new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] }],
        });
        var hall = Open(d, 1);
        var item2 = hall.Issue(0, 2);
        hall.Reject(HallCommand.CallNext(1), 1, QueueError.NothingWaiting);
        hall.Reject(HallCommand.CallNext(1), 9.9, QueueError.NothingWaiting);
        Assert.Equal(item2, hall.Call(1, 10));
    }

    [Fact]
    public void CallNext_ComprehensiveWindowWithListedOverflowSkill_PrimaryItemsFirst()
    {
        var d = Small(d => d with
        {
            Windows = [new() { Id = 1, Comprehensive = true, Skills = [new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] }],
        });
        var hall = Open(d, 1);
        var item2 = hall.Issue(0, 2);
        var item1 = hall.Issue(15, 1);
        Assert.Equal(item1, hall.Call(1, 20)); // primary before overflow, although item 2 waited longer
        hall.Do(HallCommand.Cancel(item1), 20);
        Assert.Equal(item2, hall.Call(1, 20));
    }

    [Fact]
    public void Apply_ClockSteppedBack_HallTimeNeverGoesBack()
    {
        var hall = Open(OneItem(), 1);
        var first = hall.Issue(10);
        var later = hall.Do(HallCommand.IssueTicket(1), 5).Ticket; // the wall clock was stepped back 5 minutes
        Assert.Equal(At(10), hall.Now);
        Assert.Equal(first, hall.Call(1, 6));
        var snapshot = hall.GetSnapshot(At(6));
        Assert.Equal(At(10), snapshot.AtWindows.Single().IssuedAt);
        Assert.Equal(At(10), snapshot.Waiting.Single(t => t.Ticket == later).IssuedAt);
    }

    [Fact]
    public void GetSnapshot_HeadStartLongerThanTimeSinceYearOne_DoesNotThrow()
    {
        var d = OneItem(d => d with
        {
            Priority = d.Priority with { Classes = [.. d.Priority.Classes.Select(c => c.Id == PriorityPolicy.GreenChannel ? c with { HeadStart = TimeSpan.FromDays(3650) } : c)] },
        });
        var early = DateTimeOffset.MinValue.AddDays(30);
        var hall = new Hall(d);
        hall.Apply(HallCommand.OpenDay(), early);
        hall.Apply(HallCommand.OpenWindow(1, 101), early);
        var normal = hall.Apply(HallCommand.IssueTicket(1), early).Ticket;
        var green = hall.Apply(HallCommand.IssueTicket(1, flags: TicketFlags.GreenChannel), early.AddMinutes(1)).Ticket;
        var snapshot = hall.GetSnapshot(early.AddMinutes(2));
        Assert.Equal([green, normal], snapshot.Waiting.Select(t => t.Ticket));
        Assert.Equal(TimeSpan.FromDays(3650), snapshot.Waiting[0].HeadStart);
        Assert.Equal(green, hall.Apply(HallCommand.CallNext(1), early.AddMinutes(2)).Ticket);
    }

    [Fact]
    public void HallDefinition_HeadStartBeyondTheLimit_RefusedNamingTheClass()
    {
        var d = OneItem(d => d with
        {
            Priority = d.Priority with { Classes = [.. d.Priority.Classes.Select(c => c.Id == PriorityPolicy.GreenChannel ? c with { HeadStart = TimeSpan.MaxValue } : c)] },
        });
        var e = Assert.Throws<ArgumentException>(() => new Hall(d));
        Assert.Contains("'green'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HallDefinition_NegativeResumeHeadStart_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Hall(OneItem(d => d with { Park = d.Park with { ResumeHeadStart = TimeSpan.FromMinutes(-1) } })));
        Assert.Contains("ResumeHeadStart", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumeParked_Bonus_ScaledByTheAgingRateLikeClassHeadStarts()
    {
        var d = OneItem(d => d with
        {
            Priority = d.Priority with { AgingRate = 2, MaxWait = null },
            Park = d.Park with { ResumeHeadStart = TimeSpan.FromMinutes(10), ReturnToSameWindow = false },
        });
        var hall = Open(d, 1);
        var parked = hall.Issue(0);
        hall.Serve(1, 0);
        hall.Do(HallCommand.Park(1), 1);
        hall.Do(HallCommand.ResumeParked(parked), 20);
        var view = hall.GetServiceQueue(1, hall.Now).Tickets.Single();
        Assert.Equal(TimeSpan.FromMinutes(5), view.HeadStart); // 10 minutes at aging rate 2
    }

    [Fact]
    public void CallNext_SerialsAcrossTwoToThe31_TreesAndQueuesAgreeOnIssueOrder()
    {
        // A specialised window reads tournament trees; its ties must break on the full serial, as the queues do.
        var d = Small();
        var original = Open(d, 1);
        var state = original.SaveState() with { Serial = (1L << 31) - 3 };
        var hall = Hall.Restore(d, state);
        var tickets = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            tickets.Add(hall.Do(HallCommand.IssueTicket(1 + (i % 2)), 1).Ticket); // same instant, items 1 and 2 alternating
        }

        foreach (var expected in tickets)
        {
            Assert.Equal(expected, hall.Call(1, 2));
            hall.Do(HallCommand.Cancel(expected), 2);
        }
    }
}
