namespace QueueCore.Tests.Engine;

public class QueueEngineShutdownTests
{
    [Fact]
    public async Task DisposeAsync_QueuedCommands_AreAppliedThenNewOnesRejected()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await EngineTestKit.OpenAsync(hall);
        var queued = Enumerable.Range(0, 500).Select(_ => hall.IssueTicketAsync(1)).ToArray();

        await engine.DisposeAsync().AsTask().WaitAsync(EngineTestKit.Timeout);

        // The raw ValueTasks read their sources' state: all were completed before the shard stopped. (An AsTask()
        // wrapper would only complete after a thread-pool hop, so it could still be pending here.)
        Assert.All(queued, q => Assert.True(q.IsCompleted));
        var numbers = new List<int>();
        foreach (var q in queued)
        {
            var r = await q.Bounded();
            Assert.True(r.IsSuccess, r.ToString());
            numbers.Add(r.Number.Sequence);
        }

        Assert.Equal(500, numbers.Distinct().Count());
        var late = await hall.IssueTicketAsync(1).Bounded();
        Assert.Equal(QueueError.Unavailable, late.Error);
        Assert.Contains("shutting down", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_WhileAnEarlierStopStillDrains_WaitsForIt()
    {
        // The host's shutdown timeout cut the hosted service's DisposeAsync short; the container then disposes the
        // engine: that call must not return while queued commands are still being applied.
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await EngineTestKit.OpenAsync(hall);
        var gate = ShardGate.Park(hall);
        var queued = Enumerable.Range(0, 100).Select(_ => hall.IssueTicketAsync(1)).ToArray();
        var first = engine.DisposeAsync().AsTask();
        var second = Task.Run(engine.Dispose);

        await Task.WhenAny(second, Task.Delay(300));
        Assert.False(second.IsCompleted, "the second Dispose returned while the shard was still draining");
        gate.Dispose();
        await second.WaitAsync(EngineTestKit.Timeout);

        Assert.All(queued, q => Assert.True(q.IsCompleted));
        await first.WaitAsync(EngineTestKit.Timeout);
        await engine.DisposeAsync().AsTask().WaitAsync(EngineTestKit.Timeout); // a third, after the stop: returns at once
    }

    [Fact]
    public async Task Dispose_NeverStarted_DrainsOnCallingThread()
    {
        var engine = new QueueEngine(EngineTestKit.Options());
        var hall = engine.AddHall(EngineTestKit.Hall());
        var open = hall.OpenDayAsync();
        var issue = hall.IssueTicketAsync(1);

        engine.Dispose();

        Assert.True((await open.Bounded()).IsSuccess);
        Assert.Equal("A001", (await issue.Bounded()).Number.ToString());
        Assert.Equal(QueueError.Unavailable, (await engine.SubmitAsync("h1", HallCommand.Tick()).Bounded()).Error);
    }

    [Fact]
    public async Task Dispose_CompletesSubscriptionsAfterTheirEvents()
    {
        var (engine, hall) = EngineTestKit.Started();
        var subscription = hall.Subscribe();
        var open = await hall.OpenDayAsync().Bounded();

        await engine.DisposeAsync().AsTask().WaitAsync(EngineTestKit.Timeout);

        Assert.True(subscription.IsCompleted);
        var first = await subscription.ReadAsync().Bounded();
        Assert.Equal(HallEventKind.DayOpened, first.Event.Kind);
        Assert.Equal(open.Sequence, first.Event.Sequence);
        Assert.Equal(EventReadStatus.Completed, (await subscription.ReadAsync().Bounded()).Status);
        Assert.False(await subscription.WaitToReadAsync().Bounded());
    }

    [Fact]
    public async Task Dispose_WakesAWaitingReader()
    {
        var (engine, hall) = EngineTestKit.Started();
        var subscription = hall.Subscribe();
        var waiting = subscription.WaitToReadAsync();
        Assert.False(waiting.IsCompleted);

        engine.Dispose();

        Assert.False(await waiting.Bounded());
    }

    [Fact]
    public async Task AfterDispose_LifecycleCallsFailClearly()
    {
        var (engine, hall) = EngineTestKit.Started();
        engine.Dispose();
        engine.Dispose(); // idempotent
        await engine.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(engine.Start);
        Assert.Throws<ObjectDisposedException>(() => engine.AddHall(EngineTestKit.Hall("h2")));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => hall.GetSnapshotAsync().Bounded());
        Assert.True(hall.Subscribe().IsCompleted);
    }

}
