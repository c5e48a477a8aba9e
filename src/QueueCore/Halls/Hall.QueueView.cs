namespace QueueCore;

/// <remarks>
/// This part: the queue in dispatch order, explained. A window's order is produced by replaying its dispatch rule
/// (<see cref="FindBest"/>) over cursors into the hall's ordered queues, one small heap of queue heads per
/// (tier, class), so a page costs O(page × log heads) after one pass over the window's queue heads: waiting tickets
/// are never sorted.
/// </remarks>
public sealed partial class Hall
{
    /// <summary>The most tickets one view returns.</summary>
    public const int MaxQueueViewPage = 1000;

    /// <summary>
    /// The waiting tickets <paramref name="window"/> would call, in the order it would call them now if nothing else
    /// changed (overdue, its own queue, primary items, overflow items past their delay, then overflow items by when
    /// they become eligible), a page of <paramref name="count"/> from <paramref name="offset"/>, each with why it stands there.
    /// </summary>
    /// <exception cref="ArgumentException">No such window, or the page is out of range.</exception>
    public QueueView GetWindowQueue(int window, int offset = 0, int count = 50)
    {
        CheckPage(offset, count);
        if (!TryWindow(window, out var w))
        {
            throw new ArgumentException($"Hall '{Id}' has no window {window}.", nameof(window));
        }

        var walk = new OrderWalk(this, w);
        return View(window: w.Id, service: -1, walk.Total, offset, walk.Take(offset, count));
    }

    /// <summary>
    /// The tickets waiting for <paramref name="service"/> (in its item queue, not those sent to a window), in the order a
    /// window serving it would take them: overdue first, then by standing. A page of <paramref name="count"/> from
    /// <paramref name="offset"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No such service item, or the page is out of range.</exception>
    public QueueView GetServiceQueue(int service, int offset = 0, int count = 50)
    {
        CheckPage(offset, count);
        if (!_serviceIndex.TryGet(service, out var s))
        {
            throw new ArgumentException($"Hall '{Id}' has no service item {service}.", nameof(service));
        }

        var walk = new OrderWalk(this, s);
        return View(window: 0, service: service, walk.Total, offset, walk.Take(offset, count));
    }

    private static void CheckPage(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxQueueViewPage);
    }

    private QueueView View(int window, int service, int total, int offset, List<QueuedTicket> tickets) => new()
    {
        HallId = Id, Window = window, Service = service, Sequence = Sequence, Time = Now, Total = total, Offset = offset, Tickets = tickets,
    };

    private QueuedTicket Describe(int slot, int position, QueueReason reason, long eligibleAt)
    {
        ref readonly var t = ref T(slot);
        return new QueuedTicket
        {
            Position = position,
            Ticket = t.Id,
            Number = NumberOf(t),
            Service = _serviceIds[t.Service],
            PriorityClass = _classIds[t.Class],
            HeadStart = new TimeSpan(t.IssuedAt - t.Rank),
            Waited = new TimeSpan(Math.Max(0, _now - t.IssuedAt)),
            Reason = reason,
            EligibleAt = reason == QueueReason.OverflowLater ? new DateTimeOffset(Math.Min(eligibleAt, MaxTicks), TimeSpan.Zero) : null,
        };
    }

    /// <summary>Replays a window's dispatch rule (or an item's order) over cursors into the queues.</summary>
    private sealed class OrderWalk
    {
        private readonly Hall _hall;
        private readonly WindowRecord? _window;
        private readonly List<int> _own = []; // the window's own queue, in rank order, minus what the walk took
        private readonly List<(ProfileTier? Tier, int Class, CursorHeap Heap)> _sources = []; // tier null: an item's or the hall's order
        private int _run, _owed;

        public OrderWalk(Hall hall, WindowRecord w)
        {
            _hall = hall;
            _window = w;
            for (var x = hall._queues.Head(hall.WindowList(w.Index)); x >= 0; x = hall.T(x).Next)
            {
                _own.Add(x);
            }

            Total = _own.Count;
            (_run, _owed) = (w.PriorityRun, w.NormalOwed);
            foreach (var tier in w.Tiers)
            {
                for (var c = 0; c < hall._classCount; c++)
                {
                    var heap = new CursorHeap(hall);
                    if (tier.AllServices)
                    {
                        heap.Push(hall._classQueues.Head(c), classLinks: true);
                        Total += hall._classQueues.Count(c);
                    }
                    else
                    {
                        foreach (var s in tier.Services)
                        {
                            heap.Push(hall._queues.Head(hall.ServiceList(s, c)), classLinks: false);
                            Total += hall._queues.Count(hall.ServiceList(s, c));
                        }
                    }

                    _sources.Add((tier, c, heap));
                }
            }
        }

        /// <summary>The hall-wide order over every item queue (a comprehensive window's, without its own queue).</summary>
        public OrderWalk(Hall hall)
        {
            _hall = hall;
            for (var c = 0; c < hall._classCount; c++)
            {
                var heap = new CursorHeap(hall);
                heap.Push(hall._classQueues.Head(c), classLinks: true);
                Total += hall._classQueues.Count(c);
                _sources.Add((null, c, heap));
            }
        }

        public OrderWalk(Hall hall, int service)
        {
            _hall = hall;
            for (var c = 0; c < hall._classCount; c++)
            {
                var heap = new CursorHeap(hall);
                heap.Push(hall._queues.Head(hall.ServiceList(service, c)), classLinks: false);
                Total += hall._queues.Count(hall.ServiceList(service, c));
                _sources.Add((null, c, heap));
            }
        }

        public int Total { get; }

        public List<QueuedTicket> Take(int offset, int count)
        {
            var page = new List<QueuedTicket>(Math.Min(count, 64));
            for (var position = 0; page.Count < count; position++)
            {
                var (slot, reason, eligibleAt) = Next();
                if (slot < 0)
                {
                    break;
                }

                if (position >= offset)
                {
                    page.Add(_hall.Describe(slot, position, reason, eligibleAt));
                }
            }

            return page;
        }

        private (int Slot, QueueReason Reason, long EligibleAt) Next()
        {
            var h = _hall;
            var now = h._now;
            var maxWait = h._maxWaitTicks;

            // Overdue first (any ticket of the window's own queue and every eligible queue head), oldest standing first.
            int overdue = -1, overdueSource = -2;
            long odStanding = long.MaxValue, odOrder = long.MaxValue;
            for (var k = 0; k < _own.Count && maxWait > 0; k++)
            {
                ref readonly var p = ref h.T(_own[k]);
                var standing = h.Standing(p);
                if (now - standing >= maxWait && RankNode.Less(standing, p.Serial, odStanding, odOrder))
                {
                    (overdue, overdueSource, odStanding, odOrder) = (_own[k], -1 - k, standing, p.Serial);
                }
            }

            var primary = DispatchChoice.Empty;
            var overflow = DispatchChoice.Empty;
            int laterSlot = -1, laterSource = -1;
            long laterAt = long.MaxValue, laterOrder = long.MaxValue;
            for (var i = 0; i < _sources.Count; i++)
            {
                var (tier, c, heap) = _sources[i];
                var slot = heap.Top;
                if (slot < 0)
                {
                    continue;
                }

                ref readonly var t = ref h.T(slot);
                var standing = t.Rank + h._headStart[c];
                var isOverflow = tier?.Overflow == true;
                var delay = tier?.DelayTicks ?? 0;
                if (isOverflow && now - standing < delay)
                {
                    var at = Later(standing, delay);
                    if (RankNode.Less(at, t.Serial, laterAt, laterOrder))
                    {
                        (laterSlot, laterSource, laterAt, laterOrder) = (slot, i, at, t.Serial);
                    }

                    continue;
                }

                if (maxWait > 0 && now - standing >= maxWait && RankNode.Less(standing, t.Serial, odStanding, odOrder))
                {
                    (overdue, overdueSource, odStanding, odOrder) = (slot, i, standing, t.Serial);
                }

                // Each candidate carries its source index in place of the slot, so the pick can advance its cursor.
                var dedicated = _window is not null && c == _window.DedicatedClass;
                var normal = _window is not null && c == h._normalClass;
                if (isOverflow)
                {
                    overflow.Consider(t.Rank, t.Serial, i, dedicated, normal);
                }
                else
                {
                    primary.Consider(t.Rank, t.Serial, i, dedicated, normal);
                }
            }

            var normalWaited = primary.HasNormal || overflow.HasNormal;
            if (overdue >= 0)
            {
                CountCall(h.T(overdue).Class, normalWaited);
                Advance(overdueSource);
                return (overdue, QueueReason.Overdue, 0);
            }

            if (_own.Count > 0)
            {
                var own = _own[0];
                CountCall(h.T(own).Class, normalWaited);
                Advance(-1);
                return (own, QueueReason.OwnQueue, 0);
            }

            var level = primary.Found ? primary : overflow;
            if (level.Found)
            {
                var preferNormal = _owed > 0;
                var source = level.Pick(preferNormal);
                var slot = _sources[source].Heap.Top;
                var cls = _sources[source].Class;
                var reason = source == level.Best ? (primary.Found ? QueueReason.Primary : QueueReason.Overflow)
                    : cls == _window?.DedicatedClass ? QueueReason.Dedicated : QueueReason.Interleave;
                CountCall(cls, normalWaited);
                Advance(source);
                return (slot, _window is null ? QueueReason.Waiting : reason, 0);
            }

            if (laterSlot >= 0)
            {
                Advance(laterSource);
                return (laterSlot, QueueReason.OverflowLater, laterAt);
            }

            return (-1, default, 0);
        }

        /// <summary>Moves past the ticket just taken: source ≥ 0 is a queue cursor, -1 - k the k-th of the own queue.</summary>
        private void Advance(int source)
        {
            if (source < 0)
            {
                _own.RemoveAt(-1 - source);
            }
            else
            {
                _sources[source].Heap.Advance();
            }
        }

        /// <summary>The window's interleave bookkeeping (as <see cref="Hall.CountCall"/>), on the walk's own counters.</summary>
        private void CountCall(int cls, bool normalWaited)
        {
            var h = _hall;
            if (h._interleavePriority == 0 || _window is null)
            {
                return;
            }

            if (cls == h._normalClass)
            {
                _run = 0;
                _owed = Math.Max(0, _owed - 1);
                return;
            }

            if (_owed > 0 && !normalWaited)
            {
                _owed = 0;
            }

            if (_owed == 0 && ++_run >= h._interleavePriority)
            {
                _run = 0;
                _owed = h._interleaveNormal;
            }
        }
    }

    /// <summary>A min-heap of cursors into ordered queues, by the (rank, serial) of the ticket each points at.</summary>
    private sealed class CursorHeap(Hall hall)
    {
        private readonly List<(int Slot, bool ClassLinks)> _items = [];

        public int Top => _items.Count == 0 ? -1 : _items[0].Slot;

        public void Push(int slot, bool classLinks)
        {
            if (slot < 0)
            {
                return;
            }

            _items.Add((slot, classLinks));
            for (var i = _items.Count - 1; i > 0 && Less(i, (i - 1) / 2); i = (i - 1) / 2)
            {
                (_items[i], _items[(i - 1) / 2]) = (_items[(i - 1) / 2], _items[i]);
            }
        }

        /// <summary>Moves the top cursor to the next ticket in its queue (or drops it at the end).</summary>
        public void Advance()
        {
            var (slot, classLinks) = _items[0];
            var next = classLinks ? hall.T(slot).ClassNext : hall.T(slot).Next;
            if (next >= 0)
            {
                _items[0] = (next, classLinks);
            }
            else
            {
                _items[0] = _items[^1];
                _items.RemoveAt(_items.Count - 1);
            }

            for (var i = 0; ;)
            {
                var smallest = i;
                foreach (var child in new[] { (2 * i) + 1, (2 * i) + 2 })
                {
                    if (child < _items.Count && Less(child, smallest))
                    {
                        smallest = child;
                    }
                }

                if (smallest == i)
                {
                    return;
                }

                (_items[i], _items[smallest]) = (_items[smallest], _items[i]);
                i = smallest;
            }
        }

        private bool Less(int a, int b)
        {
            ref readonly var x = ref hall.T(_items[a].Slot);
            ref readonly var y = ref hall.T(_items[b].Slot);
            return RankNode.Less(x.Rank, x.Serial, y.Rank, y.Serial);
        }
    }
}
