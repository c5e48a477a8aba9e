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
}
