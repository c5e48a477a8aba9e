using BenchmarkDotNet.Attributes;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Halls;

/// <summary>
/// Does a timer tick cost more as the catalog grows? A simulator (or a shard whose halls have wait limits) ticks a
/// hall at every instant something may be due. The reviewer's workload (<see cref="WorkloadHall"/>) with a 20-minute
/// wait limit on every item, so wait-limit alerts fire all the time, run without ticks (the baseline) and with a tick
/// after every command; per operation (one issue or one call). A tick that scanned the catalog would cost O(items)
/// each; a timer heap costs O(log) per timer fired and nothing when none is due.
/// Run: <c>dotnet run -c Release --project bench/QueueCore.Benchmarks -- --filter '*TickBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class TickBenchmarks
{
    private const int Pairs = 2048;
    private const int Ops = 2 * Pairs;
    private static readonly HallCommand Tick = HallCommand.Tick();

    private WorkloadHall _scenario = null!;
    private Hall _plain = null!, _ticked = null!;
    private DateTimeOffset _plainNow, _tickedNow;
    private int _plainNext, _tickedNext;

    /// <summary>Service items in the catalog.</summary>
    [Params(16, 4096)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new WorkloadHall(Services, tweak: d => d with
        {
            Services = [.. d.Services.Select(s => s with { WaitLimit = TimeSpan.FromMinutes(20) })],
        });
        _plain = _scenario.NewHall(out _plainNow);
        _ticked = _scenario.NewHall(out _tickedNow);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops, Description = "no ticks")]
    public long NoTicks() => Run(_plain, ref _plainNow, ref _plainNext, tick: false);

    [Benchmark(OperationsPerInvoke = Ops, Description = "a tick after every command")]
    public long TickAfterEveryCommand() => Run(_ticked, ref _tickedNow, ref _tickedNext, tick: true);

    private long Run(Hall hall, ref DateTimeOffset now, ref int next, bool tick)
    {
        var s = _scenario;
        long sum = 0;
        for (var n = 0; n < Pairs; n++, next++)
        {
            var i = next & WorkloadHall.Mask;
            now += WorkloadHall.Step;
            sum += hall.Apply(WorkloadHall.Issue(s.Arrivals[i]), now).Ticket;
            if (tick)
            {
                sum += hall.Apply(Tick, now).Sequence;
            }

            now += WorkloadHall.Step;
            sum += WorkloadHall.Call(hall, s.CallingWindows[i], now).Ticket;
            if (tick)
            {
                sum += hall.Apply(Tick, now).Sequence;
            }
        }

        return sum;
    }
}
