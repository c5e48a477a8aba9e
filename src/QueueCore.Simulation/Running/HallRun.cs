namespace QueueCore.Simulation;

/// <summary>One hall inside a replication: the real <see cref="Hall"/>, its live tickets and windows, and its
/// random streams (one per service's arrivals, so scenarios that differ elsewhere see the same arrivals).</summary>
/// <remarks>A stream is seeded from the hall's id and the service's id, not from their positions in the scenario: a
/// what-if that lists the services (or halls) in another order, or adds or removes one, still gives every other
/// service its own citizens.</remarks>
internal sealed class HallRun
{
    /// <param name="plan">The hall.</param>
    /// <param name="seed">The replication's seed.</param>
    /// <param name="tickets">The replication's ticket map, emptied here: halls run one at a time, so they share it (and
    /// the deadline queue) rather than growing new ones for every hall's day.</param>
    /// <param name="deadlines">The replication's patience deadlines, emptied here.</param>
    public HallRun(HallPlan plan, ulong seed, TicketMap tickets, PriorityQueue<long, long> deadlines)
    {
        Plan = plan;
        tickets.Clear();
        deadlines.Clear();
        Tickets = tickets;
        Deadlines = deadlines;
        Hall = new Hall(plan.Definition);
        Windows = new WindowRun[plan.Windows.Length];
        for (var i = 0; i < Windows.Length; i++)
        {
            Windows[i].Id = plan.Windows[i].Id;
            Windows[i].StopTo = WindowPhase.Open; // no stop pending
        }

        var hallSeed = Xoshiro256.Mix(seed, StableHash(plan.Definition.Id));
        Streams = [.. plan.Services.Select(s => new Xoshiro256(Xoshiro256.Mix(hallSeed, (ulong)s.Id)))];
    }

    public HallPlan Plan { get; }

    public Hall Hall { get; }

    public TicketMap Tickets { get; }

    public WindowRun[] Windows { get; }

    /// <summary>Per service (hall-local index) its arrival stream.</summary>
    public Xoshiro256[] Streams { get; }

    /// <summary>Appointments checked in so far in the hall's day: each takes its own reference (<see cref="AppointmentReferences"/>).</summary>
    public int Appointments { get; set; }

    /// <summary>The time of the tick event in the calendar, or long.MaxValue.</summary>
    public long ScheduledTick { get; set; } = long.MaxValue;

    /// <summary>
    /// When waiting citizens run out of patience (ticket id by deadline). Kept per hall, with one calendar event per hall
    /// at the earliest deadline, rather than an event per ticket in the calendar: most citizens are called long before
    /// their patience runs out, and their stale deadlines would otherwise fill the calendar (at a city's scale, hundreds
    /// of thousands of them) and make every event there slower. Stale entries are dropped when reached.
    /// </summary>
    public PriorityQueue<long, long> Deadlines { get; }

    /// <summary>The time of the hall's abandonment event in the calendar, or long.MaxValue.</summary>
    public long ScheduledAbandon { get; set; } = long.MaxValue;

    /// <summary>FNV-1a of the id's characters: the same on every machine and run (string.GetHashCode is randomised per process).</summary>
    private static ulong StableHash(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
