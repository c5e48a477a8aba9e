namespace QueueCore.Tests.Engine;

public class QueueEngineSubscriptionTests
{
    [Fact]
    public async Task Subscribe_CommandsApplied_ReceivesEveryEventInSequenceWithoutGaps()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        using var subscription = hall.Subscribe();
        await EngineTestKit.OpenAsync(hall, 1);
        CommandResult last = default;
        for (var i = 0; i < 20; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
            await hall.CallNextAsync(1).Bounded();
            await hall.StartServingAsync(1).Bounded();
            last = await hall.FinishAsync(1).Bounded();
        }

        var expected = 1L;
        while (expected <= last.Sequence)
        {
            var read = await subscription.ReadAsync().Bounded();
            Assert.Equal(EventReadStatus.Event, read.Status);
            Assert.Equal(expected++, read.Event.Sequence);
        }

        Assert.False(subscription.TryRead(out var extra), $"unexpected {extra}");
    }

    [Fact]
    public async Task Subscribe_SlowReader_LagsWithoutBlockingTheShardThenResyncs()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        using var subscription = hall.Subscribe(bufferSize: 4);
        await EngineTestKit.OpenAsync(hall);

        // Far more events than the buffer holds; every command still completes (the shard never waits for us).
        for (var i = 0; i < 100; i++)
        {
            Assert.True((await hall.IssueTicketAsync(1).Bounded()).IsSuccess);
        }

        Assert.True(subscription.Lagged);
        EventRead read;
        var delivered = 0L;
        while ((read = await subscription.ReadAsync().Bounded()).IsEvent)
        {
            Assert.Equal(++delivered, read.Event.Sequence);
        }

        Assert.Equal(EventReadStatus.Lagged, read.Status);
        Assert.Equal(4, read.LastSequence);

        var snapshot = await subscription.ResyncAsync().Bounded();
        Assert.Equal(100, snapshot.TotalWaiting);
        Assert.False(subscription.Lagged);

        var next = await hall.IssueTicketAsync(1).Bounded();
        var after = await subscription.ReadAsync().Bounded();
        Assert.Equal(snapshot.Sequence + 1, after.Event.Sequence); // the live stream continues from the snapshot
        Assert.Equal(next.Sequence, after.Event.Sequence);
    }

    [Fact]
    public async Task Dispose_Subscription_StopsDeliveryToIt()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        var subscription = hall.Subscribe();

        subscription.Dispose();
        await hall.OpenDayAsync().Bounded();

        Assert.Empty(hall.Entry.Subscribers);
        Assert.Equal(EventReadStatus.Completed, (await subscription.ReadAsync().Bounded()).Status);
    }

    [Fact]
    public async Task Resync_SnapshotOfAnotherHall_Throws()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options());
        var h1 = engine.AddHall(EngineTestKit.Hall("h1"));
        var h2 = engine.AddHall(EngineTestKit.Hall("h2"));
        engine.Start();
        using var subscription = h1.Subscribe();

        var other = await h2.GetSnapshotAsync().Bounded();

        Assert.Throws<ArgumentException>(() => subscription.Resync(other));
    }
}
