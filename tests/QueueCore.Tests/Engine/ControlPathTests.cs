namespace QueueCore.Tests.Engine;

public class ControlPathTests
{
    [Fact]
    public async Task GetSnapshotAsync_IngressFull_CompletesOnceTheShardResumes()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1, capacity: 4));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);

        Task<HallSnapshot> snapshot;
        var queued = new List<ValueTask<CommandResult>>();
        using (var gate = ShardGate.Park(hall))
        {
            for (var i = 0; i < 4; i++)
            {
                queued.Add(hall.IssueTicketAsync(1));
            }

            Assert.Equal(QueueError.Overloaded, (await hall.IssueTicketAsync(1).Bounded()).Error); // the ring is full
            snapshot = hall.GetSnapshotAsync().AsTask();
            Assert.False(snapshot.IsCompleted);
        }

        var taken = await snapshot.WaitAsync(EngineTestKit.Timeout);
        Assert.Equal(4, taken.TotalWaiting); // taken after the commands queued before it, as the ring's order gave
        foreach (var q in queued)
        {
            Assert.True((await q.Bounded()).IsSuccess);
        }
    }

    [Fact]
    public async Task ResyncAsync_IngressFull_CompletesOnceTheShardResumes()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1, capacity: 4));
        await using var lifetime = engine;
        using var subscription = hall.Subscribe(bufferSize: 8);
        await EngineTestKit.OpenAsync(hall);
        for (var i = 0; i < 8; i++)
        {
            await hall.IssueTicketAsync(1).Bounded(); // 9 events into a buffer of 8: lagged
        }

        Assert.True(subscription.Lagged);
        Task<HallSnapshot> resync;
        using (var gate = ShardGate.Park(hall))
        {
            for (var i = 0; i < 4; i++)
            {
                _ = hall.IssueTicketAsync(1);
            }

            Assert.Equal(QueueError.Overloaded, (await hall.IssueTicketAsync(1).Bounded()).Error); // the overload that made it lag
            resync = subscription.ResyncAsync().AsTask();
            Assert.False(resync.IsCompleted);
        }

        var snapshot = await resync.WaitAsync(EngineTestKit.Timeout);
        Assert.Equal(12, snapshot.TotalWaiting);
        Assert.False(subscription.Lagged);
        var next = await hall.IssueTicketAsync(1).Bounded();
        Assert.Equal(next.Sequence, (await subscription.ReadAsync().Bounded()).Event.Sequence);
    }

    [Fact]
    public async Task Post_BeforeStart_RunsOnceStarted()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1));
        var hall = engine.AddHall(EngineTestKit.Hall());
        var open = hall.OpenDayAsync();
        var snapshot = hall.GetSnapshotAsync().AsTask();

        engine.Start();

        Assert.True((await open.Bounded()).IsSuccess);
        Assert.True((await snapshot.WaitAsync(EngineTestKit.Timeout)).DayOpen);
    }
}
