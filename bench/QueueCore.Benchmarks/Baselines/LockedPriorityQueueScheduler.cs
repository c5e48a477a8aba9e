using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Baselines;

/// <summary>
/// What a user would otherwise write: one <c>lock</c> around a <see cref="PriorityQueue{TElement, TPriority}"/>
/// ordered by (issue time minus head start, arrival), and a call that scans the queue for the best ticket the
/// window may serve, then removes it. Same ranking rule as the engine (head starts; no overflow delays).
/// </summary>
internal sealed class LockedPriorityQueueScheduler
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<Ticket, (long Rank, long Serial)> _queue = new();
    private readonly Dictionary<int, bool[]> _skills = [];
    private long _serial;

    public LockedPriorityQueueScheduler(HallDefinition definition)
    {
        var services = definition.Services.Count;
        foreach (var w in definition.Windows)
        {
            var skills = new bool[services];
            foreach (var s in definition.Services)
            {
                skills[s.Id] = w.Comprehensive || w.Skills.Any(k => k.Category == s.Category || (k.Category is null && k.Service == s.Id));
            }

            _skills[w.Id] = skills;
        }
    }

    public sealed class Ticket(long id, int service, long rank)
    {
        public long Id { get; } = id;

        public int Service { get; } = service;

        public long Rank { get; } = rank;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public long Issue(int service, int cls, long now)
    {
        lock (_lock)
        {
            var serial = ++_serial;
            var rank = now - BenchHall.HeadStartTicks[cls];
            _queue.Enqueue(new Ticket(serial, service, rank), (rank, serial));
            return serial;
        }
    }

    /// <summary>The best waiting ticket the window may serve, removed from the queue; null if none.</summary>
    public Ticket? CallNext(int window)
    {
        var skills = _skills[window];
        lock (_lock)
        {
            Ticket? best = null;
            (long, long) bestKey = (long.MaxValue, long.MaxValue);
            foreach (var (ticket, key) in _queue.UnorderedItems)
            {
                if (skills[ticket.Service] && key.CompareTo(bestKey) < 0)
                {
                    (best, bestKey) = (ticket, key);
                }
            }

            if (best is not null)
            {
                _queue.Remove(best, out _, out _);
            }

            return best;
        }
    }

    /// <summary>Puts a called ticket back with its old key (the baseline's no-show with standing kept).</summary>
    public void Requeue(Ticket ticket)
    {
        lock (_lock)
        {
            _queue.Enqueue(ticket, (ticket.Rank, ticket.Id));
        }
    }
}
