using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

/// <summary>
/// Queued commands share clock readings (the shard reads the clock once for up to 32 of them), but a command is
/// never applied at an instant before it was submitted.
/// </summary>
public sealed class CommandClockTests
{
    [Fact]
    public async Task SubmitAsync_SubmittedWhileTheShardReadsTheClock_IsAppliedAtTheLaterTime()
    {
        var clock = new ReadHookClock(EngineTestKit.Morning);
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1), time: clock);
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall, 1);

        // The shard reads the clock for the first ticket; during that read a second ticket is submitted a minute
        // later. It sits right behind the first in the ring, but it did not exist when the reading was taken.
        Task<CommandResult>? second = null;
        using (var gate = ShardGate.Park(hall))
        {
            var first = hall.IssueTicketAsync(1).AsTask();
            clock.OnNextRead = () =>
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                second = hall.IssueTicketAsync(1).AsTask();
            };
            gate.Release();
            Assert.True((await first.WaitAsync(EngineTestKit.Timeout)).IsSuccess);
        }

        Assert.NotNull(second);
        Assert.True((await second.WaitAsync(EngineTestKit.Timeout)).IsSuccess);
        var waiting = (await hall.GetSnapshotAsync(SnapshotDetail.Full).Bounded()).Waiting.OrderBy(t => t.Ticket).ToArray();
        Assert.Equal(EngineTestKit.Morning, waiting[0].IssuedAt);
        Assert.Equal(EngineTestKit.Morning.AddMinutes(1), waiting[1].IssuedAt);
    }

    [Fact]
    public async Task SubmitAsync_QueuedBehindEachOther_AreAppliedAtTheTimeTheShardGetsToThem()
    {
        var clock = new FakeTimeProvider(EngineTestKit.Morning);
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1), time: clock);
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall, 1);

        var issued = new List<Task<CommandResult>>();
        using (var gate = ShardGate.Park(hall))
        {
            for (var i = 0; i < 100; i++)
            {
                issued.Add(hall.IssueTicketAsync(1).AsTask());
            }

            clock.Advance(TimeSpan.FromMinutes(5)); // while they wait in the ring
            gate.Release();
            Assert.All(await Task.WhenAll(issued).WaitAsync(EngineTestKit.Timeout), r => Assert.True(r.IsSuccess));
        }

        var waiting = (await hall.GetSnapshotAsync(SnapshotDetail.Full).Bounded()).Waiting;
        Assert.Equal(100, waiting.Count);
        Assert.All(waiting, t => Assert.Equal(EngineTestKit.Morning.AddMinutes(5), t.IssuedAt));
    }

    /// <summary>A manual clock that runs a hook (once) inside its next reading, after taking the time it returns.</summary>
    private sealed class ReadHookClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private Action? _onNextRead;

        public Action? OnNextRead
        {
            set => Volatile.Write(ref _onNextRead, value);
        }

        public override DateTimeOffset GetUtcNow()
        {
            var now = base.GetUtcNow();
            Interlocked.Exchange(ref _onNextRead, null)?.Invoke();
            return now;
        }
    }
}
