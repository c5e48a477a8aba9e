using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A hall removed at run time and added again after a restart on the same journal: what the removed hall leaves to
/// a hall added again with its id (the day's numbering the same day, its ticket ids for good) must survive the
/// restart, as it would without one. Citizens hold A001 and A002 on paper whether or not the server restarted.
/// </summary>
public sealed class RemovedHallAcrossRestartTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddHall_AfterRestart_SameDay_NumbersOnAndKeepsIdsApart(bool snapshotAtStop)
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        CommandResult old;
        await using (var engine = _kit.Engine(time: time, snapshotAtStop: snapshotAtStop))
        {
            var hall = engine.AddHall(EngineTestKit.Hall("b"));
            engine.AddHall(EngineTestKit.Hall("kept"));
            engine.Start();
            await EngineTestKit.OpenAsync(hall);
            await hall.IssueTicketAsync(1).Bounded();
            old = await hall.IssueTicketAsync(1).Bounded();
            Assert.True(await engine.RemoveHallAsync("b").Bounded());
        }

        time.Advance(TimeSpan.FromMinutes(5));
        await using var again = _kit.Engine(time: time, snapshotAtStop: snapshotAtStop);
        var (added, fresh) = await AddAgainAndIssueAsync(again);

        Assert.Equal("A003", fresh.Number.ToString());
        Assert.NotEqual(old.Ticket, fresh.Ticket);
        Assert.Equal(QueueError.UnknownTicket, (await added.QueryTicketAsync(old.Ticket).Bounded()).Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddHall_AfterTwoRestarts_SameDay_NumbersOn(bool snapshotAtStop)
    {
        // The start in between writes a new generation and lets the one holding the removal go: it must carry the left day on.
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var old = await RemoveAfterTwoTicketsAsync(time, snapshotAtStop);
        await using (var between = _kit.Engine(time: time, snapshotAtStop: snapshotAtStop))
        {
            between.Start();
            Assert.Equal(["kept"], between.Recovery!.Halls);
        }

        await using var again = _kit.Engine(time: time, snapshotAtStop: snapshotAtStop);
        var (added, fresh) = await AddAgainAndIssueAsync(again);

        Assert.Equal("A003", fresh.Number.ToString());
        await AssertIdsApartAsync(added, old, fresh);
    }

    [Fact]
    public async Task AddHall_AfterRoundLetTheRemovalsSegmentGo_NumbersOn()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var old = new List<CommandResult>();
        await using (var engine = _kit.Engine(segmentBytes: 64 << 10, time: time))
        {
            var hall = engine.AddHall(EngineTestKit.Hall("b"));
            var kept = engine.AddHall(JournalKit.SmallHall("kept"));
            engine.Start();
            await EngineTestKit.OpenAsync(hall);
            old.Add(await hall.IssueTicketAsync(1).Bounded());
            old.Add(await hall.IssueTicketAsync(1).Bounded());
            Assert.True(await engine.RemoveHallAsync("b").Bounded());
            await EngineTestKit.OpenAsync(kept, 1);
            await JournalKit.ServeAsync(kept, 1_500); // rounds of snapshots: the segment holding the removal goes to the archive
            for (var i = 0; i < 300 && _kit.Segments().Any(IsFirstSegment); i++)
            {
                await Task.Delay(100); // archived by the writer once the round is on disk
            }

            Assert.DoesNotContain(_kit.Segments(), IsFirstSegment);
        }

        await using var again = _kit.Engine(segmentBytes: 64 << 10, time: time);
        var (added, fresh) = await AddAgainAndIssueAsync(again);

        Assert.Equal("A003", fresh.Number.ToString());
        await AssertIdsApartAsync(added, old, fresh);
    }

    [Fact]
    public async Task AddHall_AfterRestartOnALaterDate_StartsAtA001_IdsStillApart()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var old = await RemoveAfterTwoTicketsAsync(time, snapshotAtStop: true);
        time.Advance(TimeSpan.FromDays(1));
        await using (var between = _kit.Engine(time: time, snapshotAtStop: true))
        {
            between.Start(); // its start drops the day whose date ended, and keeps the serial
        }

        await using var again = _kit.Engine(time: time);
        var (added, fresh) = await AddAgainAndIssueAsync(again);
        var next = await added.IssueTicketAsync(1).Bounded();

        Assert.Equal(("A001", "A002"), (fresh.Number.ToString(), next.Number.ToString()));
        await AssertIdsApartAsync(added, old, fresh, next);
    }

    [Fact]
    public async Task AddHall_AgainBeforeTheRestart_ItsOwnRecordCarriesTheDay_NothingAppliedTwice()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var capped = EngineTestKit.Hall("b") with { Services = [new() { Id = 1, Category = "A", DailyCap = 4 }] };
        var old = new List<CommandResult>();
        await using (var engine = _kit.Engine(time: time))
        {
            var hall = engine.AddHall(capped);
            engine.AddHall(EngineTestKit.Hall("kept"));
            engine.Start();
            await EngineTestKit.OpenAsync(hall);
            old.Add(await hall.IssueTicketAsync(1).Bounded());
            old.Add(await hall.IssueTicketAsync(1).Bounded());
            Assert.True(await engine.RemoveHallAsync("b").Bounded());
            var added = engine.AddHall(capped);
            await EngineTestKit.OpenAsync(added);
            old.Add(await added.IssueTicketAsync(1).Bounded());
            Assert.Equal("A003", old[^1].Number.ToString());
        }

        await using var again = _kit.Engine(time: time);
        again.Start();
        Assert.Contains("b", again.Recovery!.Halls);
        Assert.True(again.TryGetHall("b", out var recovered));

        var fourth = await recovered.IssueTicketAsync(1).Bounded();
        var fifth = await recovered.IssueTicketAsync(1).Bounded();

        Assert.Equal("A004", fourth.Number.ToString()); // the cap counts the removed hall's two tickets once: one more is left
        Assert.Equal(QueueError.LimitReached, fifth.Error);
        await AssertIdsApartAsync(recovered, old, fourth);
    }

    [Fact]
    public async Task AddHall_AfterRestart_TheLastRemovalWins_OverAnEarlierOneOnAnotherShard()
    {
        // Removed on shard 0, added again on shard 1, its day there opened and closed with no ticket left, removed again:
        // a kept hall opened again starts fresh then, so the hall added again after the restart does too (the first
        // removal's day, still in shard 0's log, is not the last word).
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var old = new List<CommandResult>();
        await using (var engine = _kit.Engine(shards: 2, time: time))
        {
            var hall = engine.AddHall(EngineTestKit.Hall("b"));  // shard 0
            engine.AddHall(EngineTestKit.Hall("kept"));          // shard 1
            engine.AddHall(EngineTestKit.Hall("other"));         // shard 0
            engine.Start();
            await EngineTestKit.OpenAsync(hall);
            old.Add(await hall.IssueTicketAsync(1).Bounded());
            old.Add(await hall.IssueTicketAsync(1).Bounded());
            Assert.True(await engine.RemoveHallAsync("b").Bounded());
            var added = engine.AddHall(EngineTestKit.Hall("b")); // shard 1
            await EngineTestKit.OpenAsync(added);
            Assert.True((await added.CloseDayAsync().Bounded()).IsSuccess);
            Assert.True(await engine.RemoveHallAsync("b").Bounded());
        }

        await using var again = _kit.Engine(shards: 2, time: time);
        again.Start();
        var last = again.AddHall(EngineTestKit.Hall("b"));
        await EngineTestKit.OpenAsync(last);

        var fresh = await last.IssueTicketAsync(1).Bounded();

        Assert.Equal("A001", fresh.Number.ToString());
        await AssertIdsApartAsync(last, old, fresh);
    }

    private async Task<List<CommandResult>> RemoveAfterTwoTicketsAsync(TimeProvider time, bool snapshotAtStop)
    {
        await using var engine = _kit.Engine(time: time, snapshotAtStop: snapshotAtStop);
        var hall = engine.AddHall(EngineTestKit.Hall("b"));
        engine.AddHall(EngineTestKit.Hall("kept"));
        engine.Start();
        await EngineTestKit.OpenAsync(hall);
        List<CommandResult> issued = [await hall.IssueTicketAsync(1).Bounded(), await hall.IssueTicketAsync(1).Bounded()];
        Assert.All(issued, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.True(await engine.RemoveHallAsync("b").Bounded());
        return issued;
    }

    /// <summary>No id the removed hall gave (the first two of <paramref name="old"/>) names a ticket of the hall added again.</summary>
    private static async Task AssertIdsApartAsync(HallHandle added, List<CommandResult> old, params CommandResult[] fresh)
    {
        Assert.Empty(old.Select(o => o.Ticket).Intersect(fresh.Select(f => f.Ticket)));
        foreach (var removed in old.Take(2))
        {
            Assert.Equal(QueueError.UnknownTicket, (await added.QueryTicketAsync(removed.Ticket).Bounded()).Error);
        }
    }

    private static bool IsFirstSegment(string path) => Path.GetFileName(path) == JournalWriter.SegmentName(0);

    /// <summary>Starts <paramref name="again"/>, adds hall "b" again, opens its day and issues one ticket.</summary>
    private static async Task<(HallHandle Added, CommandResult Fresh)> AddAgainAndIssueAsync(QueueEngine again)
    {
        again.Start();
        var added = again.AddHall(EngineTestKit.Hall("b"));
        await EngineTestKit.OpenAsync(added);
        return (added, await added.IssueTicketAsync(1).Bounded());
    }
}
