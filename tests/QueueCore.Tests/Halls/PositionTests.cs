namespace QueueCore.Tests.Halls;

public class PositionTests
{
    private static HallDefinition OneItem() => new()
    {
        Id = "position",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", ExpectedHandlingTime = TimeSpan.FromMinutes(4) }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }, new() { Id = 2, Skills = [new() { Service = 1 }] }],
    };

    [Fact]
    public void IssueTicket_ShortQueue_PositionCountsEveryClassAhead()
    {
        var now = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(OneItem(), now, 1, 2);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i, hall.Apply(HallCommand.IssueTicket(1), now.AddSeconds(i)).Position);
        }

        // An elderly ticket (10 minutes' head start) issued a minute later passes all ten normal tickets.
        var elderly = hall.Apply(HallCommand.IssueTicket(1, age: 80), now.AddMinutes(1));
        Assert.Equal(0, elderly.Position);
        Assert.Equal(TimeSpan.Zero, elderly.EstimatedWait);

        // A normal ticket after it has all eleven ahead: 11 tickets over 2 open windows at 4 minutes each.
        var normal = hall.Apply(HallCommand.IssueTicket(1), now.AddMinutes(1));
        Assert.Equal(11, normal.Position);
        Assert.Equal(TimeSpan.FromMinutes(22), normal.EstimatedWait);

        // Calling two moves everyone up by two.
        hall.Apply(HallCommand.CallNext(1), now.AddMinutes(2));
        hall.Apply(HallCommand.CallNext(2), now.AddMinutes(2));
        Assert.Equal(9, hall.Apply(HallCommand.QueryTicket(normal.Ticket), now.AddMinutes(2)).Position);
    }

    [Fact]
    public void IssueTicket_InterleaveRule_PositionCountsRankOrderAndTheWindowQueueTheCallOrder()
    {
        // Pins down what CommandResult.Position means under an interleave rule (one normal call for each priority one):
        // the tickets ranked ahead, not the calls before; the window's queue view gives the calls.
        var now = HallFixtures.Morning;
        var definition = OneItem() with { Priority = new PriorityPolicy { Interleave = new() { PriorityCalls = 1, NormalCalls = 1 }, MaxWait = null } };
        var hall = HallFixtures.OpenHall(definition, now, 1);
        var p1 = hall.Apply(HallCommand.IssueTicket(1, age: 80), now);
        var p2 = hall.Apply(HallCommand.IssueTicket(1, age: 80), now);
        var n1 = hall.Apply(HallCommand.IssueTicket(1), now.AddMinutes(1));
        Assert.Equal((0, 1, 2), (p1.Position, p2.Position, n1.Position)); // rank order: both elderly tickets are ahead of n1
        Assert.Equal([p1.Ticket, n1.Ticket, p2.Ticket], hall.GetWindowQueue(1, hall.Now).Tickets.Select(t => t.Ticket)); // the calls

        Assert.Equal(p1.Ticket, hall.Apply(HallCommand.CallNext(1), now.AddMinutes(2)).Ticket);
        Assert.Equal(1, hall.Apply(HallCommand.QueryTicket(n1.Ticket), now.AddMinutes(2)).Position); // p2 still ranks ahead
        Assert.Equal(0, hall.GetWindowQueue(1, hall.Now).Tickets.Single(t => t.Ticket == n1.Ticket).Position); // but n1 is called next
        hall.Apply(HallCommand.Cancel(p1.Ticket), now.AddMinutes(2));
        Assert.Equal(n1.Ticket, hall.Apply(HallCommand.CallNext(1), now.AddMinutes(3)).Ticket);
    }

    [Fact]
    public void IssueTicket_ItemQueueEmptiesAndRefills_PositionCountsOnlyTheItemsQueue()
    {
        // Two items, so a ticket of one never counts the other's; windows 1 and 2 serve both.
        var definition = OneItem() with
        {
            Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }],
            Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }],
        };
        var now = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(definition, now, 1, 2);
        Assert.Equal(0, hall.Apply(HallCommand.IssueTicket(2), now).Position);

        var a = hall.Apply(HallCommand.IssueTicket(1), now.AddSeconds(1));
        var b = hall.Apply(HallCommand.IssueTicket(1), now.AddSeconds(2));
        Assert.Equal((0, 1), (a.Position, b.Position)); // item 2's ticket is in another queue

        // Window 1 calls item 2's ticket (the oldest), finishes it and calls a, then sends a to window 2's own queue:
        // b is then alone in item 1's queue, and a ticket waiting at a window is not in it.
        Assert.Equal(QueueError.None, hall.Apply(HallCommand.CallNext(1), now.AddSeconds(3)).Error);
        Assert.Equal(a.Ticket, hall.Apply(HallCommand.FinishAndCallNext(1), now.AddSeconds(4)).Ticket);
        Assert.Equal(QueueError.None, hall.Apply(HallCommand.StartServing(1), now.AddSeconds(4)).Error);
        Assert.Equal(QueueError.None, hall.Apply(HallCommand.TransferToWindow(1, 2), now.AddSeconds(5)).Error);
        Assert.Equal(0, hall.Apply(HallCommand.QueryTicket(b.Ticket), now.AddSeconds(5)).Position);
        Assert.Equal(1, hall.Apply(HallCommand.IssueTicket(1), now.AddSeconds(6)).Position);

        // b called: item 1's queue holds one ticket again; an elderly ticket goes ahead of it.
        Assert.Equal(b.Ticket, hall.Apply(HallCommand.CallNext(1), now.AddSeconds(8)).Ticket);
        Assert.Equal(0, hall.Apply(HallCommand.IssueTicket(1, age: 80), now.AddSeconds(9)).Position);
    }

    [Fact]
    public void QueryTicket_DeepInLongQueue_PositionIsCloseToExact()
    {
        var now = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(OneItem(), now, 1);
        var tickets = new List<long>();
        for (var i = 0; i < 1000; i++)
        {
            tickets.Add(hall.Apply(HallCommand.IssueTicket(1), now.AddSeconds(i)).Ticket);
        }

        // Exact near either end, interpolated in the middle (arrivals here are evenly spread, so closely).
        Assert.Equal(5, hall.Apply(HallCommand.QueryTicket(tickets[5]), now.AddHours(1)).Position);
        Assert.Equal(990, hall.Apply(HallCommand.QueryTicket(tickets[990]), now.AddHours(1)).Position);
        var middle = hall.Apply(HallCommand.QueryTicket(tickets[500]), now.AddHours(1)).Position;
        Assert.InRange(middle, 495, 505);
    }

    [Fact]
    public void QueryTicket_FewEarlyTicketsThenABurst_PositionExactNearEitherEnd()
    {
        // Real mornings are not evenly spread: two citizens at 8:00 and 9:50, then thirty in the five minutes to 10:00.
        // The 9:50 ticket is second in line, but its issue time is nearer the burst's: it was told 15 ahead, not 1.
        var now = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(OneItem(), now, 1);
        var tickets = new List<long>
        {
            hall.Apply(HallCommand.IssueTicket(1), now).Ticket,
            hall.Apply(HallCommand.IssueTicket(1), now.AddMinutes(110)).Ticket,
        };
        for (var i = 0; i < 30; i++)
        {
            tickets.Add(hall.Apply(HallCommand.IssueTicket(1), now.AddMinutes(115).AddSeconds(10 * i)).Ticket);
        }

        var at = now.AddMinutes(121);
        Assert.Equal(1, hall.Apply(HallCommand.QueryTicket(tickets[1]), at).Position);

        // And the other way round: a burst at 8:00, then two stragglers; the burst's last ticket is third from the end.
        var late = HallFixtures.OpenHall(OneItem() with { Id = "late" }, now, 1);
        var burst = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            burst.Add(late.Apply(HallCommand.IssueTicket(1), now.AddSeconds(10 * i)).Ticket);
        }

        late.Apply(HallCommand.IssueTicket(1), now.AddMinutes(100));
        late.Apply(HallCommand.IssueTicket(1), now.AddMinutes(110));
        Assert.Equal(29, late.Apply(HallCommand.QueryTicket(burst[29]), at).Position);
    }
}
