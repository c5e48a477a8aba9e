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
        long odStanding = long.MaxValue, odOrder = long.MaxValue;
        if (personal >= 0 && _maxWaitTicks > 0)
        {
            ref readonly var p = ref T(personal);
            var standing = Standing(p);
            if (_now - standing >= _maxWaitTicks)
            {
                (overdue, odStanding, odOrder) = (personal, standing, p.Serial);
            }
        }

        var primary = DispatchChoice.Empty;
        var overflow = DispatchChoice.Empty;
        foreach (var tier in w.Profile.Tiers)
        {
            for (var c = 0; c < _classCount; c++)
            {
                int slot;
                long rank, order;
                if (tier.AllServices)
                {
                    slot = _classQueues.Head(c);
                    if (slot < 0)
                    {
                        continue;
                    }

                    ref readonly var head = ref T(slot);
                    (rank, order) = (head.Rank, head.Serial);
                }
                else
                {
                    ref readonly var root = ref tier.Trees[c].Root;
                    if (root.IsEmpty)
                    {
                        continue;
                    }

                    (rank, order) = (root.Rank, root.Order);
                    slot = -1;
                    if (!tier.Overflow || _now - (rank + _headStart[c]) >= tier.DelayTicks)
                    {
                        slot = _queues.Head(ServiceList(tier.Services[root.Leaf], c));
                    }
                }

                if (slot < 0)
                {
                    continue; // the root waited longest in this (tier, class): if it is not eligible, none is
                }

                var standing = rank + _headStart[c];
                if (_maxWaitTicks > 0 && _now - standing >= _maxWaitTicks && RankNode.Less(standing, order, odStanding, odOrder))
                {
                    (overdue, odStanding, odOrder) = (slot, standing, order);
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

        if (overdue >= 0)
        {
            return overdue;
        }

        if (personal >= 0)
        {
            return personal;
        }

        var preferNormal = _interleaveAfter > 0 && w.PriorityRun >= _interleaveAfter;
        return primary.Found ? primary.Pick(preferNormal) : overflow.Found ? overflow.Pick(preferNormal) : -1;
    }

    /// <summary>
    /// Push: a ticket joined a queue while some auto-mode windows are idle. The strategy picks one that may serve
    /// it now (dedicated to its class, then primary, then overflow; then longest idle, fewest served or fixed order;
    /// window id last), and that window calls.
    /// </summary>
    private void OfferToIdleWindows(int slot)
    {
        ref readonly var t = ref T(slot);
        var standing = Standing(t);
        WindowRecord? chosen = null;
        var chosenGroup = int.MaxValue;
        for (var i = 0; i < _idleAutoCount; i++)
        {
            var w = _windows[_idleAuto[i]];
            var tier = w.Profile.TierOf[t.Service];
            int group;
            if (tier == SkillProfile.PrimaryTier)
            {
                group = w.DedicatedClass == t.Class ? 0 : w.DedicatedClass < 0 ? 1 : 2;
            }
            else if (tier == SkillProfile.OverflowTier && _now - standing >= w.Profile.DelayOf[t.Service])
            {
                group = 3;
            }
            else
            {
                if (tier == SkillProfile.OverflowTier)
                {
                    NoteDue(standing + w.Profile.DelayOf[t.Service]); // this window may take it once the delay has passed
                }

                continue;
            }

            if (chosen is null || group < chosenGroup || (group == chosenGroup && Preferred(w, chosen)))
            {
                (chosen, chosenGroup) = (w, group);
            }
        }

        if (chosen is not null)
        {
            AutoCall(chosen);
        }
    }

    private bool Preferred(WindowRecord a, WindowRecord b)
    {
        var (ka, kb) = Definition.WindowSelection switch
        {
            WindowSelection.LongestIdle => (a.IdleSince, b.IdleSince),
            WindowSelection.FewestServed => (a.ServedToday, b.ServedToday),
            _ => (0L, 0L),
        };
        return ka < kb || (ka == kb && a.Id < b.Id);
    }

    /// <summary>An idle auto-mode window calls the best ticket it may serve, if any.</summary>
    private void AutoCall(WindowRecord w)
    {
        var slot = FindBest(w);
        if (slot >= 0)
        {
            CallTicketAt(w, slot);
        }
        else
        {
            NoteDue(NextOverflowDue(w));
        }
    }

    private void AutoCallIfIdle(WindowRecord w)
    {
        if (w.State == WindowState.Idle && w.Auto)
        {
            AutoCall(w);
        }
    }

    /// <summary>When the next waiting ticket becomes eligible for one of the window's overflow tiers (MaxValue: none).</summary>
    private long NextOverflowDue(WindowRecord w)
    {
        var due = long.MaxValue;
        foreach (var tier in w.Profile.Tiers)
        {
            if (!tier.Overflow)
            {
                continue;
            }

            for (var c = 0; c < _classCount; c++)
            {
                ref readonly var root = ref tier.Trees[c].Root;
                var at = root.IsEmpty ? long.MaxValue : root.Rank + _headStart[c] + tier.DelayTicks;
                if (at > _now && at < due)
                {
                    due = at;
                }
            }
        }

        return due;
    }
}
