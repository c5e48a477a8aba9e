using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QueueCore.Tests.Engine;

public class ShardRobustnessTests
{
    [Fact]
    public async Task SubmitAsync_ClockThrows_RefusesWithUnavailableAndTheShardGoesOn()
    {
        var clock = new FlakyClock();
        var logs = new TestLoggerProvider();
        using var loggerFactory = logs.Factory();
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), clock, loggerFactory);
        var hall = engine.AddHall(EngineTestKit.Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(hall, 1);

        clock.Failing = true;
        var refused = await hall.IssueTicketAsync(1).Bounded();
        var refusedToo = await hall.IssueTicketAsync(1).Bounded();
        clock.Failing = false;

        Assert.Equal(QueueError.Unavailable, refused.Error);
        Assert.Contains("clock", refused.Message, StringComparison.Ordinal);
        Assert.Equal(QueueError.Unavailable, refusedToo.Error);
        Assert.Equal("A001", (await hall.IssueTicketAsync(1).Bounded()).Number.ToString()); // the refused ones were not applied
        Assert.False(hall.Shard.Stopped.IsCompleted);
        Assert.True(logs.Logged(1010));
    }

    [Fact]
    public async Task SubmitAsync_LoggerProviderThrows_EveryCommandCompletesAndTheShardGoesOn()
    {
        var logs = new TestLoggerProvider { Throw = true };
        using var loggerFactory = logs.Factory();
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), loggerFactory: loggerFactory);
        var hall = engine.AddHall(EngineTestKit.Hall()); // logs on this thread: must not throw either
        var other = engine.AddHall(EngineTestKit.Hall("other"));
        engine.Start(); // the shard logs as it starts
        await EngineTestKit.OpenAsync(hall, 1);
        using var slow = hall.Subscribe(bufferSize: 2);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await hall.IssueTicketAsync(1).Bounded()).IsSuccess); // the third one logs a lag
        }

        other.Entry.FailWhen = _ => true;
        Assert.Equal(QueueError.HallFaulted, (await other.OpenDayAsync().Bounded()).Error); // logs a fault
        Assert.True(slow.Lagged);
        Assert.Equal("A006", (await hall.IssueTicketAsync(1).Bounded()).Number.ToString());
        Assert.False(hall.Shard.Stopped.IsCompleted);
    }

    [Fact]
    public async Task SubmitAsync_MeterListenerThrows_CommandsCompleteWithTheirRealResults()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1, capacity: 4));
        await using var lifetime = engine;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == engine.Metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        var calledOn = new System.Collections.Concurrent.ConcurrentBag<string?>();
        listener.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            calledOn.Add(Thread.CurrentThread.Name);
            throw new InvalidOperationException("a broken listener");
        });
        listener.Start();

        await EngineTestKit.OpenAsync(hall, 1);
        var issued = await hall.IssueTicketAsync(1).Bounded();
        var called = await hall.CallNextAsync(1).Bounded();

        Assert.Equal("A001", issued.Number.ToString());
        Assert.Equal(issued.Ticket, called.Ticket);

        // The per-command counters are observable: the listener runs when its owner collects, on the owner's thread,
        // and its exception is the owner's; no shard ever ran it.
        Assert.Throws<AggregateException>(listener.RecordObservableInstruments);
        Assert.DoesNotContain(calledOn, name => name?.StartsWith("QueueCore shard", StringComparison.Ordinal) == true);

        // A refusal recorded on the caller's thread does not throw at the caller either.
        CommandResult refused;
        using (var gate = ShardGate.Park(hall))
        {
            var queued = Enumerable.Range(0, 4).Select(_ => hall.IssueTicketAsync(1)).ToArray();
            refused = await hall.IssueTicketAsync(1).Bounded();
            gate.Release();
            foreach (var q in queued)
            {
                Assert.True((await q.Bounded()).IsSuccess);
            }
        }

        Assert.Equal(QueueError.Overloaded, refused.Error);
        Assert.False(hall.Shard.Stopped.IsCompleted);
    }

    [Fact]
    public async Task RunLoop_FailsRoundAfterRound_ShardGivesUpAndCompletesEveryCommandWithUnavailable()
    {
        var logs = new TestLoggerProvider();
        using var loggerFactory = logs.Factory();
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), loggerFactory: loggerFactory);
        var hall = engine.AddHall(EngineTestKit.Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(hall);

        var subscription = hall.Subscribe();
        ValueTask<CommandResult>[] queued;
        using (var gate = ShardGate.Park(hall))
        {
            queued = [.. Enumerable.Range(0, 5).Select(_ => hall.IssueTicketAsync(1))];
            hall.Shard.BeforeEachRound = () => throw new InvalidOperationException("an engine bug");
        }

        await hall.Shard.Stopped.WaitAsync(EngineTestKit.Timeout);

        foreach (var q in queued)
        {
            var r = await q.Bounded();
            Assert.Equal(QueueError.Unavailable, r.Error);
            Assert.Contains("stopped after repeated failures", r.Message, StringComparison.Ordinal);
        }

        Assert.Equal(QueueError.Unavailable, (await hall.IssueTicketAsync(1).Bounded()).Error);
        await Assert.ThrowsAsync<InvalidOperationException>(() => hall.GetSnapshotAsync().Bounded());
        Assert.True(subscription.IsCompleted); // no event will come: its reader is not left waiting
        Assert.True(hall.Subscribe().IsCompleted);
        Assert.True(hall.Subscribe(afterSequence: 0).IsCompleted);
        Assert.True(logs.Logged(1012));
        Assert.True(logs.Logged(1013));

        var health = engine.GetHealth();
        Assert.True(health.Shards[0].IsAbandoned);
        var check = await new QueueCoreHealthCheck(engine).CheckHealthAsync(new HealthCheckContext()).WaitAsync(EngineTestKit.Timeout);
        Assert.Equal(HealthStatus.Unhealthy, check.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dispose_ShardStuck_GivesUpAfterTheShutdownTimeoutAndLogs(bool async)
    {
        var logs = new TestLoggerProvider();
        using var loggerFactory = logs.Factory();
        var engine = new QueueEngine(EngineTestKit.Options(shards: 1) with { ShutdownTimeout = TimeSpan.FromMilliseconds(100) }, loggerFactory: loggerFactory);
        var hall = engine.AddHall(EngineTestKit.Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(hall);

        ValueTask<CommandResult> pending;
        using (var gate = ShardGate.Park(hall))
        {
            pending = hall.IssueTicketAsync(1);
            var disposing = async ? engine.DisposeAsync().AsTask() : Task.Run(engine.Dispose);

            await disposing.WaitAsync(EngineTestKit.Timeout); // returns although the shard is still parked
            Assert.True(logs.Logged(1014));
            Assert.False(pending.IsCompleted);
        }

        // Released, the shard applies what was queued and stops.
        Assert.True((await pending.Bounded()).IsSuccess);
        await hall.Shard.Stopped.WaitAsync(EngineTestKit.Timeout);
    }
}
