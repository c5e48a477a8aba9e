using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Audit;

/// <summary>
/// A hall removed and added again with its id the same day numbers on after the removed hall's tickets (A003 after
/// A002); its ticket ids must go on too. Citizens' and devices' queries, cancellations and terminals name a ticket by
/// its id: an id the removed hall gave, given again to another citizen's ticket, answered a query of A001 with A003
/// and cancelled A003 for A001's holder.
/// </summary>
public class RemovedHallTicketIdAuditTests
{
    private static readonly DateTimeOffset HallMorning = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero); // 08:00 in Shanghai

    private static HallDefinition Hall() => EngineTestKit.Hall("a") with { TimeZone = "Asia/Shanghai" };

    /// <summary>An engine whose hall "a" issued one ticket (<c>Old</c>), was removed and was added again (<c>Again</c>, its day not opened).</summary>
    private static async Task<(QueueEngine Engine, CommandResult Old, HallHandle Again)> RemovedAndAddedAgainAsync()
    {
        var engine = new QueueEngine(EngineTestKit.Options(shards: 1), new FakeTimeProvider(HallMorning));
        var first = engine.AddHall(Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        var old = await first.IssueTicketAsync(1).Bounded();
        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        return (engine, old, engine.AddHall(Hall()));
    }

    [Fact]
    public async Task QueryTicketAsync_IdTheRemovedHallGave_IsUnknownNotTheNewHallsTicket()
    {
        var (engine, old, again) = await RemovedAndAddedAgainAsync();
        await using var _ = engine;
        await EngineTestKit.OpenAsync(again);

        var fresh = await again.IssueTicketAsync(1).Bounded();
        var query = await again.QueryTicketAsync(old.Ticket).Bounded();

        Assert.Equal("A002", fresh.Number.ToString());
        Assert.NotEqual(old.Ticket, fresh.Ticket);
        Assert.Equal(QueueError.UnknownTicket, query.Error);
    }

    [Fact]
    public async Task CancelTicketAsync_IdTheRemovedHallGave_LeavesTheNewHallsTicketWaiting()
    {
        var (engine, old, again) = await RemovedAndAddedAgainAsync();
        await using var _ = engine;
        await EngineTestKit.OpenAsync(again);
        await again.IssueTicketAsync(1).Bounded();

        var cancel = await again.CancelTicketAsync(old.Ticket, "left").Bounded();
        var snapshot = await again.GetSnapshotAsync().Bounded();

        Assert.Equal(QueueError.UnknownTicket, cancel.Error);
        Assert.Equal(1, snapshot.TotalWaiting);
    }

    [Fact]
    public async Task AddHall_FromTheSavedStateOfAHallAddedAgain_KeepsItsTicketIdsGoingOn()
    {
        // The ids go on in the saved state too, so the journal and a restore keep them apart.
        var (engine, old, again) = await RemovedAndAddedAgainAsync();
        await using var _ = engine;
        var saved = await again.SaveStateAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        var restored = engine.AddHall(Hall(), saved);
        await EngineTestKit.OpenAsync(restored);

        var fresh = await restored.IssueTicketAsync(1).Bounded();

        Assert.NotEqual(old.Ticket, fresh.Ticket);
        Assert.Equal(QueueError.UnknownTicket, (await restored.QueryTicketAsync(old.Ticket).Bounded()).Error);
    }
    [Fact]
    public async Task QueryTicketAsync_IdOfAHallRemovedWithItsDayClosedEmpty_IsUnknownNotTheNewHallsTicket()
    {
        // The day carries nothing on (no number a citizen still holds: it was closed with no ticket left), but the ids
        // do: a kept hall never gives an id twice, and a citizen's phone or a terminal may still hold the old one.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        var first = engine.AddHall(Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        var old = await first.IssueTicketAsync(1).Bounded();
        Assert.True((await first.CloseDayAsync(DayClosePolicy.CancelWaiting).Bounded()).IsSuccess);
        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        var again = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(again);

        var fresh = await again.IssueTicketAsync(1).Bounded();

        Assert.Equal("A001", fresh.Number.ToString()); // the day starts fresh, as a kept hall's would
        Assert.NotEqual(old.Ticket, fresh.Ticket);
        Assert.Equal(QueueError.UnknownTicket, (await again.QueryTicketAsync(old.Ticket).Bounded()).Error);
    }

    [Fact]
    public async Task QueryTicketAsync_IdOfAHallRemovedOnAnEarlierDay_IsUnknownNotTheNewHallsTicket()
    {
        // Its day's numbering, caps and check-ins are dropped once its date ends (the next removal sees to it); its ids stay.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        var first = engine.AddHall(Hall());
        engine.AddHall(EngineTestKit.Hall("other"));
        engine.Start();
        await EngineTestKit.OpenAsync(first);
        var old = await first.IssueTicketAsync(1).Bounded();
        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        time.Advance(TimeSpan.FromDays(2));
        Assert.True(await engine.RemoveHallAsync("other").Bounded()); // drops the left days whose date ended
        var again = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(again);

        var fresh = await again.IssueTicketAsync(1).Bounded();

        Assert.Equal("A001", fresh.Number.ToString());
        Assert.NotEqual(old.Ticket, fresh.Ticket);
        Assert.Equal(QueueError.UnknownTicket, (await again.QueryTicketAsync(old.Ticket).Bounded()).Error);
    }
}
