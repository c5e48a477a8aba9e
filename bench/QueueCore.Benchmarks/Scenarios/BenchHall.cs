using QueueCore.Benchmarks.Baselines;

namespace QueueCore.Benchmarks.Scenarios;

/// <summary>
/// The hall every benchmark uses: a catalog of N items in 8 categories, 50 windows (5 comprehensive, 45
/// specialised on one category with another as overflow), and a standing queue of waiting tickets. The same
/// traffic arrays drive the engine and the baseline.
/// </summary>
internal sealed class BenchHall
{
    public const int Windows = 50;
    public const int Categories = 8;
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 30, 0, TimeSpan.Zero);

    public BenchHall(int services, int standingQueue = 400, int trafficLength = 1 << 16, int seed = 42)
    {
        Services = services;
        Definition = new HallDefinition
        {
            Id = $"bench-{services}",
            Categories = [.. Enumerable.Range(0, Categories).Select(c => new ServiceCategory { Id = $"c{c}", Prefix = ((char)('A' + c)).ToString() })],
            Services = [.. Enumerable.Range(0, services).Select(i => new ServiceItem { Id = i, Category = $"c{i % Categories}" })],
            Windows = [.. Enumerable.Range(1, Windows).Select(w => w <= 5
                ? new WindowDefinition { Id = w, Comprehensive = true }
                : new WindowDefinition
                {
                    Id = w,
                    Skills =
                    [
                        new() { Category = $"c{w % Categories}" },
                        new() { Category = $"c{(w + 1) % Categories}", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) },
                    ],
                })],
            InitialTicketCapacity = 1 << 15,
            NoShow = new NoShowPolicy { MaxNoShows = int.MaxValue, RequeuePlacesBack = 0, PauseWindowAfter = 0, MaxRecalls = 3 },
        };
        var random = new Random(seed);
        StandingQueue = [.. Enumerable.Range(0, standingQueue).Select(_ => (random.Next(services), Class: ClassOf(random)))];
        TrafficServices = [.. Enumerable.Range(0, trafficLength).Select(_ => random.Next(services))];
        TrafficClasses = [.. Enumerable.Range(0, trafficLength).Select(_ => ClassOf(random))];
        TrafficWindows = [.. Enumerable.Range(0, trafficLength).Select(_ => random.Next(1, Windows + 1))];
    }

    public int Services { get; }

    public HallDefinition Definition { get; }

    public (int Service, int Class)[] StandingQueue { get; }

    public int[] TrafficServices { get; }

    /// <summary>Class index into <see cref="ClassIds"/>: mostly normal, some elderly and appointments.</summary>
    public int[] TrafficClasses { get; }

    public int[] TrafficWindows { get; }

    public static readonly string[] ClassIds = [.. new PriorityPolicy().Classes.Select(c => c.Id)];

    public static readonly long[] HeadStartTicks = [.. new PriorityPolicy().Classes.Select(c => c.HeadStart.Ticks)];

    /// <summary>A hall with its day and windows open and the standing queue issued.</summary>
    public Hall NewHall(ref DateTimeOffset now)
    {
        var hall = new Hall(Definition);
        hall.Apply(HallCommand.OpenDay(), now);
        for (var w = 1; w <= Windows; w++)
        {
            hall.Apply(HallCommand.OpenWindow(w, clerk: w), now);
        }

        foreach (var (service, cls) in StandingQueue)
        {
            now = now.AddMilliseconds(1);
            hall.Apply(HallCommand.IssueTicket(service, priorityClass: ClassIds[cls]), now);
        }

        return hall;
    }

    /// <summary>The baseline with the same windows and standing queue.</summary>
    public LockedPriorityQueueScheduler NewBaseline(ref DateTimeOffset now)
    {
        var baseline = new LockedPriorityQueueScheduler(Definition);
        foreach (var (service, cls) in StandingQueue)
        {
            now = now.AddMilliseconds(1);
            baseline.Issue(service, cls, now.UtcTicks);
        }

        return baseline;
    }

    private static int ClassOf(Random random) => random.Next(10) switch
    {
        0 => 1, // elderly
        1 => 2, // appointment
        _ => 4, // normal
    };
}
