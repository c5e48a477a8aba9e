namespace QueueCore;

/// <remarks>This part: the walk behind <see cref="GetWindowQueue(int, System.DateTimeOffset, int, int)"/>, <see cref="GetServiceQueue(int, System.DateTimeOffset, int, int)"/> and the snapshot's
/// waiting list.</remarks>
public sealed partial class Hall
{
    /// <summary>Replays a window's dispatch rule (or an item's order) over cursors into the queues.</summary>
    private sealed class OrderWalk
    {
        private readonly Hall _hall;
        private readonly WindowRecord? _window;
        private readonly long _now; // the instant the walk stands at: the hall's clock or later (a view taken between commands)
        private readonly List<int> _own = []; // the window's own queue, in rank order, minus what the walk took
        private readonly List<(ProfileTier? Tier, int Class, CursorHeap Heap)> _sources = []; // tier null: an item's or the hall's order
        private int _run, _owed;
        private readonly bool _interleaves; // a window's order and the hall's keep the interleave rule; an item's is by standing

        public OrderWalk(Hall hall, WindowRecord w, long now)
        {
            _hall = hall;
            _now = now;
            _window = w;
            for (var x = hall._queues.Head(hall.WindowList(w.Index)); x >= 0; x = hall.T(x).Next)
            {
                _own.Add(x);
            }

            Total = _own.Count;
            (_run, _owed) = (w.PriorityRun, w.NormalOwed);
            _interleaves = true;
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

        /// <summary>
        /// The hall-wide order over every item queue: a comprehensive window's without its own queue or a dedicated class,
        /// opened now (its interleave count from none), so the list a screen shows is the order the hall calls in.
        /// </summary>
        public OrderWalk(Hall hall, long now)
        {
            _hall = hall;
            _now = now;
            _interleaves = true;
            for (var c = 0; c < hall._classCount; c++)
            {
                var heap = new CursorHeap(hall);
                heap.Push(hall._classQueues.Head(c), classLinks: true);
                Total += hall._classQueues.Count(c);
                _sources.Add((null, c, heap));
            }
        }

        public OrderWalk(Hall hall, int service, long now)
        {
            _hall = hall;
            _now = now;
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
                    page.Add(_hall.Describe(slot, position, reason, eligibleAt, _now));
                }
            }

            return page;
        }

        private (int Slot, QueueReason Reason, long EligibleAt) Next()
        {
            var h = _hall;
            var now = _now;
            var maxWait = h._maxWaitTicks;

            // Overdue first (any ticket of the window's own queue and every eligible queue head), oldest standing first.
            int overdue = -1, overdueSource = -2;
            long odStanding = long.MaxValue, odRank = long.MaxValue, odOrder = long.MaxValue;
            for (var k = 0; k < _own.Count && maxWait > 0; k++)
            {
                ref readonly var p = ref h.T(_own[k]);
                var standing = h.Standing(p);
                if (now - standing >= maxWait && RankNode.OverdueLess(standing, p.Rank, p.Serial, odStanding, odRank, odOrder))
                {
                    (overdue, overdueSource, odStanding, odRank, odOrder) = (_own[k], -1 - k, standing, p.Rank, p.Serial);
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

                if (maxWait > 0 && now - standing >= maxWait && RankNode.OverdueLess(standing, t.Rank, t.Serial, odStanding, odRank, odOrder))
                {
                    (overdue, overdueSource, odStanding, odRank, odOrder) = (slot, i, standing, t.Rank, t.Serial);
                }

                // Each candidate carries its source index in place of the slot, so the pick can advance its cursor.
                var dedicated = _window is not null && c == _window.DedicatedClass;
                var normal = _interleaves && c == h._normalClass;
                if (isOverflow)
                {
                    overflow.Consider(t.Rank, t.Serial, i, dedicated, normal);
                }
                else
                {
                    primary.Consider(t.Rank, t.Serial, i, dedicated, normal);
                }
            }

            var normalWaited = primary.Found ? primary.HasNormal : overflow.HasNormal; // as FindBest: the level it calls from
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
                // A dedicated window takes its class first (DispatchChoice.Pick), so a ticket of it stands there for its
                // class, even when it would have been first anyway: the terminal said "primary" for the caring window's
                // elderly ticket that came first by standing, and "dedicated" only for one that ranked behind.
                var reason = cls == _window?.DedicatedClass ? QueueReason.Dedicated
                    : source == level.Best ? (primary.Found ? QueueReason.Primary : QueueReason.Overflow)
                    : QueueReason.Interleave;
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
            if (h._interleavePriority == 0 || !_interleaves)
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
}
