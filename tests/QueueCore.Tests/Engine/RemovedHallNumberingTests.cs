using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

/// <summary>
/// A hall removed and added again with the same id the same day is the same hall to the citizens in it: the numbers its
/// tickets carry are on paper in their hands, so the hall added again numbers on after them. On another day, or after
/// a day closed with nobody left in the hall, it starts again at 001, as a hall kept in the engine would.
/// </summary>
public class RemovedHallNumberingTests
{
    /// <summary>08:00 in the hall (UTC+8; the engine's morning is 08:00 UTC, 16:00 there).</summary>
    private static readonly DateTimeOffset HallMorning = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static HallDefinition Hall() => EngineTestKit.Hall("a") with { TimeZone = "Asia/Shanghai" };

    private static async Task<string> IssueAsync(HallHandle hall) => (await hall.IssueTicketAsync(1).Bounded()).Number.ToString();

    [Fact]
    public async Task AddHall_RemovedTheSameDay_NumbersOnAfterTheRemovedHallsTickets()
    {
        // Two citizens held A001 in the same hall the same day: the hall added again started numbering over.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 2), time);
        var first = engine.AddHall(Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        Assert.Equal(["A001", "A002"], [await IssueAsync(first), await IssueAsync(first)]);

        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        time.Advance(TimeSpan.FromHours(3));
        var again = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(again);

        Assert.Equal("A003", await IssueAsync(again));
    }

    [Fact]
    public async Task AddHall_RemovedTheSameDayAddedFromSavedState_NumbersOnAfterTheRemovedHallsTickets()
    {
        // A hall put back from a state saved before its last tickets were issued (the admin's backup of the morning).
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        var first = engine.AddHall(Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        await IssueAsync(first);
        var morning = await first.SaveStateAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
        await IssueAsync(first);
        await IssueAsync(first);

        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        var again = engine.AddHall(Hall(), morning);

        Assert.Equal("A004", await IssueAsync(again));
    }

    [Fact]
    public async Task AddHall_RemovedTheDayBefore_NumbersFromA001()
    {
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        var first = engine.AddHall(Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        await IssueAsync(first);
        Assert.True(await engine.RemoveHallAsync("a").Bounded());

        var again = engine.AddHall(Hall());
        time.Advance(TimeSpan.FromDays(1));
        await EngineTestKit.OpenAsync(again);

        Assert.Equal("A001", await IssueAsync(again));
    }

    [Fact]
    public async Task AddHall_RemovedAfterItsDayClosedEmpty_NumbersFromA001AsAKeptHallWould()
    {
        // A kept hall closed at noon and opened again numbers from A001 too: the close ended the day.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        var first = engine.AddHall(Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        await IssueAsync(first);
        Assert.True((await first.CloseDayAsync(DayClosePolicy.CancelWaiting).Bounded()).IsSuccess);
        Assert.True(await engine.RemoveHallAsync("a").Bounded());

        var again = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(again);

        Assert.Equal("A001", await IssueAsync(again));
    }

    [Fact]
    public async Task AddHall_RemovedTheSameDaySavedBeforeItsDayOpens_TheStateCarriesTheNumbering()
    {
        // The hall added again is journaled (and snapshotted) by its saved state before it opens: the numbering it carries
        // must be in that state, or a restart in between forgets it.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        var first = engine.AddHall(Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        await IssueAsync(first);
        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        var again = engine.AddHall(Hall());

        var saved = await again.SaveStateAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
        var restored = QueueCore.Hall.Restore(Hall(), saved);
        restored.Apply(HallCommand.OpenDay(), time.GetUtcNow());

        Assert.Equal("A002", restored.Apply(HallCommand.IssueTicket(1), time.GetUtcNow()).Number.ToString());
    }

    [Fact]
    public async Task AddHall_RemovedTheSameDayAddedWithThePrefixInOtherCase_NumbersOnAfterIt()
    {
        // a001 after A001-A002 is "A one" called a second time.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        var first = engine.AddHall(Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        await IssueAsync(first);
        await IssueAsync(first);
        Assert.True(await engine.RemoveHallAsync("a").Bounded());

        var again = engine.AddHall(Hall() with { Categories = [new() { Id = "A", Prefix = "a" }] });
        await EngineTestKit.OpenAsync(again);

        Assert.Equal("a003", await IssueAsync(again));
    }
}
