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
}
