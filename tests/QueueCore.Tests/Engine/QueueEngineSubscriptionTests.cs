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

    [Theory]
    [InlineData(1, false)]
    [InlineData((1 << 24) + 1, false)]
    [InlineData(1, true)]
    [InlineData(0, true)]
    public async Task Subscribe_BufferSizeOutOfRange_RefusedNamingBufferSize(int bufferSize, bool resume)
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => resume ? hall.Subscribe(afterSequence: 0L, bufferSize: bufferSize) : hall.Subscribe(bufferSize: bufferSize));

        // The documented argument, not an internal one ("capacity"), so the caller sees which of its values was wrong.
        Assert.Equal("bufferSize", error.ParamName);
        Assert.StartsWith($"bufferSize must be 2 to {1 << 24}; it is {bufferSize}.", error.Message, StringComparison.Ordinal);
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
    public async Task ReadAllAsync_ReadmeLoop_EndsAtTheLossThenGoesOnFromTheSnapshot()
    {
        // The READMEs' event loop: ReadAllAsync ends quietly where the reader lagged, so the loop checks Lagged, takes
        // a snapshot with ResyncAsync and reads on; a loop without that check stopped at the first lag, showing nothing more.
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        using var events = hall.Subscribe(bufferSize: 4);
        await EngineTestKit.OpenAsync(hall);
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await hall.IssueTicketAsync(1).Bounded()).IsSuccess);
        }

        using var cts = new CancellationTokenSource(EngineTestKit.Timeout);
        var cancellationToken = cts.Token;
        var seen = new List<long>();
        HallSnapshot? snapshot = null;
        while (true)
        {
            await foreach (var e in events.ReadAllAsync(cancellationToken))
            {
                seen.Add(e.Sequence);
                if (snapshot is not null)
                {
                    await engine.DisposeAsync(); // the event after the snapshot came: end the subscription
                }
            }

            if (!events.Lagged)
            {
                break;
            }

            Assert.Null(snapshot); // one lag only
            snapshot = await events.ResyncAsync(cancellationToken);
            Assert.Equal(10, snapshot.TotalWaiting);
            await hall.IssueTicketAsync(1).Bounded();
        }

        Assert.NotNull(snapshot);
        Assert.Equal([1L, 2L, 3L, 4L, snapshot.Sequence + 1], seen);
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
