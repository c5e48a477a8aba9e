using System.Collections.Concurrent;

namespace QueueCore.Tests.Engine;

/// <summary>
/// <see cref="QueueEngineOptions.ApplyOnCallingThread"/>: a caller applies queued commands itself when no other
/// thread is, and the shard thread keeps its timers, control work and the stop (a caller that moves a due instant
/// earlier wakes it: <see cref="QueueEngineTickTests"/>).
/// </summary>
public class InlineApplyTests
{
    [Fact]
    public async Task IdleShard_TheCallersOwnThreadApplies_ResultReadyBeforeTheAwait()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1) with { ApplyOnCallingThread = true });
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);

        var ready = 0;
        for (var i = 0; i < 50; i++)
        {
            var pending = hall.IssueTicketAsync(1);
            ready += pending.IsCompleted ? 1 : 0;
            Assert.True((await pending.Bounded()).IsSuccess);
        }

        // All 50, but for the rare call that meets the shard thread's own round (its timers, once a second).
        Assert.True(ready >= 45, $"{ready} of 50 results were ready when the call returned");
    }

    [Fact]
    public async Task ManyCallersAndABusyShardThread_EveryTicketCalledOnce_NoneLost()
    {
        // A 1 ms tick keeps the shard thread asking for the turn while four kiosks and four clerks apply inline.
        var options = EngineTestKit.Options(shards: 1) with { ApplyOnCallingThread = true, TickInterval = TimeSpan.FromMilliseconds(1) };
        var (engine, hall) = EngineTestKit.Started(options, EngineTestKit.Hall(windows: 4));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1, 2, 3, 4);
        const int PerKiosk = 2000;
        var issued = new ConcurrentBag<long>();
        var called = new ConcurrentBag<long>();

        var kiosks = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < PerKiosk; i++)
            {
                var r = await hall.IssueTicketAsync(1);
                Assert.True(r.IsSuccess, r.ToString());
                issued.Add(r.Ticket);
            }
        })).ToArray();
        var clerks = Enumerable.Range(1, 4).Select(window => Task.Run(async () =>
        {
            while (called.Count < 4 * PerKiosk)
            {
                var r = await hall.CallNextAsync(window);
                if (!r.IsSuccess)
                {
                    Assert.Equal(QueueError.NothingWaiting, r.Error);
                    await Task.Yield();
                    continue;
                }

                called.Add(r.Ticket);
                var started = await hall.StartServingAsync(window, r.Ticket);
                Assert.True(started.IsSuccess, started.ToString());
                var finished = await hall.FinishAsync(window, r.Ticket);
                Assert.True(finished.IsSuccess, finished.ToString());
            }
        })).ToArray();

        await Task.WhenAll(kiosks).WaitAsync(EngineTestKit.Timeout);
        await Task.WhenAll(clerks).WaitAsync(EngineTestKit.Timeout);

        Assert.Equal(4 * PerKiosk, issued.Distinct().Count());
        Assert.Equal(4 * PerKiosk, called.Count);
        Assert.Equal(issued.Order(), called.Order());
        Assert.Equal(0, (await hall.GetSnapshotAsync().Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task StopWhileCallersApply_EveryCallAnswered_NothingAppliedAfterTheStop()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1) with { ApplyOnCallingThread = true });
        await EngineTestKit.OpenAsync(hall, 1);
        var ticket = (await hall.IssueTicketAsync(1).Bounded()).Ticket;
        using var going = new CountdownEvent(4);
        var answered = 0;
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            going.Signal();
            while (true)
            {
                // A query changes nothing, so the callers can go on for as long as the stop takes to come.
                var r = await hall.QueryTicketAsync(ticket);
                Interlocked.Increment(ref answered);
                if (!r.IsSuccess)
                {
                    Assert.Equal(QueueError.Unavailable, r.Error); // shutting down
                    return;
                }
            }
        })).ToArray();
        Assert.True(going.Wait(EngineTestKit.Timeout));
        while (Volatile.Read(ref answered) < 1000)
        {
            await Task.Yield();
        }

        await engine.DisposeAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
        await Task.WhenAll(callers).WaitAsync(EngineTestKit.Timeout); // every caller got its Unavailable

        var after = await hall.IssueTicketAsync(1).Bounded();
        Assert.Equal(QueueError.Unavailable, after.Error);
    }

    [Fact]
    public async Task AnotherCallersContinuationThrows_ItIsLogged_AndTheEngineGoesOn()
    {
        // Kiosk A holds the turn (its clock read is held); kiosk B's command waits in the ring with a continuation
        // that throws. A applies B's command too and completes it from a pool thread: the throw is logged there,
        // not left to end the process.
        var clock = new HeldClock();
        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();
        var engine = new QueueEngine(EngineTestKit.Options(shards: 1) with { ApplyOnCallingThread = true }, clock, factory);
        await using var lifetime = engine;
        var hall = engine.AddHall(EngineTestKit.Hall());
        engine.Start();
        await EngineTestKit.OpenAsync(hall, 1);

        var kioskA = new Thread(() =>
        {
            clock.HoldOnThisThread();
            _ = hall.IssueTicketAsync(1); // applies inline: blocks in the clock read until released
        });
        kioskA.Start();
        Assert.True(clock.Held.Wait(EngineTestKit.Timeout), "kiosk A never read the clock");

        var pending = hall.IssueTicketAsync(1); // the turn is A's: queued for A
        Assert.False(pending.IsCompleted);
        using var continued = new ManualResetEventSlim();
        // Registered off the test's scheduler, so the continuation runs on the thread that completes the command.
        await Task.Run(() => pending.GetAwaiter().OnCompleted(() =>
        {
            continued.Set();
            throw new InvalidOperationException("a caller's continuation throws");
        }));
        clock.Release();
        Assert.True(kioskA.Join(EngineTestKit.Timeout));
        Assert.True(continued.Wait(EngineTestKit.Timeout));

        var logged = SpinWait.SpinUntil(() => logs.Logged(1047), EngineTestKit.Timeout);
        Assert.True(logged, "the throw was not logged: " + string.Join("; ", logs.Entries.Select(e => $"{e.Id} {e.Message}")));
        var after = await hall.IssueTicketAsync(1).Bounded();
        Assert.True(after.IsSuccess, after.ToString());
        Assert.Equal(3, (await hall.GetSnapshotAsync().Bounded()).TotalWaiting);
    }

    /// <summary>The system clock; the first read on a chosen thread waits until <see cref="Release"/>.</summary>
    private sealed class HeldClock : TimeProvider
    {
        private readonly ManualResetEventSlim _release = new();
        private int _holdThread;

        public ManualResetEventSlim Held { get; } = new();

        public void HoldOnThisThread() => Volatile.Write(ref _holdThread, Environment.CurrentManagedThreadId);

        public void Release() => _release.Set();

        public override DateTimeOffset GetUtcNow()
        {
            if (Volatile.Read(ref _holdThread) == Environment.CurrentManagedThreadId
                && Interlocked.Exchange(ref _holdThread, 0) != 0)
            {
                Held.Set();
                _release.Wait(TimeSpan.FromSeconds(30)); // bounded: a failing test must not hold a caller forever
            }

            return System.GetUtcNow();
        }
    }
}
