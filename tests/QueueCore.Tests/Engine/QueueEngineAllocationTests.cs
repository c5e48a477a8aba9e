using System.Diagnostics.Metrics;

namespace QueueCore.Tests.Engine;

public class QueueEngineAllocationTests
{
    private const int Count = 2000;

    [Fact]
    public async Task SubmitAsync_SteadyState_AllocatesNothingOnTheCaller()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);

        // On a dedicated thread, completing synchronously by polling, so the count is this thread's alone.
        var allocated = await Task.Factory.StartNew(
            () =>
            {
                Run(hall, Count); // warm-up: JIT, pool and tiering
                var before = GC.GetAllocatedBytesForCurrentThread();
                Run(hall, Count);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            },
            TaskCreationOptions.LongRunning).WaitAsync(EngineTestKit.Timeout);

        // Per-command allocation would be at least a source (~150 bytes) per call, 300 kB here. What may remain is
        // the pool growing once when the shard, not the caller, happens to release a source last for the first time.
        Assert.True(allocated < Count, $"{allocated} bytes for {Count} commands");
    }

    [Fact]
    public async Task Metrics_CommandsApplied_AreCountedOnTheEnginesMeter()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        long commands = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == engine.Metrics.Meter && instrument.Name == "queuecore.commands")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref commands, value));
        listener.Start();

        await EngineTestKit.OpenAsync(hall, 1);
        await hall.IssueTicketAsync(1).Bounded();

        Assert.Equal(3, Interlocked.Read(ref commands));
    }

    private static void Run(HallHandle hall, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var pending = hall.SubmitAsync(HallCommand.QueryTicket(1));
            var spinner = default(SpinWait);
            while (!pending.IsCompleted)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            _ = pending.Result;
        }
    }
}
