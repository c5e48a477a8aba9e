using BenchmarkDotNet.Attributes;
using QueueCore.Benchmarks.Baselines;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Engine;

/// <summary>
/// How many commands per second does the engine take from producers on other threads, across 8 halls? Each
/// producer keeps up to 64 commands in flight (issue, call, start, finish on random halls and windows) and waits
/// for every result. The baseline is a Channel per shard with a TaskCompletionSource per command.
/// </summary>
[MemoryDiagnoser]
public class EngineThroughputBenchmarks
{
    private const int Halls = 8;
    private const int PerProducer = 64 * 1024;
    private const int InFlight = 64;

    private QueueEngine _engine = null!;
    private HallHandle[] _halls = null!;
    private ChannelPerShardEngine _baseline = null!;

    /// <summary>Producer threads (the machine has 2 cores; 1 shard).</summary>
    [Params(1, 2)]
    public int Producers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        _halls = EngineTraffic.PrepareAsync(_engine, Halls).GetAwaiter().GetResult();
        _baseline = new ChannelPerShardEngine([.. Enumerable.Range(0, Halls).Select(EngineTraffic.Hall)], shards: 1);
        for (var h = 0; h < Halls; h++)
        {
            _baseline.SubmitAsync(h, HallCommand.OpenDay()).GetAwaiter().GetResult();
            for (var w = 1; w <= EngineTraffic.WindowsPerHall; w++)
            {
                _baseline.SubmitAsync(h, HallCommand.OpenWindow(w, clerk: w)).GetAwaiter().GetResult();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _baseline.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerProducer, Description = "Channel + TaskCompletionSource")]
    public void ChannelPerShard() => Run(producer =>
    {
        var pending = new Task<CommandResult>[InFlight];
        var random = (uint)(producer + 1) * 2654435761u;
        for (long step = 0; step < PerProducer; step += InFlight)
        {
            for (var i = 0; i < InFlight; i++)
            {
                var r = EngineTraffic.Next(ref random);
                pending[i] = _baseline.SubmitAsync((int)(r % Halls), EngineTraffic.Command(step + i, r >> 8));
            }

            Task.WaitAll(pending);
        }
    });

    [Benchmark(OperationsPerInvoke = PerProducer, Description = "QueueEngine")]
    public void QueueEngine() => Run(producer =>
    {
        var pending = new ValueTask<CommandResult>[InFlight];
        var random = (uint)(producer + 1) * 2654435761u;
        for (long step = 0; step < PerProducer; step += InFlight)
        {
            for (var i = 0; i < InFlight; i++)
            {
                var r = EngineTraffic.Next(ref random);
                pending[i] = _halls[r % Halls].SubmitAsync(EngineTraffic.Command(step + i, r >> 8));
            }

            for (var i = 0; i < InFlight; i++)
            {
                var spinner = default(SpinWait);
                while (!pending[i].IsCompleted)
                {
                    spinner.SpinOnce(sleep1Threshold: -1); // a synchronous producer: spin, never block a thread-pool thread
                }

                _ = pending[i].Result;
            }
        }
    });

    // OperationsPerInvoke counts one producer's commands: with P producers the figure is time per P commands,
    // i.e. divide by P for the time per command across producers.
    private void Run(Action<int> producer)
    {
        var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() => producer(p))).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }
    }
}
