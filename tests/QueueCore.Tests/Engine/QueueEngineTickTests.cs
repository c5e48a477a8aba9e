using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

public class QueueEngineTickTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the issue is applied by its caller, so only that caller can tell the sleeping shard to re-arm
    public async Task Tick_FakeClockAdvancedPastWaitLimit_FiresWithoutAnyCommand(bool applyOnCallingThread)
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);

        // A blocking shard and an hour-long tick interval: only the injected clock's timer can wake it in time, armed
        // for the ticket's wait limit (5 minutes), which comes before the tick.
        var options = EngineTestKit.Options(shards: 1) with
        {
            WaitStrategy = WaitStrategy.Blocking, TickInterval = TimeSpan.FromHours(1), ApplyOnCallingThread = applyOnCallingThread,
        };
        var (engine, hall) = EngineTestKit.Started(options, EngineTestKit.Hall(waitLimit: TimeSpan.FromMinutes(5)), time);
        await using var lifetime = engine;
        using var subscription = hall.Subscribe();
        await EngineTestKit.OpenAsync(hall);
        var issued = await hall.IssueTicketAsync(1).Bounded();
        while (subscription.TryRead(out _))
        {
        }

        time.Advance(TimeSpan.FromMinutes(6));

        var read = await subscription.ReadAsync().Bounded();
        Assert.Equal(HallEventKind.WaitLimitPassed, read.Event.Kind);
        Assert.Equal(issued.Ticket, read.Event.Ticket);
        Assert.Equal(issued.Sequence + 1, read.Event.Sequence);
        Assert.Equal(EngineTestKit.Morning.AddMinutes(6), read.Event.Time);
    }

    [Fact]
    public async Task Tick_ClockNotYetDue_FiresNothing()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1), EngineTestKit.Hall(waitLimit: TimeSpan.FromMinutes(5)), time);
        await using var lifetime = engine;
        using var subscription = hall.Subscribe();
        await EngineTestKit.OpenAsync(hall);
        var issued = await hall.IssueTicketAsync(1).Bounded();

        time.Advance(TimeSpan.FromMinutes(4));
        var snapshot = await hall.GetSnapshotAsync().Bounded(); // runs after anything the shard did for the advance

        Assert.Equal(issued.Sequence, snapshot.Sequence);
    }
}
