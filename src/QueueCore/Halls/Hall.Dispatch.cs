namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// The ticket a window should call now, or -1. In order: the longest-overdue ticket it may serve (past the
    /// max-wait guarantee, oldest standing first); a ticket transferred or returned to the window; then the best
    /// eligible primary ticket; then the best eligible overflow ticket. Within a level a dedicated window takes
    /// its class first and the interleave rule may ask for a normal ticket. Cost: one root read per
    /// (tier, class), independent of the number of items and of tickets waiting.
    /// </summary>
    private int FindBest(WindowRecord w)
    {
        var personal = _queues.Head(WindowList(w.Index));
        var overdue = -1;
        long odStanding = long.MaxValue, odRank = long.MaxValue, odOrder = long.MaxValue;
        if (personal >= 0 && _maxWaitTicks > 0)
        {
            // The window's own queue mixes classes, so its longest-standing ticket need not be its head: look at each
            // (own queues hold the few tickets sent to one window).
            for (var x = personal; x >= 0; x = T(x).Next)
            {
                ref readonly var p = ref T(x);
                var standing = Standing(p);
                if (_now - standing >= _maxWaitTicks && RankNode.OverdueLess(standing, p.Rank, p.Serial, odStanding, odRank, odOrder))
                {
                    (overdue, odStanding, odRank, odOrder) = (x, standing, p.Rank, p.Serial);
                }
            }
        }

        var primary = DispatchChoice.Empty;
        var overflow = DispatchChoice.Empty;
        foreach (ref readonly var tier in w.Tiers.AsSpan())
        {
            for (var c = 0; c < _classCount; c++)
            {
                ref readonly var header = ref _classQueues.Header(c); // the head's key without reading the ticket
                var slot = header.Head;
                if (slot < 0)
                {
                    continue; // no ticket of the class waits for any item: every tree of the class is empty too
                }

                long rank, order;
                if (tier.AllServices)
                {
                    (rank, order) = (header.HeadRank, header.HeadSerial);
                }
                else
                {
                    if (tier.Overflow && _now - (header.HeadRank + _headStart[c]) < tier.DelayTicks)
                    {
                        continue; // the class's longest-waiting ticket of any item is not eligible yet: none in the tier is
                    }

                    if (!TierHead(tier, c, out rank, out order, out slot))
                    {
                        continue;
                    }

                    if (tier.Overflow && _now - (rank + _headStart[c]) < tier.DelayTicks)
                    {
                        continue; // the head waited longest in this (tier, class): if it is not eligible, none is
                    }
                }

                var standing = rank + _headStart[c];
                if (_maxWaitTicks > 0 && _now - standing >= _maxWaitTicks && RankNode.OverdueLess(standing, rank, order, odStanding, odRank, odOrder))
                {
                    (overdue, odStanding, odRank, odOrder) = (slot, standing, rank, order);
                }

                if (tier.Overflow)
                {
                    overflow.Consider(rank, order, slot, c == w.DedicatedClass, c == _normalClass);
                }
                else
                {
                    primary.Consider(rank, order, slot, c == w.DedicatedClass, c == _normalClass);
                }
            }
        }

        // The level the window calls from decides whether a normal ticket waited for the interleave rule: its overflow
        // items only when no primary ticket is eligible (overflow helps other queues when the window's own are empty),
        // so a normal ticket there neither takes an owed normal call from its primary tickets nor keeps the call owed.
        _normalSeen = primary.Found ? primary.HasNormal : overflow.HasNormal;
        if (overdue >= 0)
        {
            return overdue;
        }

        if (personal >= 0)
        {
            return personal;
        }

        var preferNormal = w.NormalOwed > 0;
        return primary.Found ? primary.Pick(preferNormal) : overflow.Found ? overflow.Pick(preferNormal) : -1;
    }

    /// <summary>
    /// Interleave bookkeeping after a window called a ticket of class <paramref name="cls"/>: a normal call pays off an
    /// owed one and ends a priority run; a run of priority calls as long as the rule's makes normal calls owed; owed
    /// calls are dropped when a priority ticket had to be called because no normal one waited at the level the window
    /// calls from (<paramref name="normalWaited"/>: its primary items while any of their tickets is eligible, else
    /// its overflow items past their delay).
    /// </summary>
    private void CountCall(WindowRecord w, int cls, bool normalWaited)
    {
        if (_interleavePriority == 0)
        {
            return;
        }

        if (cls == _normalClass)
        {
            w.PriorityRun = 0;
            w.NormalOwed = Math.Max(0, w.NormalOwed - 1);
            return;
        }

        if (w.NormalOwed > 0 && !normalWaited)
        {
            w.NormalOwed = 0;
        }

        if (w.NormalOwed == 0 && ++w.PriorityRun >= _interleavePriority)
        {
            w.PriorityRun = 0;
            w.NormalOwed = _interleaveNormal;
        }
    }

    /// <summary>
    /// Push: a ticket joined its item's queue while some auto-mode windows are idle. The idle windows that may serve
    /// it now are tried in the strategy's order (primary and dedicated to its class, then primary, then primary but
    /// dedicated to another class, then overflow; then longest idle, fewest served, least busy, oldest turn or fixed
    /// order; window id last); each calls the best ticket it may
    /// serve, which may be another (better) one, so the offer goes on until this ticket is called or no idle window may
    /// take it.
    /// </summary>
    private void Offer(int slot, WindowRecord? except)
    {
        var idle = _idle!; // offers are made only while some window is in the index
        var mark = ++_offerMark;
        if (except is not null)
        {
            idle.Mark(except.Index, mark);
        }

        while (idle.Count > 0 && T(slot).State == TicketState.Waiting)
        {
            var chosen = ChooseIdleWindow(slot, mark);
            if (chosen is null)
            {
                return;
            }

            idle.Mark(chosen.Index, mark);
            AutoCall(chosen);
        }
    }

    /// <summary>
    /// The first idle window in the strategy's order that may serve the ticket now and this offer has not tried, or
    /// null. Reads the best untried window of each group serving the ticket's item, not every idle window. Idle
    /// windows for which the ticket is an overflow item whose delay has not passed set their timer for when it has.
    /// </summary>
    private WindowRecord? ChooseIdleWindow(int slot, int mark)
    {
        var idle = _idle!;
        ref readonly var t = ref T(slot);
        var standing = Standing(t);
        var cls = t.Class;
        var chosen = -1;
        var chosenGroup = int.MaxValue;
        IdleWindow best = default;
        foreach (ref readonly var serving in idle.GroupsServing(t.Service))
        {
            var windows = idle.Windows(serving.Group);
            if (windows.IsEmpty)
            {
                continue;
            }

            int group;
            if (!serving.Overflow)
            {
                group = serving.DedicatedClass == cls ? 0 : serving.DedicatedClass < 0 ? 1 : 2;
            }
            else if (_now - standing >= serving.DelayTicks)
            {
                group = 3;
            }
            else
            {
                var due = Later(standing, serving.DelayTicks); // each may take it once the delay has passed
                if (due >= idle.LookBy(serving.Group))
                {
                    continue; // every window of the group looks by then already (usual for a fresh ticket)
                }

                var all = true;
                foreach (ref readonly var w in windows)
                {
                    if (idle.Marked(w.Window, mark))
                    {
                        all = false;
                    }
                    else
                    {
                        _timers.Lower(AutoTimer(w.Window), due);
                    }
                }

                if (all)
                {
                    idle.SetLookBy(serving.Group, due);
                }

                continue;
            }

            if (group > chosenGroup)
            {
                continue;
            }

            foreach (ref readonly var w in windows)
            {
                if (idle.Marked(w.Window, mark))
                {
                    continue; // tried in this offer (it called another ticket, or holds this one back)
                }

                if (group < chosenGroup || w.Before(best))
                {
                    (chosen, chosenGroup, best) = (w.Window, group, w);
                }

                break; // the rest of the group come after it
            }
        }

        return chosen < 0 ? null : _windows[chosen];
    }

    /// <summary>An idle auto-mode window calls the best ticket it may serve, if any; otherwise it sets its timer for
    /// the next instant something may become eligible for it and waits in the idle index for pushes.</summary>
    private void AutoCall(WindowRecord w)
    {
        var held = HeldSlot(w);
        var due = long.MaxValue; // with a held ticket: when another one becomes eligible here, found while it is out
        var slot = held >= 0 ? FindBestExcept(w, held, out due) : FindBest(w);
        if (slot >= 0)
        {
            CallTicketAt(w, slot, _normalSeen);
            return;
        }

        due = held < 0 ? NextOverflowDue(w) : Math.Min(due, w.HoldUntil);
        SetAutoTimer(w, due);
        JoinIdleIndex(w);
    }

    private void AutoCallIfIdle(WindowRecord w)
    {
        if (w.State == WindowState.Idle && w.Auto)
        {
            AutoCall(w);
        }
    }

    /// <summary>
    /// The ticket the window holds back after a no-show (slot), if it waits in an item queue or in this window's own
    /// queue (a ticket sent to the window waits there again after a no-show) and the hold still runs; else -1. The hold
    /// ends only with its time (or the ticket's end): a ticket called elsewhere meanwhile and back in a queue before then
    /// is still held, whether or not this window happened to look in between (unless it was handed to this window:
    /// <see cref="EnqueueForWindow"/>).
    /// </summary>
    private int HeldSlot(WindowRecord w)
    {
        if (w.HeldTicket == 0)
        {
            return -1;
        }

        var slot = _tickets.Find(w.HeldTicket);
        if (slot < 0 || _now >= w.HoldUntil)
        {
            w.HeldTicket = 0;
            return -1;
        }

        var list = T(slot).List;
        return T(slot).State == TicketState.Waiting && (!IsWindowList(list) || list == WindowList(w.Index)) ? slot : -1;
    }

    /// <summary>The best ticket for the window other than <paramref name="held"/>: the held ticket steps out of its
    /// queues for the look-up and back in at the same place (queues are ordered by rank and serial). When there is none,
    /// <paramref name="overflowDue"/> is when the next other ticket becomes eligible at an overflow tier (else MaxValue):
    /// a held ticket at a queue's head would hide the tickets behind it.</summary>
    private int FindBestExcept(WindowRecord w, int held, out long overflowDue)
    {
        ref var t = ref T(held);
        var list = t.List;
        var itemQueue = !IsWindowList(list); // a ticket in the window's own queue is in no tournament or hall queue
        if (_queues.Remove(held) && itemQueue)
        {
            UpdateTrees(t.Service, t.Class);
        }

        if (itemQueue)
        {
            LeaveHallQueues(held);
        }

        var best = FindBest(w);
        overflowDue = best < 0 ? NextOverflowDue(w) : long.MaxValue;
        if (_queues.Insert(list, held) && itemQueue)
        {
            UpdateTrees(t.Service, t.Class);
        }

        if (itemQueue)
        {
            JoinHallQueues(held);
        }

        return best;
    }

    /// <summary>When the next waiting ticket becomes eligible for one of the window's overflow tiers (MaxValue: none).</summary>
    private long NextOverflowDue(WindowRecord w)
    {
        var due = long.MaxValue;
        foreach (ref readonly var tier in w.Tiers.AsSpan())
        {
            if (!tier.Overflow)
            {
                continue;
            }

            for (var c = 0; c < _classCount; c++)
            {
                if (_classQueues.Header(c).Head < 0)
                {
                    continue; // no ticket of the class waits: its trees are empty (their replay can wait for a read)
                }

                var at = TierHead(tier, c, out var rank, out _, out _) ? Later(rank + _headStart[c], tier.DelayTicks) : long.MaxValue;
                if (at > _now && at < due)
                {
                    due = at;
                }
            }
        }

        return due;
    }

    /// <summary>
    /// Sets the window's auto timer. A window already in the idle index (it looks again after its timer fired) tells
    /// the index, whose per-group bound on its windows' timers (<see cref="IdleWindows.LookBy"/>) may no longer hold.
    /// A window joining the index resets its group's bound there; one leaving it leaves the bound true.
    /// </summary>
    private void SetAutoTimer(WindowRecord w, long due)
    {
        _timers.Set(AutoTimer(w), due);
        if (w.IdleAuto)
        {
            _idle!.TimerSet(w.Index, due);
        }
    }

    /// <summary>The timer source of a window's alerts (service time while serving, idle time while idle).</summary>
    private int AlertTimer(WindowRecord w) => _services.Length + 1 + (2 * w.Index);

    /// <summary>The timer source of an idle auto window's next look (an overflow delay passing, a no-show hold ending).</summary>
    private int AutoTimer(WindowRecord w) => AutoTimer(w.Index);

    private int AutoTimer(int window) => _services.Length + 2 + (2 * window);
}
