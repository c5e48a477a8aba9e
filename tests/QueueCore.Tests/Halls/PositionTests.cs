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
}
