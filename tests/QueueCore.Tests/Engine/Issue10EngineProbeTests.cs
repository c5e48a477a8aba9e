namespace QueueCore.Tests.Engine;

/// <summary>Issue 10's Add 1 and Add 2 through the engine, from outside, on a hall whose windows serve whole categories.</summary>
public class Issue10EngineProbeTests
{
    private static HallDefinition CategoryHall(string id) => new()
    {
        Id = id,
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }, new() { Id = 3, Category = "B" }],
        Windows =
        [
            new() { Id = 1, Skills = [new() { Category = "A" }, new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }] },
            new() { Id = 2, Skills = [new() { Category = "B" }] },
        ],
    };

    // A kiosk's request answered by a hall that is then saved, removed and added again from its state (moved to another
    // engine, say): the kiosk's retry with the same request id gets its first ticket, not a second one; the queue, the
    // numbering and the windows' order go on.
    [Fact]
    public async Task IssueTicket_RetriedAfterTheHallWasSavedRemovedAndAddedBack_FirstTicketNoSecond()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1));
        var hall = engine.AddHall(CategoryHall("moving"));
        engine.Start();
        await EngineTestKit.OpenAsync(hall, 1);
        var id = Guid.NewGuid();
        var first = await engine.SubmitAsync("moving", HallCommand.IssueTicket(new ServiceItemList([3, 1])).WithRequestId(id)).Bounded();
        var other = await hall.IssueTicketAsync(2).Bounded();
        var state = await hall.SaveStateAsync().Bounded();
        Assert.True(await engine.RemoveHallAsync("moving").Bounded());

        var back = engine.AddHall(CategoryHall("moving"), state);
        var retry = await engine.SubmitAsync("moving", HallCommand.IssueTicket(new ServiceItemList([3, 1])).WithRequestId(id)).Bounded();
        Assert.Equal((first.Ticket, first.Number), (retry.Ticket, retry.Number));
        var snapshot = await back.GetSnapshotAsync().Bounded();
        Assert.Equal(2, snapshot.TotalWaiting);
        Assert.Equal("A002", (await back.IssueTicketAsync(1).Bounded()).Number.ToString());

        // Window 1 serves A whole (item 2's ticket, issued after B001 whose item 3 it takes only after 5 minutes).
        Assert.Equal(other.Ticket, (await back.CallNextAsync(1).Bounded()).Ticket);
    }

    // Add 4 through the engine: the view stands at the engine's clock, not at the hall's last command. Six minutes after
    // B001 was issued, with no command since, window 1 (B as overflow after 5 minutes) lists it as callable overflow,
    // waited six minutes, and takes it; MaxWait passing makes it overdue in the view the same way.
    [Fact]
    public async Task GetWindowQueueAsync_TimePassedWithoutACommand_OverflowEligibilityAndWaitsAsOfNow()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EngineTestKit.Morning);
        var definition = CategoryHall("clock") with { Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(30) } };
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1) with { TickInterval = TimeSpan.FromHours(1) }, clock);
        var hall = engine.AddHall(definition);
        engine.Start();
        await EngineTestKit.OpenAsync(hall, 1, 2);
        var b = await hall.IssueTicketAsync(3).Bounded();
        var a = await hall.IssueTicketAsync(1).Bounded();

        clock.Advance(TimeSpan.FromMinutes(4));
        var early = await hall.GetWindowQueueAsync(1).Bounded();
        Assert.Equal([(a.Ticket, QueueReason.Primary), (b.Ticket, QueueReason.OverflowLater)], early.Tickets.Select(t => (t.Ticket, t.Reason)));
        Assert.Equal(EngineTestKit.Morning.AddMinutes(5), early.Tickets[1].EligibleAt);

        clock.Advance(TimeSpan.FromMinutes(2));
        var later = await hall.GetWindowQueueAsync(1).Bounded();
        Assert.Equal([(a.Ticket, QueueReason.Primary), (b.Ticket, QueueReason.Overflow)], later.Tickets.Select(t => (t.Ticket, t.Reason)));
        Assert.Equal(TimeSpan.FromMinutes(6), later.Tickets[1].Waited);

        clock.Advance(TimeSpan.FromMinutes(25)); // 31 minutes: both past MaxWait, oldest first
        var overdue = await hall.GetWindowQueueAsync(1).Bounded();
        Assert.Equal([(b.Ticket, QueueReason.Overdue), (a.Ticket, QueueReason.Overdue)], overdue.Tickets.Select(t => (t.Ticket, t.Reason)));
        Assert.Equal(b.Ticket, (await hall.CallNextAsync(1).Bounded()).Ticket);
    }
}
