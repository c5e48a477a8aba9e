using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Baselines;

/// <summary>
/// Baseline A, "one PriorityQueue under a lock": what a user would write first. Every waiting ticket is in one
/// <see cref="PriorityQueue{TElement, TPriority}"/> keyed by (rank, serial) behind a <c>lock</c>. A comprehensive
/// window dequeues the head. A specialised window dequeues in key order until it meets a ticket of one of its
/// primary items, remembering the first overflow ticket that has waited long enough, then puts the others back;
/// if no primary ticket waits it takes that overflow ticket. Same choice as the hall (primary before overflow,
/// best key first), without the max-wait guarantee.
/// </summary>
internal sealed class SinglePriorityQueueHall
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<WaitingTicket, (long Rank, long Serial)> _queue = new();
    private readonly List<(WaitingTicket Ticket, (long, long) Key)> _putBack = [];
    private readonly WindowSkills[] _windows;
    private long _serial;

    public SinglePriorityQueueHall(HallDefinition definition) => _windows = WindowSkills.Compile(definition);

    /// <summary>Tickets waiting.</summary>
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

    /// <summary>Issues a ticket at <paramref name="now"/> (ticks); returns its serial.</summary>
    public long Issue(in Arrival arrival, long now)
    {
        var rank = now - HeadStarts.For(arrival.Age, arrival.Flags);
        lock (_lock)
        {
            var serial = ++_serial;
            _queue.Enqueue(new WaitingTicket(serial, arrival.Service, now), (rank, serial));
            return serial;
        }
    }

    /// <summary>The best ticket <paramref name="window"/> may serve at <paramref name="now"/>, removed; false if none.</summary>
    public bool TryCall(int window, long now, out WaitingTicket called)
    {
        var skills = _windows[window];
        lock (_lock)
        {
            if (skills.Comprehensive)
            {
                return _queue.TryDequeue(out called, out _);
            }

            var found = false;
            var overflowFound = false;
            (WaitingTicket Ticket, (long, long) Key) overflow = default;
            called = default;
            while (_queue.TryDequeue(out var ticket, out var key))
            {
                var tier = skills.TierOf[ticket.Service];
                if (tier == WindowSkills.Primary)
                {
                    (called, found) = (ticket, true);
                    break;
                }

                if (!overflowFound && tier == WindowSkills.Overflow && now - ticket.IssuedAt >= skills.DelayOf[ticket.Service])
                {
                    (overflow, overflowFound) = ((ticket, key), true);
                    continue;
                }

                _putBack.Add((ticket, key));
            }

            foreach (var (ticket, key) in _putBack)
            {
                _queue.Enqueue(ticket, key);
            }

            _putBack.Clear();
            if (found)
            {
                if (overflowFound)
                {
                    _queue.Enqueue(overflow.Ticket, overflow.Key);
                }

                return true;
            }

            called = overflow.Ticket;
            return overflowFound;
        }
    }
}
