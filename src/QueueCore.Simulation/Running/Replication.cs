using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

/// <summary>
/// One replication: an event calendar drives the real <see cref="Hall"/>s of a scenario through one day in virtual
/// time, with explicit instants. Single-threaded and deterministic: the same plan and seed give the same figures.
/// The hall decides every call (push to idle auto-mode windows, ranking, overflow, dedicated windows); the
/// simulation plays the citizens (arrivals, patience, absence) and the clerks (start, finish, breaks, shifts).
/// </summary>
internal sealed partial class Replication
{
    /// <summary>The simulated day's midnight (a Monday; halls run in UTC, so hall-local time is ticks from here).</summary>
    public static readonly DateTimeOffset Day = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly long DayTicks = Day.UtcTicks;

    private readonly SimulationPlan _plan;
    private readonly EventCalendar _calendar = new(4096);
    private readonly TicketMap _tickets = new();
    private readonly PriorityQueue<long, long> _deadlines = new();
    private readonly ulong _seed;
    private readonly ReplicationStats _stats;
    /// <summary>Indexes <see cref="_pending"/> as a ring (<see cref="HallDefinition.MaxWindows"/> is a power of two).</summary>
    private const int PendingMask = HallDefinition.MaxWindows - 1;

    private readonly int[] _pending = new int[HallDefinition.MaxWindows];
    private int _pendingCount;
    private long _now;
    private long _live;
    private long _commands;

    public Replication(SimulationPlan plan, ulong seed)
    {
        _plan = plan;
        _seed = seed;
        _stats = new ReplicationStats(plan);
    }

    /// <summary>Called for every call of a present citizen (tests of the dispatch order); null: none.</summary>
    public Action<CallRecord>? CallObserver { get; set; }

    /// <summary>Runs the day to its end (no event left) and returns what it measured.</summary>
    /// <remarks>
    /// The halls of a scenario share nothing (each has its own random streams, tickets and timers), so each hall's day
    /// runs to its end before the next one starts: the calendar then holds one hall's events and every event finds its
    /// hall's state warm in the caches. Interleaving a city's thousand halls in one calendar made each event land in a
    /// cold hall (2-4 us of cache misses against 0.3 us warm, see bench/RESULTS.md). Every hall sees exactly the
    /// events, in the same order, that the interleaved calendar would give it (ties keep their scheduling order), and
    /// the figures are sums of integers, so the result does not depend on the order of the halls.
    /// </remarks>
    public ReplicationStats Run()
    {
        var global = 0;
        foreach (var plan in _plan.Halls)
        {
            // Built when its day starts and dropped when it ends: one hall's state is live at a time, so it stays in
            // the caches and the collector reclaims it young.
            var h = new HallRun(plan, _seed, _tickets, _deadlines);
            RunDay(h);
            foreach (ref readonly var w in h.Windows.AsSpan())
            {
                (_stats.WindowBusy[global], _stats.WindowOpen[global], _stats.WindowServed[global]) = (w.BusyTicks, w.OpenTicks, w.Served);
                global++;
            }
        }

        _stats.Commands = _commands;
        return _stats;
    }

    /// <summary>Runs one hall's day from its opening to its last event.</summary>
    private void RunDay(HallRun h)
    {
        _now = 0; // every hall's day starts at midnight (the previous hall ended at its closing)
        _live = 0;
        Start(h);
        while (_calendar.TryPop(out var e))
        {
            _now = e.Time;
            switch (e.Kind)
            {
                case SimEventKind.Arrival:
                    Arrive(h, e.Target);
                    break;
                case SimEventKind.TraceArrival:
                    ArriveFromTrace(h, e.Target);
                    break;
                case SimEventKind.Completion:
                    Complete(h, e.Target, e.Ticket);
                    break;
                case SimEventKind.NoShow:
                    MarkNoShow(h, e.Target, e.Ticket);
                    break;
                case SimEventKind.Abandon:
                    Abandon(h, e.Time);
                    break;
                case SimEventKind.WindowOpen:
                    OpenWindow(h, e.Target, (int)e.Ticket);
                    break;
                case SimEventKind.WindowStop:
                    StopWindow(h, e.Target, (int)e.Ticket);
                    break;
                case SimEventKind.Tick:
                    Tick(h, e.Time);
                    break;
                case SimEventKind.DayClose:
                    Apply(h, HallCommand.CloseDay(DayClosePolicy.CancelWaiting));
                    Scan(h);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown event {e.Kind}.");
            }
        }
    }

    private void Start(HallRun h)
    {
        var plan = h.Plan;
        Apply(h, HallCommand.OpenDay());
        for (var w = 0; w < plan.Windows.Length; w++)
        {
            if (plan.Windows[w].Open.Length > 0)
            {
                _calendar.Push(plan.Windows[w].Open[0].From, SimEventKind.WindowOpen, w, 0);
            }
        }

        if (plan.Trace is { Length: > 0 } trace)
        {
            // The trace's arrivals replace the services' Poisson arrivals (a scenario's rates stay for its other uses).
            _calendar.Push(trace[0].Arrival.Ticks, SimEventKind.TraceArrival, 0, 0);
        }
        else
        {
            for (var s = 0; s < plan.Services.Length; s++)
            {
                ScheduleArrival(h, s, _plan.SlotStart);
            }
        }

        _calendar.Push(plan.DayEnd, SimEventKind.DayClose, 0, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CommandResult Apply(HallRun h, in HallCommand command)
    {
        _commands++;
        return h.Hall.Apply(command, new DateTimeOffset(DayTicks + _now, TimeSpan.Zero));
    }

    private void Tick(HallRun h, long time)
    {
        if (time != h.ScheduledTick)
        {
            return; // superseded by an earlier tick, which rescheduled this one if still needed
        }

        h.ScheduledTick = long.MaxValue;
        Apply(h, HallCommand.Tick());
        Scan(h);
    }

    /// <summary>Keeps one tick in the calendar at the hall's next due timer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ScheduleTick(HallRun h)
    {
        if (h.Hall.NextDue is { } due)
        {
            var at = Math.Max(_now, due.UtcTicks - DayTicks);
            if (at < h.ScheduledTick)
            {
                h.ScheduledTick = at;
                _calendar.Push(at, SimEventKind.Tick, 0, 0);
            }
        }
    }
}
