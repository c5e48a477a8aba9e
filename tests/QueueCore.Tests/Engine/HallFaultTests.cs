using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace QueueCore.Tests.Engine;

public class HallFaultTests
{
    [Fact]
    public async Task SubmitAsync_HallThrows_IsolatesOnlyThatHallAndTellsItsSubscribers()
    {
        var logs = new TestLoggerProvider();
        using var loggerFactory = logs.Factory();
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), loggerFactory: loggerFactory);
        var bad = engine.AddHall(EngineTestKit.Hall("bad"));
        var good = engine.AddHall(EngineTestKit.Hall("good"));
        engine.Start();
        using var faults = new MetricCollector<long>(engine.Metrics.Meter, "queuecore.hall.faults");
        await EngineTestKit.OpenAsync(bad, 1);
        await EngineTestKit.OpenAsync(good, 1);
        using var subscription = bad.Subscribe();
        var before = await bad.IssueTicketAsync(1).Bounded();

        bad.Entry.FailWhen = c => c.Kind == CommandKind.IssueTicket; // the hall throws after applying: state changed, events emitted
        var failed = await bad.IssueTicketAsync(1).Bounded();

        Assert.Equal(QueueError.HallFaulted, failed.Error);
        Assert.Contains("isolated until it is restored", failed.Message, StringComparison.Ordinal);

        // Later commands are refused without reaching the hall (the hook would see any apply).
        var reachedHall = 0;
        bad.Entry.FailWhen = _ => Interlocked.Increment(ref reachedHall) < 0;
        Assert.Equal(QueueError.HallFaulted, (await bad.CallNextAsync(1).Bounded()).Error);
        Assert.Equal(QueueError.HallFaulted, (await bad.IssueTicketAsync(1).Bounded()).Error);
        Assert.Equal(0, Volatile.Read(ref reachedHall));

        // The other hall on the same shard goes on.
        Assert.Equal("A001", (await good.IssueTicketAsync(1).Bounded()).Number.ToString());

        // The subscriber reads what was published, then is told it lagged: no silent gap.
        EventRead read;
        while ((read = await subscription.ReadAsync().Bounded()).IsEvent)
        {
            Assert.True(read.Event.Sequence <= before.Sequence);
        }

        Assert.Equal(EventReadStatus.Lagged, read.Status);
        Assert.Equal(before.Sequence, read.LastSequence);

        var error = await Assert.ThrowsAsync<HallFaultedException>(() => bad.GetSnapshotAsync().Bounded());
        Assert.Equal("bad", error.HallId);
        await Assert.ThrowsAsync<HallFaultedException>(() => subscription.ResyncAsync().Bounded());

        Assert.True(logs.Logged(1009));
        var fault = Assert.Single(faults.GetMeasurementSnapshot());
        Assert.Equal(1L, fault.Value);
        Assert.Equal("bad", fault.Tags["queuecore.hall"]);

        Assert.Equal(["bad"], engine.GetHealth().FaultedHalls);
    }

    [Fact]
    public async Task RestoreAsync_FaultedHall_ClearsTheFaultAndSubscribersResync()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        await hall.IssueTicketAsync(1).Bounded();
        await hall.IssueTicketAsync(1).Bounded();
        var saved = await hall.SaveStateAsync().Bounded();
        using var subscription = hall.Subscribe();
        await hall.IssueTicketAsync(1).Bounded(); // A003 at saved.Sequence + 1, then lost with the fault
        hall.Entry.FailWhen = c => c.Kind == CommandKind.IssueTicket;
        Assert.Equal(QueueError.HallFaulted, (await hall.IssueTicketAsync(1).Bounded()).Error);
        hall.Entry.FailWhen = null;
        await Assert.ThrowsAsync<HallFaultedException>(() => hall.SaveStateAsync().Bounded());

        await hall.RestoreAsync(saved).AsTask().WaitAsync(EngineTestKit.Timeout);

        var next = await hall.IssueTicketAsync(1).Bounded();
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal("A003", next.Number.ToString()); // numbering from the saved state
        Assert.Equal(saved.Sequence + 1, next.Sequence); // so is the event sequence: subscribers must resync
        Assert.Empty(engine.GetHealth().FaultedHalls);

        EventRead read;
        while ((read = await subscription.ReadAsync().Bounded()).IsEvent)
        {
        }

        Assert.Equal(EventReadStatus.Lagged, read.Status);
        var snapshot = await subscription.ResyncAsync().Bounded();
        Assert.Equal(next.Sequence, snapshot.Sequence);
        Assert.Equal(3, snapshot.TotalWaiting);

        var after = await hall.IssueTicketAsync(1).Bounded();
        var live = await subscription.ReadAsync().Bounded();
        Assert.Equal(after.Sequence, live.Event.Sequence);
        Assert.Equal(snapshot.Sequence + 1, live.Event.Sequence);
    }

    [Fact]
    public async Task RestoreAsync_StateOfAnotherHall_ThrowsArgumentException()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1));
        var h1 = engine.AddHall(EngineTestKit.Hall("h1"));
        var h2 = engine.AddHall(EngineTestKit.Hall("h2"));
        engine.Start();
        var state = await h2.SaveStateAsync().Bounded();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => h1.RestoreAsync(state).AsTask().WaitAsync(EngineTestKit.Timeout));
        Assert.True((await h1.OpenDayAsync().Bounded()).IsSuccess);
    }

    [Fact]
    public async Task Tick_HallThrows_IsolatesTheHall()
    {
        var (engine, hall) = EngineTestKit.Started(
            EngineTestKit.Options(shards: 1) with { TickInterval = TimeSpan.FromMilliseconds(10) },
            EngineTestKit.Hall(waitLimit: TimeSpan.FromMilliseconds(1)));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);
        using var subscription = hall.Subscribe();
        hall.Entry.FailWhen = c => c.Kind == CommandKind.Tick;
        await hall.IssueTicketAsync(1).Bounded(); // due for a wait-limit tick a millisecond later

        EventRead read;
        while ((read = await subscription.ReadAsync().Bounded()).IsEvent)
        {
        }

        Assert.Equal(EventReadStatus.Lagged, read.Status);
        Assert.Equal(QueueError.HallFaulted, (await hall.IssueTicketAsync(1).Bounded()).Error);
    }
}
