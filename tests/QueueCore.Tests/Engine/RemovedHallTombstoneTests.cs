using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

/// <summary>
/// A hall removed and added again with the same id, over and over (a kiosk script, an admin tool that "resets" a
/// hall): what the engine keeps of the removed halls stays bounded, and still does its work: an old handle is told the
/// hall was removed, a reader resuming through it is ended, and the day's numbering goes on.
/// </summary>
public sealed class RemovedHallTombstoneTests
{
    /// <summary>08:00 in the hall (UTC+8).</summary>
    private static readonly DateTimeOffset HallMorning = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static HallDefinition Hall() => EngineTestKit.Hall("a") with { TimeZone = "Asia/Shanghai" };

    [Fact]
    public async Task RemoveHallAsync_ThousandCyclesOfOneId_EntriesBounded_OldHandlesStillRefused_NumberingCarried()
    {
        const int Cycles = 1000;
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 2), time);
        engine.Start();
        HallHandle? first = null;
        for (var i = 0; i < Cycles; i++)
        {
            var hall = engine.AddHall(Hall());
            first ??= hall;
            if (i % 100 == 0)
            {
                await EngineTestKit.OpenAsync(hall);
                Assert.True((await hall.IssueTicketAsync(1).Bounded()).IsSuccess);
            }

            Assert.True(await engine.RemoveHallAsync("a").Bounded());
        }

        Assert.InRange(engine.RetainedHallEntries(), 1, 4);

        var old = await first!.IssueTicketAsync(1).Bounded();
        Assert.Equal(QueueError.UnknownHall, old.Error);
        Assert.Equal(HallEntry.RemovedMessage("a"), old.Message);
        using var resumed = first.Subscribe(afterSequence: 1);
        Assert.Equal(EventReadStatus.Completed, (await resumed.ReadAsync().AsTask().WaitAsync(EngineTestKit.Timeout)).Status);
        await Assert.ThrowsAsync<HallRemovedException>(async () => await first.SaveStateAsync().AsTask().WaitAsync(EngineTestKit.Timeout));

        var again = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(again);
        Assert.Equal("A011", (await again.IssueTicketAsync(1).Bounded()).Number.ToString()); // ten issued, one per hundred cycles
    }
}
