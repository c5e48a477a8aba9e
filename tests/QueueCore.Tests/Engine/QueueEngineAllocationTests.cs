using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace QueueCore.Tests.Engine;

public class QueueEngineAllocationTests
{
    private const int Count = 2000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the caller applies the command itself: the hall's work is counted on its thread too
    public async Task SubmitAsync_SteadyState_AllocatesNothingOnTheCaller(bool applyOnCallingThread)
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1) with { ApplyOnCallingThread = applyOnCallingThread });
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        var ticket = (await hall.IssueTicketAsync(1).Bounded()).Ticket; // queried below: a refusal's message is text made per call

        // On a dedicated thread, completing synchronously by polling, so the count is this thread's alone.
        var allocated = await OnOwnThread(progress =>
        {
            Run(hall, ticket, Count, progress); // warm-up: JIT, pool and tiering
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(hall, ticket, Count, progress);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });

        // Per-command allocation would be at least a source (~150 bytes) per call, 300 kB here. What may remain is
        // the pool growing once when the shard, not the caller, happens to release a source last for the first time.
        Assert.True(allocated < Count, $"{allocated} bytes for {Count} commands");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Shard_SteadyTrafficWithSubscriberAndHistory_AllocatesNothingOnTheShardThread(bool journal)
    {
        var directory = Path.Combine(Path.GetTempPath(), "queuecore-alloc-" + Guid.NewGuid().ToString("N"));
        var options = EngineTestKit.Options(shards: 1);
        if (journal)
        {
            // Every command is encoded, framed, handed to the flusher, and its result and events held until the record is
            // safe. Batched (safe once written, fsynced on a beat) takes the same path as durable without an fsync per
            // command. Each command still waits for its write (one at a time here), so fewer rounds.
            options = options with { Journal = new JournalOptions { Directory = directory, Mode = JournalMode.Batched } };
        }

        var rounds = journal ? Count / 4 : Count;

        using var cleanup = new DeleteOnDispose(directory); // disposed last, after the engine
        var (engine, hall) = EngineTestKit.Started(options);
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        using var subscription = hall.Subscribe(bufferSize: 1 << 14); // also starts the hall's history

        await OnOwnThread(progress => Serve(hall, rounds, progress)); // warm-up
        while (subscription.TryRead(out _))
        {
        }

        var before = await ShardAllocatedBytes(hall);
        await OnOwnThread(progress => Serve(hall, rounds, progress));
        var allocated = await ShardAllocatedBytes(hall) - before;

        // Every command was applied, its events written to the history and the subscriber: none may allocate. A command
        // that allocated would cost at least an object (24 bytes) each, 48 kB or more here.
        Assert.False(subscription.Lagged);
        Assert.Equal(rounds * 5, subscription.Count);
        Assert.True(allocated < 1024, $"{allocated} bytes on the shard thread for {rounds * 4} commands");
    }

    [Fact]
    public async Task Metrics_CommandsApplied_AreCountedOnTheEnginesMeter()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        using var commands = new MetricCollector<long>(engine.Metrics.Meter, "queuecore.commands");

        await EngineTestKit.OpenAsync(hall, 1);
        await hall.IssueTicketAsync(1).Bounded();
        commands.RecordObservableInstruments(); // what an exporter does when it collects

        Assert.Equal(3, commands.GetMeasurementSnapshot().Sum(m => m.Value)); // OpenDay, OpenWindow, IssueTicket
    }

    /// <summary>Issue, call, start, finish: five events per round (issued, called, started, finished, completed).</summary>
    private static void Serve(HallHandle hall, int rounds, Progress progress)
    {
        for (var i = 0; i < rounds; i++)
        {
            Assert.True(Wait(hall.SubmitAsync(HallCommand.IssueTicket(1)), progress).IsSuccess);
            Assert.True(Wait(hall.SubmitAsync(HallCommand.CallNext(1)), progress).IsSuccess);
            Assert.True(Wait(hall.SubmitAsync(HallCommand.StartServing(1)), progress).IsSuccess);
            Assert.True(Wait(hall.SubmitAsync(HallCommand.Finish(1)), progress).IsSuccess);
        }
    }

    private static void Run(HallHandle hall, long ticket, int count, Progress progress)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(Wait(hall.SubmitAsync(HallCommand.QueryTicket(ticket)), progress).IsSuccess);
        }
    }

    /// <summary>Polls the command to completion (no continuation, so nothing is queued for it anywhere) and counts it done.</summary>
    private static CommandResult Wait(ValueTask<CommandResult> pending, Progress progress)
    {
        var spinner = default(SpinWait);
        while (!pending.IsCompleted)
        {
            if (progress.GivenUp)
            {
                throw new TimeoutException("the test gave up waiting");
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        var result = pending.Result;
        progress.Done();
        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a thread of its own (so an allocation count is that thread's alone) and waits for
    /// it, bounded by progress rather than in total: it fails when no command was answered for
    /// <see cref="EngineTestKit.Timeout"/>. Thousands of round trips, each a wake-up of the shard and of this thread,
    /// took more than 10 s in all on a loaded test machine; a stuck command still fails within the bound.
    /// </summary>
    private static async Task<T> OnOwnThread<T>(Func<Progress, T> work)
    {
        var progress = new Progress();
        var running = Task.Factory.StartNew(() => work(progress), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var seen = -1L;
        while (!running.IsCompleted)
        {
            var done = progress.Count;
            if (done == seen)
            {
                progress.GiveUp(); // the thread stops spinning
                Assert.Fail($"no command was answered for {EngineTestKit.Timeout} ({done} answered before)");
            }

            seen = done;
            await Task.WhenAny(running, Task.Delay(EngineTestKit.Timeout));
        }

        return await running;
    }

    private static Task OnOwnThread(Action<Progress> work) => OnOwnThread(progress =>
    {
        work(progress);
        return 0;
    });

    /// <summary>
    /// The shard thread's allocated bytes now. Polled, not awaited: completing an awaited task queues its continuation to
    /// the thread pool, from the shard thread, inside the span the two probes measure; on a loaded machine the pool's
    /// queue can be full just then, and the shard thread allocated the queue's next segment (about 8 kB, seen once in a
    /// CI run). That allocation was the test's own, not the shard loop's.
    /// </summary>
    private static async Task<long> ShardAllocatedBytes(HallHandle hall)
    {
        var probe = new AllocationProbe();
        hall.Shard.Post(probe, hall.Entry.Index);
        var waiting = Stopwatch.StartNew();
        while (!probe.Task.IsCompleted)
        {
            Assert.True(waiting.Elapsed < EngineTestKit.Timeout, $"the shard did not run the probe within {EngineTestKit.Timeout}");
            await Task.Delay(1);
        }

        return await probe.Task;
    }

    /// <summary>Commands answered so far on a thread of <see cref="OnOwnThread{T}"/>, and whether the test gave up on it.</summary>
    private sealed class Progress
    {
        private long _count;
        private int _givenUp;

        public long Count => Volatile.Read(ref _count); // acquire: read by the waiting test

        public bool GivenUp => Volatile.Read(ref _givenUp) != 0; // acquire: set by the waiting test

        public void Done() => Volatile.Write(ref _count, _count + 1); // release: one writer, the working thread

        public void GiveUp() => Volatile.Write(ref _givenUp, 1); // release: the working thread stops spinning
    }

    private sealed class DeleteOnDispose(string directory) : IDisposable
    {
        public void Dispose()
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private sealed class AllocationProbe : ShardWorkItem<long>
    {
        protected override long Run(Shard shard, HallEntry? hall) => GC.GetAllocatedBytesForCurrentThread();
    }
}
