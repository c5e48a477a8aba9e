using BenchmarkDotNet.Attributes;
using QueueCore.Benchmarks.Baselines;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Halls;

/// <summary>
/// How fast does a hall take a realistic mix of commands? Replays a script of 20,000 accepted commands on a fresh
/// hall each iteration; figures are per script command. The baseline replays only the part it can model (issues
/// and calls, about 45% of the script) on the same services and windows, so it does less work per command.
/// One catalog size alone (the filter also matches parameter values):
/// <c>dotnet run -c Release --project bench/QueueCore.Benchmarks -- --filter '*MixedHall*4096*'</c>.
/// </summary>
[MemoryDiagnoser]
public class MixedHallTrafficBenchmarks
{
    private const int Length = 20_000;

    private BenchHall _scenario = null!;
    private MixedScript _script = null!;
    private Hall _hall = null!;
    private LockedPriorityQueueScheduler _baseline = null!;
    private DateTimeOffset _origin;

    /// <summary>Service items in the catalog.</summary>
    [Params(16, 256, 4096)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new BenchHall(Services);
        _script = new MixedScript(_scenario, Length);
    }

    [IterationSetup]
    public void FreshHalls()
    {
        var now = BenchHall.Start;
        _hall = _scenario.NewHall(ref now);
        _origin = now;
        var baselineNow = BenchHall.Start;
        _baseline = _scenario.NewBaseline(ref baselineNow);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Length, Description = "lock + PriorityQueue scan")]
    public int LockedPriorityQueue()
    {
        var done = 0;
        var commands = _script.Commands;
        for (var i = 0; i < commands.Length; i++)
        {
            var c = commands[i];
            if (c.Kind == CommandKind.IssueTicket)
            {
                _baseline.Issue(c.Services[0], 4, _origin.UtcTicks + _script.Offsets[i]);
                done++;
            }
            else if (c.Kind == CommandKind.CallNext)
            {
                done += _baseline.CallNext(c.Window) is null ? 0 : 1;
            }
        }

        return done;
    }

    [Benchmark(OperationsPerInvoke = Length, Description = "QueueCore Hall")]
    public int QueueCoreHall()
    {
        var accepted = 0;
        var commands = _script.Commands;
        var offsets = _script.Offsets;
        for (var i = 0; i < commands.Length; i++)
        {
            accepted += _hall.Apply(in commands[i], _origin.AddTicks(offsets[i])).IsSuccess ? 1 : 0;
        }

        return accepted;
    }
}
