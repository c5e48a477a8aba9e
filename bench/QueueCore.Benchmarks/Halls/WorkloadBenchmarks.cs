using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using QueueCore.Benchmarks.Baselines;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Halls;

/// <summary>
/// Per operation, how does the hall compare with the priority queues a user would write? The held-out reviewer's
/// workload (<see cref="WorkloadHall"/>): 50 windows (40 comprehensive), Zipf-popular services, 1,000 waiting,
/// alternating an issue and a call by a random window; one operation = one issue or one call. The library's call
/// is finish-and-call-next (the clerk's "Next" key) + start (<see cref="WorkloadHall.Call"/>), so the next call
/// finishes a ticket being served; the "Next key alone" row leaves the start out, as a terminal with one key does;
/// a baseline's call removes the ticket. Baselines: <see cref="SinglePriorityQueueHall"/> (A) and
/// <see cref="PriorityQueuePerServiceHall"/> (B); the hall is driven directly through <see cref="Hall.Apply"/>.
/// Setup checks (<see cref="WorkloadCheck"/>) that all three keep 1,000 waiting, every call succeeds and they call
/// the same tickets; the loops throw if a command fails later.
/// Run: <c>dotnet run -c Release --project bench/QueueCore.Benchmarks -- --filter '*Workload*'</c>.
/// </summary>
[MemoryDiagnoser]
public class WorkloadBenchmarks
{
    private const int Pairs = 2048;
    private const int Ops = 2 * Pairs;

    /// <summary>Operations in one call of a benchmark method (an issue and a call per pair).</summary>
    public const int OperationsPerInvoke = Ops;

    private WorkloadHall _scenario = null!;
    private Hall _hall = null!;
    private Hall _nextKeyHall = null!;
    private SinglePriorityQueueHall _single = null!;
    private PriorityQueuePerServiceHall _perService = null!;
    private DateTimeOffset _hallNow, _nextKeyNow;
    private long _singleNow, _perServiceNow;
    private int _hallNext, _nextKeyNext, _singleNext, _perServiceNext;

    /// <summary>Service items in the catalog.</summary>
    [Params(16, 256, 4096)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new WorkloadHall(Services);
        var standingIds = new List<long>(WorkloadHall.Waiting);
        _hall = _scenario.NewHall(out _hallNow, standingIds);
        _single = _scenario.NewSinglePriorityQueue(out _singleNow);
        _perService = _scenario.NewPriorityQueuePerService(out _perServiceNow);
        WorkloadCheck.Run(_scenario, _hall, standingIds, ref _hallNow, _single, ref _singleNow, _perService, ref _perServiceNow);

        // The Next-key hall is checked against baselines of its own (the rows' baselines are already past the check).
        standingIds.Clear();
        _nextKeyHall = _scenario.NewHall(out _nextKeyNow, standingIds);
        var single = _scenario.NewSinglePriorityQueue(out var singleNow);
        var perService = _scenario.NewPriorityQueuePerService(out var perServiceNow);
        WorkloadCheck.Run(_scenario, _nextKeyHall, standingIds, ref _nextKeyNow, single, ref singleNow, perService, ref perServiceNow, start: false);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops, Description = "A: one PriorityQueue under a lock")]
    public long SinglePriorityQueue()
    {
        var (s, queue, now, next) = (_scenario, _single, _singleNow, _singleNext);
        var step = WorkloadHall.Step.Ticks;
        long sum = 0;
        for (var n = 0; n < Pairs; n++, next++)
        {
            var i = next & WorkloadHall.Mask;
            now += step;
            queue.Issue(s.Arrivals[i], now);
            now += step;
            if (!queue.TryCall(s.CallingWindows[i], now, out var called))
            {
                WorkloadBroke(s.CallingWindows[i]);
            }

            sum += called.Serial;
        }

        (_singleNow, _singleNext) = (now, next);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "B: a PriorityQueue per service under a lock")]
    public long PriorityQueuePerService()
    {
        var (s, queues, now, next) = (_scenario, _perService, _perServiceNow, _perServiceNext);
        var step = WorkloadHall.Step.Ticks;
        long sum = 0;
        for (var n = 0; n < Pairs; n++, next++)
        {
            var i = next & WorkloadHall.Mask;
            now += step;
            queues.Issue(s.Arrivals[i], now);
            now += step;
            if (!queues.TryCall(s.CallingWindows[i], now, out var called))
            {
                WorkloadBroke(s.CallingWindows[i]);
            }

            sum += called.Serial;
        }

        (_perServiceNow, _perServiceNext) = (now, next);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "QueueCore Hall")]
    public long QueueCoreHall() => RunHall(_hall, ref _hallNow, ref _hallNext, start: true);

    [Benchmark(OperationsPerInvoke = Ops, Description = "QueueCore Hall, the Next key alone")]
    public long QueueCoreHallNextKey() => RunHall(_nextKeyHall, ref _nextKeyNow, ref _nextKeyNext, start: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // each row gets its own copy, with start a constant
    private long RunHall(Hall hall, ref DateTimeOffset hallNow, ref int hallNext, bool start)
    {
        var (s, now, next) = (_scenario, hallNow, hallNext);
        var step = WorkloadHall.Step.Ticks;
        long sum = 0;
        for (var n = 0; n < Pairs; n++, next++)
        {
            var i = next & WorkloadHall.Mask;
            now = now.AddTicks(step);
            var issued = hall.Apply(WorkloadHall.Issue(s.Arrivals[i]), now);
            now = now.AddTicks(step);
            var called = WorkloadHall.Call(hall, s.CallingWindows[i], now, start);
            if (!(issued.IsSuccess && called.IsSuccess))
            {
                WorkloadBroke(s.CallingWindows[i]);
            }

            sum += called.Ticket;
        }

        (hallNow, hallNext) = (now, next);
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WorkloadBroke(int window) =>
        throw new InvalidOperationException($"Workload broke: a command failed (window {window}); the standing queue is no longer 1,000.");
}
