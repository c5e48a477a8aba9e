using BenchmarkDotNet.Attributes;
using QueueCore.Benchmarks.Baselines;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Halls;

/// <summary>
/// What does one dispatch decision cost with a large catalog? One operation = a window calls next and the ticket is
/// put straight back with its standing (a no-show that keeps its place), so the queue stays the same size and
/// every call sees the same work. The figure bounds the cost of call-next alone from above.
/// </summary>
[MemoryDiagnoser]
public class CallNextBenchmarks
{
    private const int Ops = 4096;

    private BenchHall _scenario = null!;
    private Hall _hall = null!;
    private LockedPriorityQueueScheduler _baseline = null!;
    private DateTimeOffset _now;
    private int _i;

    /// <summary>Service items in the catalog.</summary>
    [Params(256, 4096)]
    public int Services { get; set; }

    /// <summary>Tickets waiting while windows call.</summary>
    [Params(400, 4000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new BenchHall(Services, Waiting);
        _now = BenchHall.Start;
        _hall = _scenario.NewHall(ref _now);
        var baselineNow = BenchHall.Start;
        _baseline = _scenario.NewBaseline(ref baselineNow);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops, Description = "lock + PriorityQueue scan")]
    public int LockedPriorityQueue()
    {
        var called = 0;
        for (var n = 0; n < Ops; n++)
        {
            var ticket = _baseline.CallNext(_scenario.TrafficWindows[_i++ & 0xFFFF]);
            if (ticket is not null)
            {
                _baseline.Requeue(ticket);
                called++;
            }
        }

        return called;
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "QueueCore Hall")]
    public int QueueCoreHall()
    {
        var hall = _hall;
        var called = 0;
        for (var n = 0; n < Ops; n++)
        {
            var window = _scenario.TrafficWindows[_i++ & 0xFFFF];
            if (hall.Apply(HallCommand.CallNext(window), _now).IsSuccess)
            {
                hall.Apply(HallCommand.NoShow(window), _now);
                called++;
            }
        }

        return called;
    }
}
