namespace QueueCore.Tests.Properties;

/// <summary>
/// A plain list-based scheduler with the hall's dispatch rules written the obvious way: every call scans every
/// waiting ticket. Slow and simple, so it can be trusted to say which ticket a window should get.
/// </summary>
internal sealed class ReferenceScheduler(HallDefinition definition)
{
    public sealed class Ticket
    {
        public long Id;
        public long Serial;
        public int Class;
        public long Rank;
        public List<int> Items = [];
        public int ItemIndex;
        public TicketState State;
        public int NoShows;
        public int Recalls;
        public int Window;

        public int Service => Items[ItemIndex];
    }

    public sealed class Window
    {
        public required WindowDefinition Definition;
        public Ticket? Current;
        public bool Serving;
        public int PriorityRun;
        public int Dedicated = -1;
    }

    private readonly PriorityPolicy _policy = definition.Priority;
    private readonly Dictionary<int, Window> _windows = definition.Windows.ToDictionary(
        w => w.Id,
        w => new Window
        {
            Definition = w,
            Dedicated = w.DedicatedClass is null ? -1 : IndexOf(definition.Priority, w.DedicatedClass),
        });

    public List<Ticket> Waiting { get; } = [];

    public Dictionary<long, Ticket> All { get; } = [];

    private long _serial;

    public int Normal => IndexOf(_policy, _policy.NormalClass);

    public long HeadStart(int cls) => (long)(_policy.Classes[cls].HeadStart.Ticks / _policy.AgingRate);

    public long Standing(Ticket t) => t.Rank + HeadStart(t.Class);

    public static int IndexOf(PriorityPolicy p, string id) => p.Classes.ToList().FindIndex(c => c.Id == id);

    public Window WindowOf(int id) => _windows[id];

    public void Issue(long id, IEnumerable<int> items, int cls, long now)
    {
        var t = new Ticket { Id = id, Serial = ++_serial, Class = cls, Rank = now - HeadStart(cls), Items = [.. items], State = TicketState.Waiting };
        All[id] = t;
        Waiting.Add(t);
    }

    /// <summary>0 not eligible, 1 primary, 2 overflow (delay passed).</summary>
    public int Level(Window w, Ticket t, long now)
    {
        var skills = w.Definition.Skills;
        if (w.Definition.Comprehensive || skills.Any(s => s.Tier == SkillTier.Primary && s.Service == t.Service))
        {
            return 1;
        }

        var overflow = skills.Where(s => s.Tier == SkillTier.Overflow && s.Service == t.Service).ToList();
        if (overflow.Count == 0)
        {
            return 0;
        }

        var delay = overflow.Min(s => s.OverflowDelay.Ticks);
        return now - Standing(t) >= delay ? 2 : 0;
    }

    public static bool Less(Ticket a, Ticket b) => a.Rank < b.Rank || (a.Rank == b.Rank && a.Serial < b.Serial);

    private static Ticket? Best(IEnumerable<Ticket> tickets) =>
        tickets.Aggregate((Ticket?)null, (best, t) => best is null || Less(t, best) ? t : best);

    /// <summary>The ticket the window should call, by the documented rules, scanning everything.</summary>
    public Ticket? Choose(Window w, long now)
    {
        var eligible = Waiting.Select(t => (t, level: Level(w, t, now))).Where(x => x.level > 0).ToList();
        if (_policy.MaxWait is { } maxWait)
        {
            var overdue = eligible.Where(x => now - Standing(x.t) >= maxWait.Ticks)
                .OrderBy(x => Standing(x.t)).ThenBy(x => x.t.Serial).Select(x => x.t).FirstOrDefault();
            if (overdue is not null)
            {
                return overdue;
            }
        }

        var preferNormal = _policy.InterleaveAfter is { } n && w.PriorityRun >= n;
        foreach (var level in new[] { 1, 2 })
        {
            var atLevel = eligible.Where(x => x.level == level).Select(x => x.t).ToList();
            if (atLevel.Count == 0)
            {
                continue;
            }

            return Best(atLevel.Where(t => t.Class == w.Dedicated))
                   ?? (preferNormal ? Best(atLevel.Where(t => t.Class == Normal)) : null)
                   ?? Best(atLevel);
        }

        return null;
    }

    public void Call(Window w, Ticket t)
    {
        Waiting.Remove(t);
        t.State = TicketState.Called;
        t.Recalls = 0;
        t.Window = w.Definition.Id;
        w.Current = t;
        w.Serving = false;
        w.PriorityRun = t.Class == Normal ? 0 : w.PriorityRun + 1;
    }

    public void Finish(Window w)
    {
        var t = w.Current!;
        w.Current = null;
        t.ItemIndex++;
        if (t.ItemIndex < t.Items.Count)
        {
            t.State = TicketState.Waiting;
            Waiting.Add(t);
        }
        else
        {
            t.State = TicketState.Completed;
        }
    }

    public void NoShow(Window w)
    {
        var t = w.Current!;
        w.Current = null;
        t.NoShows++;
        if (t.NoShows >= definition.NoShow.MaxNoShows)
        {
            t.State = TicketState.NoShow;
            return;
        }

        var same = Waiting.Where(x => x.Service == t.Service && x.Class == t.Class).OrderBy(x => x.Rank).ThenBy(x => x.Serial).ToList();
        var back = definition.NoShow.RequeuePlacesBack;
        if (back > 0 && same.Count > 0)
        {
            t.Rank = Math.Max(t.Rank, same[Math.Min(back, same.Count) - 1].Rank + 1);
        }

        t.State = TicketState.Waiting;
        Waiting.Add(t);
    }
}
