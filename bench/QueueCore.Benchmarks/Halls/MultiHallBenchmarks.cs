using BenchmarkDotNet.Attributes;

namespace QueueCore.Benchmarks.Halls;

/// <summary>
/// What does a dispatch cycle cost when the hall is one of many, as a city's platform or the capacity simulator has
/// them? Every hall (8 items, 10 manual windows: 7 comprehensive, 3 specialised) keeps a standing queue; one
/// operation = issue a ticket to one hall, call it there, start and finish (four commands), the halls visited in a
/// scrambled order so each cycle finds its hall as cold as a city's traffic does. The baseline is the same cycle on
/// one hall (always warm). Halls x waiting per hall: 1,000 x 10, 10,000 x 100 (a million waiting tickets).
/// </summary>
[MemoryDiagnoser]
public class MultiHallBenchmarks
{
    private const int Ops = 4096;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private Hall[] _halls = null!;
    private Hall _one = null!;
    private int[] _order = null!;
    private DateTimeOffset _now;
    private int _i;

    /// <summary>How many halls.</summary>
    [Params(1_000, 10_000)]
    public int Halls { get; set; }

    /// <summary>Tickets waiting in each hall.</summary>
    [Params(10, 100)]
    public int WaitingPerHall { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _now = Start;
        _halls = [.. Enumerable.Range(0, Halls).Select(i => NewHall($"hall-{i}"))];
        _one = NewHall("one");
        var random = new Random(13);
        _order = [.. Enumerable.Range(0, Halls).OrderBy(_ => random.Next())];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops, Description = "one hall")]
    public int OneHall()
    {
        var done = 0;
        for (var n = 0; n < Ops; n++)
        {
            done += Cycle(_one, _i++);
        }

        return done;
    }

    [Benchmark(OperationsPerInvoke = Ops, Description = "many halls, scrambled")]
    public int ManyHalls()
    {
        var done = 0;
        for (var n = 0; n < Ops; n++)
        {
            var i = _i++;
            done += Cycle(_halls[_order[i % _order.Length]], i);
        }

        return done;
    }

    private int Cycle(Hall hall, int i)
    {
        _now = _now.AddMilliseconds(1);
        hall.Apply(HallCommand.IssueTicket(101 + (i & 7), priorityClass: (i & 7) == 3 ? "elderly" : null), _now);
        var window = 1 + (i % 10);
        if (!hall.Apply(HallCommand.CallNext(window), _now).IsSuccess)
        {
            window = 1; // comprehensive: always has something
            hall.Apply(HallCommand.CallNext(window), _now);
        }

        hall.Apply(HallCommand.StartServing(window), _now);
        return hall.Apply(HallCommand.Finish(window), _now).IsSuccess ? 1 : 0;
    }

    private Hall NewHall(string id)
    {
        var hall = new Hall(new HallDefinition
        {
            Id = id,
            Categories = [new ServiceCategory { Id = "all", Prefix = "A" }],
            Services = [.. Enumerable.Range(101, 8).Select(s => new ServiceItem { Id = s, Category = "all" })],
            Windows = [.. Enumerable.Range(1, 10).Select(w => new WindowDefinition { Id = w, Comprehensive = w <= 7, Skills = w > 7 ? [new WindowSkill { Service = 93 + w }] : [] })],
        });
        hall.Apply(HallCommand.OpenDay(), _now);
        for (var w = 1; w <= 10; w++)
        {
            hall.Apply(HallCommand.OpenWindow(w, clerk: w, auto: false), _now);
        }

        for (var t = 0; t < WaitingPerHall; t++)
        {
            hall.Apply(HallCommand.IssueTicket(101 + (t & 7)), _now);
        }

        return hall;
    }
}
