using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Baselines;

/// <summary>
/// Baseline B, "a PriorityQueue per service under a lock": one <see cref="PriorityQueue{TElement, TPriority}"/> per
/// service item, keyed by (rank, serial), all behind one <c>lock</c>. A window peeks at the head of every item it
/// serves as primary (a comprehensive window: every item of the catalog) and dequeues the best. If none waits, it
/// looks at its overflow items: the head if it has waited long enough, else the best ticket of that item that has
/// (a scan; rare), and removes the best. Same choice as the hall, without the max-wait guarantee.
/// </summary>
internal sealed class PriorityQueuePerServiceHall
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<WaitingTicket, (long Rank, long Serial)>[] _queues;
    private readonly WindowSkills[] _windows;
    private long _serial;
    private int _count;

    public PriorityQueuePerServiceHall(HallDefinition definition)
    {
        _windows = WindowSkills.Compile(definition);
        _queues = [.. definition.Services.Select(_ => new PriorityQueue<WaitingTicket, (long, long)>())];
    }

    /// <summary>Tickets waiting.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Issues a ticket at <paramref name="now"/> (ticks); returns its serial.</summary>
    public long Issue(in Arrival arrival, long now)
    {
        var rank = now - HeadStarts.For(arrival.Age, arrival.Flags);
        lock (_lock)
        {
            var serial = ++_serial;
            _queues[arrival.Service].Enqueue(new WaitingTicket(serial, arrival.Service, now), (rank, serial));
            _count++;
            return serial;
        }
    }

    /// <summary>The best ticket <paramref name="window"/> may serve at <paramref name="now"/>, removed; false if none.</summary>
    public bool TryCall(int window, long now, out WaitingTicket called)
    {
        var skills = _windows[window];
        lock (_lock)
        {
            var best = -1;
            var bestKey = (long.MaxValue, long.MaxValue);
            if (skills.Comprehensive)
            {
                for (var s = 0; s < _queues.Length; s++)
                {
                    if (_queues[s].TryPeek(out _, out var key) && key.CompareTo(bestKey) < 0)
                    {
                        (best, bestKey) = (s, key);
                    }
                }
            }
            else
            {
                foreach (var s in skills.PrimaryServices)
                {
                    if (_queues[s].TryPeek(out _, out var key) && key.CompareTo(bestKey) < 0)
                    {
                        (best, bestKey) = (s, key);
                    }
                }
            }

            if (best >= 0)
            {
                called = _queues[best].Dequeue();
                _count--;
                return true;
            }

            return TryCallOverflow(skills, now, out called);
        }
    }

    private bool TryCallOverflow(WindowSkills skills, long now, out WaitingTicket called)
    {
        var best = -1;
        var bestKey = (long.MaxValue, long.MaxValue);
        called = default;
        foreach (var s in skills.OverflowServices)
        {
            var queue = _queues[s];
            if (!queue.TryPeek(out var head, out var headKey))
            {
                continue;
            }

            if (now - head.IssuedAt >= skills.DelayOf[s])
            {
                if (headKey.CompareTo(bestKey) < 0)
                {
                    (best, bestKey, called) = (s, headKey, head);
                }

                continue;
            }

            foreach (var (ticket, key) in queue.UnorderedItems)
            {
                if (now - ticket.IssuedAt >= skills.DelayOf[s] && key.CompareTo(bestKey) < 0)
                {
                    (best, bestKey, called) = (s, key, ticket);
                }
            }
        }

        if (best < 0)
        {
            return false;
        }

        _queues[best].Remove(called, out _, out _);
        _count--;
        return true;
    }
}
