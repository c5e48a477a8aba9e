namespace QueueCore.Tests.Properties;

/// <summary>
/// A plain list-based model of a hall, with the dispatch rules written the obvious way: every decision scans every
/// waiting ticket and every window. Slow and simple, so it can be trusted to say what the hall should do. It takes the
/// same commands as <see cref="Hall"/> (issue, call-next, call-ticket, finish-and-call-next, recall, start, finish,
/// no-show, transfers to an item or a window, park and resume, cancel, query, windows opened in manual or auto mode,
/// paused, resumed and closed, the day opened and closed either way, ticks) and predicts the result, the events, the
/// queues and the next due timer. It shares no code with the hall: the rules come from the XML docs, DOMAIN.md
/// ("Dispatch rules") and the hall's documented rules.
/// </summary>
/// <remarks>
/// This part: state, ranking and the choice a window makes. Standing is the instant a ticket ranks as if it had been
/// issued (issue time minus resume bonuses and no-show places back); rank is standing minus the class head start. A
/// window takes, in order: the ticket overdue longest among all it may serve (its own queue included); its own queue
/// (tickets transferred or returned to it) by rank; then primary items, then overflow items past their delay, where a
/// dedicated window takes its class first and the interleave rule may owe a normal call.
/// </remarks>
internal sealed partial class ReferenceScheduler
{
    private HallDefinition _definition;
    private readonly PriorityPolicy _policy;
    private readonly long[] _headStart;
    private readonly int _normal;
    private readonly int _interleavePriority; // 0: no interleave rule
    private readonly int _interleaveNormal;
    private readonly long _maxWait; // 0: no guarantee
    private readonly long _resumeBonus;
    private readonly Dictionary<int, ServiceItem> _services;
    private readonly List<int> _serviceOrder; // catalog order (wait-limit timers of several items due together fire in it)
    private readonly Dictionary<string, int> _sequences = [];
    private readonly Dictionary<int, int> _issuedToday = []; // per item: tickets issued since the day opened (daily caps)
    private readonly HashSet<(long Ticket, int Service)> _waitAlerted = [];
    private readonly List<ModelEvent> _events = [];
    private long _serial, _joins, _parks;
    private long _calls; // today's, numbering the windows' turns

    public ReferenceScheduler(HallDefinition definition)
    {
        _definition = definition;
        _policy = definition.Priority;
        _headStart = [.. _policy.Classes.Select(c => (long)(c.HeadStart.Ticks / _policy.AgingRate))];
        _normal = ClassIndex(_policy.NormalClass);
        var rule = _policy.Interleave ?? (_policy.InterleaveAfter is { } n ? new InterleaveRule { PriorityCalls = n } : null);
        (_interleavePriority, _interleaveNormal) = rule is null ? (0, 0) : (rule.PriorityCalls, rule.NormalCalls);
        _maxWait = _policy.MaxWait?.Ticks ?? 0;
        _resumeBonus = (long)(definition.Park.ResumeHeadStart.Ticks / _policy.AgingRate);
        _services = definition.Services.ToDictionary(s => s.Id);
        _serviceOrder = [.. definition.Services.Select(s => s.Id)];
        Windows = [.. definition.Windows.Select((w, i) => new ModelWindow(
            w, i, w.DedicatedClass is null ? -1 : ClassIndex(w.DedicatedClass), SkillsOf(w, definition)))];
    }

    public List<ModelWindow> Windows { get; }

    /// <summary>Every waiting ticket, in item queues and windows' own queues, in no particular order.</summary>
    public List<ModelTicket> Waiting { get; } = [];

    public Dictionary<long, ModelTicket> All { get; } = [];

    /// <summary>Tickets issued and not yet finished, dropped or cancelled, in issue order.</summary>
    public List<ModelTicket> Live { get; } = [];

    /// <summary>The last tickets retired, most recent last.</summary>
    public Queue<ModelTicket> RecentlyRetired { get; } = new();

    private readonly List<ModelTicket> _parked = [];

    public ModelDay Day { get; private set; }

    /// <summary>When the current (or last) day opened: a window idle since before it counts its idle time from it.</summary>
    public long DayOpenedAt { get; private set; }

    /// <summary>The model's clock: the latest instant applied (it never goes back).</summary>
    public long Now { get; private set; }

    public IReadOnlyList<ModelEvent> LastEvents => _events;

    public int Normal => _normal;

    /// <summary>Calls (by a clerk or an auto window) of a normal ticket the interleave rule owed; of those, the second or
    /// a later one of a run (the rule owes more than one normal call per run of priority calls).</summary>
    public int OwedNormalCalls { get; private set; }

    public int LaterOwedNormalCalls { get; private set; }

    /// <summary>The interleave rule's run of priority calls (0: no rule).</summary>
    public int InterleavePriorityCalls => _interleavePriority;

    public int ClassIndex(string id) => _policy.Classes.ToList().FindIndex(c => c.Id == id);

    public ModelWindow WindowOf(int id) => Windows.Single(w => w.Id == id);

    public long HeadStart(int cls) => _headStart[cls];

    public long Standing(ModelTicket t) => t.Rank + _headStart[t.Class];

    public bool Overdue(ModelTicket t) => _maxWait > 0 && Now - Standing(t) >= _maxWait;

    public static bool Less(ModelTicket a, ModelTicket b) => a.Rank < b.Rank || (a.Rank == b.Rank && a.Serial < b.Serial);

    private bool StandsBefore(ModelTicket a, ModelTicket b) =>
        Standing(a) < Standing(b) || (Standing(a) == Standing(b) && (a.Rank < b.Rank || (a.Rank == b.Rank && a.Serial < b.Serial))); // equally old: rule 4

    /// <summary>0 the window may not take the ticket now, 1 primary, 2 overflow past its delay (for a ticket in an item queue).</summary>
    public int Level(ModelWindow w, ModelTicket t)
    {
        if (!w.Skills.TryGetValue(t.Service, out var skill))
        {
            return 0;
        }

        return skill.Tier == 1 ? 1 : Now - Standing(t) >= skill.Delay ? 2 : 0;
    }

    /// <summary>When an overflow ticket becomes eligible at the window (its standing plus the window's delay for the item).</summary>
    public long EligibleAt(ModelWindow w, ModelTicket t) => Standing(t) + w.Skills[t.Service].Delay;

    /// <summary>The ticket the window calls next (a clerk's call-next), or null.</summary>
    public ModelTicket? Choose(ModelWindow w) => Choose(w, w.NormalOwed, Waiting, null, out _);

    /// <summary>
    /// The dispatch rule, by a scan of <paramref name="pool"/>: overdue first, then the window's own queue, then primary,
    /// then overflow past its delay. <paramref name="normalWaited"/>: a normal ticket the window may take from an item
    /// queue was there at the level it calls from, primary while any primary ticket is eligible, else overflow (the
    /// interleave rule drops owed normal calls when none was).
    /// </summary>
    private ModelTicket? Choose(ModelWindow w, int owed, List<ModelTicket> pool, ModelTicket? except, out bool normalWaited)
    {
        ModelTicket? overdue = null, own = null;
        var best = new ModelTicket?[3];
        var dedicated = new ModelTicket?[3];
        var normal = new ModelTicket?[3];
        normalWaited = false;
        foreach (var t in pool)
        {
            if (t == except || (t.QueueWindow is not null && t.QueueWindow != w))
            {
                continue;
            }

            var level = t.QueueWindow == w ? 0 : Level(w, t);
            if (level == 0 && t.QueueWindow != w)
            {
                continue;
            }

            if (Overdue(t) && (overdue is null || StandsBefore(t, overdue)))
            {
                overdue = t;
            }

            if (level == 0)
            {
                own = own is null || Less(t, own) ? t : own;
                continue;
            }

            best[level] = best[level] is null || Less(t, best[level]!) ? t : best[level];
            if (t.Class == w.Dedicated)
            {
                dedicated[level] = dedicated[level] is null || Less(t, dedicated[level]!) ? t : dedicated[level];
            }

            if (t.Class == _normal)
            {
                normal[level] = normal[level] is null || Less(t, normal[level]!) ? t : normal[level];
            }
        }

        // A normal ticket counts for the interleave rule at the level the window calls from: overflow only when no
        // primary ticket is eligible.
        normalWaited = best[1] is not null ? normal[1] is not null : normal[2] is not null;

        if (overdue is not null || own is not null)
        {
            return overdue ?? own;
        }

        for (var level = 1; level <= 2; level++)
        {
            if (best[level] is not null)
            {
                return dedicated[level] ?? (owed > 0 ? normal[level] : null) ?? best[level];
            }
        }

        return null;
    }

    /// <summary>
    /// The interleave rule's counters after a call: a normal call pays one owed normal call and ends the priority run; a
    /// priority call with normal calls owed but no normal ticket there drops them; otherwise, with none owed, it extends
    /// the run, and a run of <see cref="InterleaveRule.PriorityCalls"/> makes <see cref="InterleaveRule.NormalCalls"/> owed.
    /// A priority call taken by a higher rule (overdue, own queue, dedicated class) while a normal ticket was there
    /// leaves the owed calls owed; a normal ticket on an overflow item while primary tickets wait is not there.
    /// </summary>
    private void CountCall(ref int run, ref int owed, int cls, bool normalWaited)
    {
        if (_interleavePriority == 0)
        {
            return;
        }

        if (cls == _normal)
        {
            run = 0;
            owed = Math.Max(0, owed - 1);
            return;
        }

        if (owed > 0 && !normalWaited)
        {
            owed = 0;
        }

        if (owed == 0 && ++run >= _interleavePriority)
        {
            run = 0;
            owed = _interleaveNormal;
        }
    }

    /// <summary>
    /// The waiting tickets the window would call, in order, if it called again and again now and nothing else changed;
    /// then the overflow tickets not yet eligible, by when they become eligible.
    /// </summary>
    public List<ModelTicket> WindowOrder(ModelWindow w)
    {
        var pool = Waiting.Where(t => t.QueueWindow == w || (t.QueueWindow is null && w.TierOf(t.Service) > 0)).ToList();
        var (run, owed) = (w.PriorityRun, w.NormalOwed);
        var order = new List<ModelTicket>();
        while (Choose(w, owed, pool, null, out var normalWaited) is { } next)
        {
            order.Add(next);
            pool.Remove(next);
            CountCall(ref run, ref owed, next.Class, normalWaited);
        }

        order.AddRange(pool.OrderBy(t => EligibleAt(w, t)).ThenBy(t => t.Serial));
        return order;
    }

    /// <summary>An item's queue (not tickets sent to windows): overdue first, oldest standing first, then by rank.</summary>
    public List<ModelTicket> ServiceOrder(int service)
    {
        var queue = Waiting.Where(t => t.QueueWindow is null && t.Service == service).ToList();
        return
        [
            .. queue.Where(Overdue).OrderBy(Standing).ThenBy(t => t.Rank).ThenBy(t => t.Serial),
            .. queue.Where(t => !Overdue(t)).OrderBy(t => t.Rank).ThenBy(t => t.Serial),
        ];
    }

    /// <summary>Per item: primary if any listed skill makes it primary; else overflow with the shortest listed delay; else
    /// primary for a comprehensive window. A category skill lists every item of the category.</summary>
    private static Dictionary<int, (int Tier, long Delay)> SkillsOf(WindowDefinition w, HallDefinition d)
    {
        var skills = new Dictionary<int, (int Tier, long Delay)>();
        foreach (var item in d.Services)
        {
            var listed = w.Skills.Where(s => s.Category is null ? s.Service == item.Id : s.Category == item.Category).ToList();
            if (listed.Any(s => s.Tier == SkillTier.Primary) || (listed.Count == 0 && w.Comprehensive))
            {
                skills[item.Id] = (1, 0);
            }
            else if (listed.Count > 0)
            {
                skills[item.Id] = (2, listed.Min(s => s.OverflowDelay.Ticks));
            }
        }

        return skills;
    }
}
