using System.Runtime.CompilerServices;

namespace QueueCore;

public sealed partial class Hall
{
    private int ServiceList(int service, int cls) => (service * _classCount) + cls;

    private int WindowList(int window) => (_services.Length * _classCount) + window;

    /// <summary>The (category, class) queue of a category some tier serves whole.</summary>
    private int CategoryList(int category, int cls) => (category * _classCount) + cls;

    private bool IsWindowList(int list) => list >= _services.Length * _classCount;

    /// <summary>The watch list (and timer source) of parked tickets; the lists below it are the items' wait-limit lists.</summary>
    private int ParkedList => _services.Length;

    /// <summary>A ticket's standing in time: when it ranks as if issued (rank plus its class head start).</summary>
    private long Standing(in TicketRecord t) => t.Rank + _headStart[t.Class];

    /// <summary>
    /// Puts a ticket in its current item's queue, keeping its rank, and offers it to the idle auto windows that may
    /// serve it (every way a ticket comes to wait goes through here, so none is left beside an idle auto window).
    /// </summary>
    private void EnqueueForService(int slot, WindowRecord? except = null)
    {
        ref var t = ref T(slot);
        var s = t.Service;
        var svc = _services[s];
        t.State = TicketState.Waiting;
        t.Window = -1;
        t.EnqueuedAt = _now;
        if (_queues.Insert(ServiceList(s, t.Class), slot))
        {
            UpdateTrees(s, t.Class);
        }

        JoinHallQueues(slot);
        svc.Waiting++;
        _totalWaiting++;
        WatchWaitLimit(slot);

        if (svc.Waiting >= svc.WarningLength && !svc.WarningRaised)
        {
            svc.WarningRaised = true;
            svc.WarningRaisedAt = _now;
            EmitHall(HallEventKind.QueueLengthWarning, s, svc.Waiting);
        }

        if (_idle is { Count: > 0 })
        {
            Offer(slot, except);
        }
    }

    /// <summary>
    /// Puts a ticket that waits in its item's queue into the queues windows read across items: its class's hall-wide
    /// queue, and its category's (per class) when some tier serves the category whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void JoinHallQueues(int slot)
    {
        ref readonly var t = ref T(slot);
        _classQueues.Insert(t.Class, slot);
        var category = _services[t.Service].CategoryQueue;
        if (category >= 0)
        {
            _categoryQueues.Insert(CategoryList(category, t.Class), slot);
        }
    }

    /// <summary>Takes a ticket out of the queues <see cref="JoinHallQueues"/> put it in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LeaveHallQueues(int slot)
    {
        ref readonly var t = ref T(slot);
        _classQueues.Remove(slot);
        var category = _services[t.Service].CategoryQueue;
        if (category >= 0)
        {
            _categoryQueues.Remove(slot, CategoryList(category, t.Class));
        }
    }

    /// <summary>Puts a ticket in a window's own queue (transferred or returned to it); an idle auto window calls at once.</summary>
    private void EnqueueForWindow(int slot, WindowRecord w)
    {
        if (w.HeldTicket == T(slot).Id)
        {
            w.HeldTicket = 0; // handed to it on purpose (it was a no-show here, then called elsewhere): not held back
        }

        JoinWindowQueue(slot, w);
        AutoCallIfIdle(w);
    }

    /// <summary>Puts a ticket in a window's own queue, where only that window calls it.</summary>
    private void JoinWindowQueue(int slot, WindowRecord w)
    {
        ref var t = ref T(slot);
        t.State = TicketState.Waiting;
        t.Window = -1;
        t.EnqueuedAt = _now;
        _queues.Insert(WindowList(w.Index), slot);
        _totalWaiting++;
        WatchWaitLimit(slot);
    }

    /// <summary>Watches a ticket that just joined a queue (its item's or a window's) for its item's wait limit, unless
    /// it already raised that alert for this item (once per ticket and item: a re-queue does not count it twice).</summary>
    private void WatchWaitLimit(int slot)
    {
        ref readonly var t = ref T(slot);
        var limit = _services[t.Service].WaitLimitTicks;
        if (limit > 0 && !t.WaitAlerted && _watch.Append(t.Service, slot))
        {
            _timers.Set(t.Service, Later(t.EnqueuedAt, limit)); // it became the list's head: the list's next due
        }
    }

    /// <summary>Takes a ticket out of its watch list (if any) and re-arms that list's timer when its head changed.</summary>
    private void Unwatch(int slot)
    {
        var list = T(slot).Watch;
        if (list >= 0 && _watch.Remove(slot))
        {
            RearmWatch(list);
        }
    }

    /// <summary>Sets a watch list's timer to its head's due instant (none when empty).</summary>
    private void RearmWatch(int list)
    {
        var head = _watch.Head(list);
        long due;
        if (head < 0)
        {
            due = long.MaxValue;
        }
        else if (list == ParkedList)
        {
            due = T(head).ParkDue;
        }
        else
        {
            due = Later(T(head).EnqueuedAt, _services[list].WaitLimitTicks);
        }

        _timers.Set(list, due);
    }

    /// <summary>Takes a waiting ticket out of whichever queue holds it.</summary>
    private void Dequeue(int slot)
    {
        ref var t = ref T(slot);
        var list = t.List;
        var wasHead = _queues.Remove(slot);
        _totalWaiting--;
        if (!IsWindowList(list))
        {
            var svc = _services[t.Service];
            svc.Waiting--;
            if (wasHead)
            {
                UpdateTrees(t.Service, t.Class);
            }

            LeaveHallQueues(slot);
            if (svc.WarningRaised && svc.Waiting < svc.WarningLength)
            {
                svc.WarningRaised = false; // re-armed: the next crossing warns again
            }
        }

        Unwatch(slot);
    }

    /// <summary>
    /// Tells every profile tier that serves the item that the head of its (item, class) queue changed. The tier's
    /// tournament is replayed only when it is next read (<see cref="Root"/>): heads change on nearly every command, in
    /// every tier serving the item, while a tier is read only when one of its windows looks for a ticket, so marking
    /// a bit here (the marks of one class lie side by side) is much cheaper than replaying every tournament at once.
    /// A tier of up to 64 items has a bit per leaf in its summary word; a larger one a bit per leaf in its own words,
    /// and a bit per such word in its summary, so a replay visits only the leaves that changed.
    /// </summary>
    private void UpdateTrees(int service, int cls)
    {
        var leaves = _services[service].Leaves;
        if (leaves.Length == 0)
        {
            return; // no tournament has it: windows serving it read the class queues or its category's queues
        }

        var stale = _stale.AsSpan(cls * _tierCount, _tierCount);
        foreach (var leaf in leaves)
        {
            if (leaf.Word < 0)
            {
                stale[leaf.Tier] |= 1UL << leaf.Leaf;
            }
            else
            {
                _staleLeaves[(cls * _staleWords) + leaf.Word] |= 1UL << leaf.Leaf; // the shift takes the leaf mod 64
                stale[leaf.Tier] |= 1UL << (leaf.Leaf >> 6);
            }
        }
    }

    /// <summary>
    /// The tier's best waiting ticket of class <paramref name="cls"/> (the head of its tournament or of one of the
    /// category queues it reads, whichever ranks first): false when none waits.
    /// </summary>
    private bool TierHead(in ProfileTier tier, int cls, out long rank, out long order, out int slot)
    {
        (rank, order, slot) = (long.MaxValue, long.MaxValue, -1);
        if (tier.Tier >= 0)
        {
            ref readonly var root = ref Root(tier, cls);
            if (!root.IsEmpty)
            {
                (rank, order) = (root.Rank, root.Order);
                slot = _queues.Head(ServiceList(tier.Leaves[root.Leaf], cls));
            }
        }

        foreach (var category in tier.Categories)
        {
            ref readonly var header = ref _categoryQueues.Header(CategoryList(category, cls)); // empty: MaxValue keys
            if (RankNode.Less(header.HeadRank, header.HeadSerial, rank, order))
            {
                (rank, order, slot) = (header.HeadRank, header.HeadSerial, header.Head);
            }
        }

        return slot >= 0;
    }

    /// <summary>The root of the tier's tournament of class <paramref name="cls"/>: its best queue head, or an empty node.</summary>
    private ref readonly RankNode Root(in ProfileTier tier, int cls)
    {
        ref var stale = ref _stale[(cls * _tierCount) + tier.Tier];
        if (stale != 0)
        {
            Replay(tier, cls, ref stale);
        }

        return ref _forest[tier.Root(cls)];
    }

    /// <summary>Replays the matches above the leaves marked stale, with each leaf's queue head as it is now.</summary>
    private void Replay(in ProfileTier tier, int cls, ref ulong stale)
    {
        if (tier.StaleWord < 0)
        {
            ReplayLeaves(tier, cls, stale, 0);
        }
        else
        {
            var first = (cls * _staleWords) + tier.StaleWord;
            for (var words = stale; words != 0; words &= words - 1)
            {
                var w = System.Numerics.BitOperations.TrailingZeroCount(words);
                ref var marks = ref _staleLeaves[first + w];
                ReplayLeaves(tier, cls, marks, w << 6);
                marks = 0;
            }
        }

        stale = 0;
    }

    /// <summary>Replays the leaves <paramref name="from"/> + i for every bit i of <paramref name="bits"/>.</summary>
    private void ReplayLeaves(in ProfileTier tier, int cls, ulong bits, int from)
    {
        var treeBase = tier.TreeBase + (cls * 2 * tier.TreeSize);
        var services = tier.Leaves;
        for (; bits != 0; bits &= bits - 1)
        {
            var leaf = from + System.Numerics.BitOperations.TrailingZeroCount(bits);
            ref readonly var header = ref _queues.Header(ServiceList(services[leaf], cls)); // empty: MaxValue keys, an empty leaf
            TournamentForest.Update(_forest, treeBase, tier.TreeSize, leaf, header.HeadRank, header.HeadSerial);
        }
    }

    /// <summary>A finished, cancelled or dropped ticket stays addressable a while (for rating and look-up).</summary>
    private void Retire(int slot, TicketState state)
    {
        ref var t = ref T(slot);
        t.State = state;
        // A no-show keeps the window that called it: with its call time, what a screen rebuilt from the hall lists as
        // the call it showed (the window is read for nothing else once the ticket has left it).
        t.Window = state == TicketState.NoShow ? t.Window : -1;
        _live--;
        _tickets.Retire(slot);
    }
}
