using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

/// <summary>Held-out checks of the engine used as a library.</summary>
public class HeldOutEngineProbeTests
{
    [Fact]
    public async Task Subscribe_AfterASequenceBeforeARedefinition_ReceivesTheRedefinitionAndWhatFollows()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        var first = hall.Subscribe();
        await EngineTestKit.OpenAsync(hall, 1);
        var seen = await hall.IssueTicketAsync(1).Bounded();
        first.Dispose();
        var d = EngineTestKit.Hall();
        await hall.RedefineAsync(d with { Windows = [.. d.Windows, new() { Id = 2, Skills = [new() { Service = 1 }] }] }).Bounded();
        var after = await hall.IssueTicketAsync(1).Bounded();

        using var resumed = hall.Subscribe(afterSequence: seen.Sequence);
        var kinds = new List<HallEventKind>();
        for (var expected = seen.Sequence + 1; expected <= after.Sequence; expected++)
        {
            var read = await resumed.ReadAsync().Bounded();
            Assert.Equal(EventReadStatus.Event, read.Status);
            Assert.Equal(expected, read.Event.Sequence);
            kinds.Add(read.Event.Kind);
        }

        Assert.Contains(HallEventKind.HallRedefined, kinds);
        Assert.False(resumed.TryRead(out var extra), $"unexpected {extra}");
    }

    [Fact]
    public async Task IssueTicket_EstimateAndPosition_MatchAQueryAndTheQueueView()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1), EngineTestKit.Hall(windows: 2));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1, 2);
        CommandResult last = default;
        for (var i = 0; i < 6; i++)
        {
            last = await hall.IssueTicketAsync(1, age: (byte)(i == 5 ? 75 : 30)).Bounded();
        }

        var view = await hall.GetWindowQueueAsync(1).Bounded();
        var query = await hall.QueryTicketAsync(last.Ticket).Bounded();
        Assert.Equal(last.Position, query.Position);
        Assert.Equal(last.EstimatedWait, query.EstimatedWait);
        Assert.Equal(view.Tickets.Single(t => t.Ticket == last.Ticket).Position, last.Position);
    }

    [Fact]
    public async Task RedefineAsync_AddsAWaitLimit_TheShardTicksTheHallWithoutAnyCommand()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var options = EngineTestKit.Options(shards: 1) with { WaitStrategy = WaitStrategy.Blocking, TickInterval = TimeSpan.FromHours(1) };
        var (engine, hall) = EngineTestKit.Started(options, EngineTestKit.Hall(), time);
        await using var lifetime = engine;
        using var subscription = hall.Subscribe();
        await EngineTestKit.OpenAsync(hall);
        var issued = await hall.IssueTicketAsync(1).Bounded();
        await hall.RedefineAsync(EngineTestKit.Hall(waitLimit: TimeSpan.FromMinutes(5))).Bounded();
        while (subscription.TryRead(out _))
        {
        }

        time.Advance(TimeSpan.FromMinutes(6));

        var read = await subscription.ReadAsync().Bounded();
        Assert.Equal(HallEventKind.WaitLimitPassed, read.Event.Kind);
        Assert.Equal(issued.Ticket, read.Event.Ticket);
    }

    [Fact]
    public async Task RestoreAsync_SavedStateWithADueTimer_TheShardTicksTheHall()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var options = EngineTestKit.Options(shards: 1) with { WaitStrategy = WaitStrategy.Blocking, TickInterval = TimeSpan.FromHours(1) };
        var (engine, hall) = EngineTestKit.Started(options, EngineTestKit.Hall(waitLimit: TimeSpan.FromMinutes(5)), time);
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);
        var issued = await hall.IssueTicketAsync(1).Bounded();
        var saved = await hall.SaveStateAsync().Bounded();
        await engine.RemoveHallAsync(hall.Id).AsTask().WaitAsync(EngineTestKit.Timeout);
        var again = engine.AddHall(EngineTestKit.Hall(waitLimit: TimeSpan.FromMinutes(5)), saved);
        using var subscription = again.Subscribe();

        time.Advance(TimeSpan.FromMinutes(6));

        var read = await subscription.ReadAsync().Bounded();
        Assert.Equal(HallEventKind.WaitLimitPassed, read.Event.Kind);
        Assert.Equal(issued.Ticket, read.Event.Ticket);
    }
}
