using BenchmarkDotNet.Attributes;
using QueueCore.Benchmarks.Baselines;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Halls;

/// <summary>
/// How fast is the hall state machine at its core job, issue one ticket and let a window call the best one it may
/// serve, with a standing queue of 400 and 50 windows, as the catalog grows? One operation = issue + call by a
/// random window (+ start and finish, so the window is free again: the hall does four commands, the baseline two).
/// When the random window has nothing it may serve, a comprehensive window calls instead, so exactly one ticket
/// leaves per ticket issued and the queue stays at 400 (otherwise it drifts like a critically loaded queue).
/// </summary>
[MemoryDiagnoser]
public class HallDispatchBenchmarks
{
    private const int Ops = 4096;

    private BenchHall _scenario = null!;
    private Hall _hall = null!;
    private LockedPriorityQueueScheduler _baseline = null!;
    private DateTimeOffset _now;
    private long _baselineNow;
    private int _i;

    /// <summary>Service items in the catalog.</summary>
    [Params(16, 256, 4096)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new BenchHall(Services);
        _now = BenchHall.Start;
        _hall = _scenario.NewHall(ref _now);
        var baselineNow = BenchHall.Start;
        _baseline = _scenario.NewBaseline(ref baselineNow);
        _baselineNow = baselineNow.UtcTicks;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops, Description = "lock + PriorityQueue scan")]
    public int LockedPriorityQueue()
    {
        var s = _scenario;
        var called = 0;
        for (var n = 0; n < Ops; n++)
        {
            var i = _i++ & 0xFFFF;
            _baselineNow += TimeSpan.TicksPerMillisecond;
            _baseline.Issue(s.TrafficServices[i], s.TrafficClasses[i], _baselineNow);
            called += (_baseline.CallNext(s.TrafficWindows[i]) ?? _baseline.CallNext(1)) is null ? 0 : 1;
        }

        return called;
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "QueueCore Hall")]
    public int QueueCoreHall()
    {
        var s = _scenario;
        var hall = _hall;
        var called = 0;
        for (var n = 0; n < Ops; n++)
        {
            var i = _i++ & 0xFFFF;
            _now = _now.AddMilliseconds(1);
            hall.Apply(HallCommand.IssueTicket(s.TrafficServices[i], priorityClass: BenchHall.ClassIds[s.TrafficClasses[i]]), _now);
            var window = s.TrafficWindows[i];
            if (!hall.Apply(HallCommand.CallNext(window), _now).IsSuccess)
            {
                window = 1; // comprehensive
                hall.Apply(HallCommand.CallNext(window), _now);
            }

            hall.Apply(HallCommand.StartServing(window), _now);
            called += hall.Apply(HallCommand.Finish(window), _now).IsSuccess ? 1 : 0;
        }

        return called;
    }
}
