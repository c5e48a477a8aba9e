// The library's call is finish-and-call-next + start (see Call below); remove this define to measure call + start + finish instead.
#define FINISH_AND_CALL_NEXT
using QueueCore.Benchmarks.Baselines;

namespace QueueCore.Benchmarks.Scenarios;

/// <summary>
/// The held-out reviewer's workload: a hall of 50 windows (40 comprehensive, 10 specialised), services of Zipf
/// popularity, about 1,000 tickets waiting, traffic alternating an issue and a call. Everything is precomputed
/// from fixed seeds, and time advances by <see cref="Step"/> per operation, so every run replays the same work.
/// </summary>
/// <remarks>
/// <para>Catalog: service ids 0..N-1 in 8 categories (id mod 8); service 0 is the most popular (Zipf, exponent 1).</para>
/// <para>Windows 1-40 are comprehensive. Windows 41-45 serve category c0..c4 (primary) and the next category as
/// overflow; windows 46-50 serve a small set of items of category c5, c6, c7, c0, c1 (ids c, c+8, c+16, c+24 that
/// exist) as primary and the rest of that category as overflow. Overflow tickets become eligible after
/// <see cref="OverflowDelay"/> of waiting.</para>
/// <para>Citizens: 2% green channel (flag), 5% elderly (age 65-90), the rest normal (age 18-64); the class comes from
/// the hall's default rules (age and flags), never from an explicit class. At one second per operation a ticket
/// waits about half an hour, so the head starts matter (an elderly ticket's 10 minutes put it about 300 places
/// ahead, a green ticket's 60 minutes at the front), and no ticket reaches the default one-hour max-wait guarantee
/// (the check would catch it: the baselines do not model it).</para>
/// <para>With 1,000 waiting, every specialised window always finds a primary ticket: the overflow tier is defined
/// but never used (the check prints the number of overflow calls: 0 at 16, 256 and 4,096 items).</para>
/// </remarks>
internal sealed class WorkloadHall
{
    public const int Windows = 50;
    public const int ComprehensiveWindows = 40;
    public const int Categories = 8;

    /// <summary>Tickets waiting before, during and after every pair (one issue, one call).</summary>
    public const int Waiting = 1000;

    /// <summary>Precomputed pairs; benchmarks wrap around (index &amp; <see cref="Mask"/>).</summary>
    public const int Length = 1 << 16;

    public const int Mask = Length - 1;

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The clock advances this much before every operation (issue or call).</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan OverflowDelay = TimeSpan.FromMinutes(15);

    public WorkloadHall(int services, int seed = 2026, Func<HallDefinition, HallDefinition>? tweak = null)
    {
        Services = services;
        Definition = new HallDefinition
        {
            Id = $"workload-{services}",
            Categories = [.. Enumerable.Range(0, Categories).Select(c => new ServiceCategory { Id = $"c{c}", Prefix = ((char)('A' + c)).ToString() })],
            Services = [.. Enumerable.Range(0, services).Select(i => new ServiceItem { Id = i, Category = $"c{i % Categories}" })],
            Windows = [.. Enumerable.Range(1, Windows).Select(w => Window(w, services))],
        };
        Definition = tweak?.Invoke(Definition) ?? Definition;

        var zipf = new ZipfDistribution(services);
        var random = new Random(seed);
        StandingQueue = [.. Enumerable.Range(0, Waiting).Select(_ => NextArrival(random, zipf))];
        Arrivals = [.. Enumerable.Range(0, Length).Select(_ => NextArrival(random, zipf))];
        CallingWindows = [.. Enumerable.Range(0, Length).Select(_ => random.Next(1, Windows + 1))];
    }

    public int Services { get; }

    /// <summary>The hall, with the library's default options except the catalog and windows.</summary>
    public HallDefinition Definition { get; }

    /// <summary>Issued in setup, one <see cref="Step"/> apart, before the first pair.</summary>
    public Arrival[] StandingQueue { get; }

    /// <summary>Pair i issues <c>Arrivals[i]</c> ...</summary>
    public Arrival[] Arrivals { get; }

    /// <summary>... then window <c>CallingWindows[i]</c> (uniform over 1..50) calls.</summary>
    public int[] CallingWindows { get; }

    /// <summary>
    /// The library's call: the window finishes its ticket and calls the next in one command
    /// (<see cref="HallCommand.FinishAndCallNext"/>) and, on success, starts serving it, so the next call finishes a
    /// ticket being served. With <paramref name="start"/> false it is the terminal's single "Next" key alone: the next
    /// call finishes the ticket straight from its call (it counts as served from the call), one command fewer per pair.
    /// The tickets called are the same either way. (See the #define at the top for call + start + finish instead.)
    /// </summary>
    public static CommandResult Call(Hall hall, int window, DateTimeOffset now, bool start = true)
    {
#if FINISH_AND_CALL_NEXT
        var called = hall.Apply(HallCommand.FinishAndCallNext(window), now);
        if (start && called.IsSuccess)
        {
            hall.Apply(HallCommand.StartServing(window), now);
        }
#else
        var called = hall.Apply(HallCommand.CallNext(window), now);
        if (called.IsSuccess)
        {
            hall.Apply(HallCommand.StartServing(window), now);
            hall.Apply(HallCommand.Finish(window), now);
        }
#endif
        return called;
    }

    public static HallCommand Issue(in Arrival a) => HallCommand.IssueTicket(a.Service, a.Age, a.Flags);

    /// <summary>
    /// A hall with its day and windows open and the standing queue issued; <paramref name="now"/> is its clock.
    /// The standing tickets' ids go to <paramref name="issued"/> if given.
    /// </summary>
    public Hall NewHall(out DateTimeOffset now, List<long>? issued = null)
    {
        now = Start;
        var hall = new Hall(Definition);
        Require(hall.Apply(HallCommand.OpenDay(), now).IsSuccess, "open the day");
        for (var w = 1; w <= Windows; w++)
        {
            Require(hall.Apply(HallCommand.OpenWindow(w, clerk: w), now).IsSuccess, "open a window");
        }

        foreach (var a in StandingQueue)
        {
            now += Step;
            var result = hall.Apply(Issue(a), now);
            Require(result.IsSuccess, "issue the standing queue");
            issued?.Add(result.Ticket);
        }

        return hall;
    }

    /// <summary>Baseline A with the same windows and standing queue; <paramref name="now"/> is its clock in ticks.</summary>
    public SinglePriorityQueueHall NewSinglePriorityQueue(out long now)
    {
        var baseline = new SinglePriorityQueueHall(Definition);
        now = Start.UtcTicks;
        foreach (var a in StandingQueue)
        {
            now += Step.Ticks;
            baseline.Issue(a, now);
        }

        return baseline;
    }

    /// <summary>Baseline B with the same windows and standing queue; <paramref name="now"/> is its clock in ticks.</summary>
    public PriorityQueuePerServiceHall NewPriorityQueuePerService(out long now)
    {
        var baseline = new PriorityQueuePerServiceHall(Definition);
        now = Start.UtcTicks;
        foreach (var a in StandingQueue)
        {
            now += Step.Ticks;
            baseline.Issue(a, now);
        }

        return baseline;
    }

    private static WindowDefinition Window(int id, int services)
    {
        if (id <= ComprehensiveWindows)
        {
            return new WindowDefinition { Id = id, Comprehensive = true };
        }

        var j = id - ComprehensiveWindows - 1; // 0..9
        if (j < 5)
        {
            return new WindowDefinition
            {
                Id = id,
                Skills =
                [
                    new() { Category = $"c{j}" },
                    new() { Category = $"c{(j + 1) % Categories}", Tier = SkillTier.Overflow, OverflowDelay = OverflowDelay },
                ],
            };
        }

        var c = j % Categories; // 5, 6, 7, 0, 1
        return new WindowDefinition
        {
            Id = id,
            Skills =
            [
                .. Enumerable.Range(0, 4).Select(k => c + (k * Categories)).Where(s => s < services).Select(s => new WindowSkill { Service = s }),
                new() { Category = $"c{c}", Tier = SkillTier.Overflow, OverflowDelay = OverflowDelay },
            ],
        };
    }

    private static Arrival NextArrival(Random random, ZipfDistribution zipf)
    {
        var service = zipf.Next(random);
        return random.Next(100) switch
        {
            < 2 => new Arrival(service, (byte)random.Next(18, 65), TicketFlags.GreenChannel),
            < 7 => new Arrival(service, (byte)random.Next(65, 91), TicketFlags.None),
            _ => new Arrival(service, (byte)random.Next(18, 65), TicketFlags.None),
        };
    }

    private static void Require(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Workload setup failed: could not {what}.");
        }
    }
}
