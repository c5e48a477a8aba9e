namespace QueueCore;

public sealed partial class Hall
{
    private int ServiceList(int service, int cls) => (service * _classCount) + cls;

    private int WindowList(int window) => (_services.Length * _classCount) + window;

    private bool IsWindowList(int list) => list >= _services.Length * _classCount;

    private ref TicketRecord T(int slot) => ref _tickets.Items[slot];

    /// <summary>The printed number of a ticket (A023).</summary>
    private TicketNumber NumberOf(in TicketRecord t)
    {
        var category = _categories[t.Category];
        return new TicketNumber(category.Prefix, t.NumberSequence, category.Definition.NumberWidth);
    }

    /// <summary>A ticket's standing in time: when it ranks as if issued (rank plus its class head start).</summary>
    private long Standing(in TicketRecord t) => t.Rank + _headStart[t.Class];

    /// <summary>Puts a ticket in its current item's queue, keeping its rank, and offers it to idle auto windows.</summary>
    private void EnqueueForService(int slot)
    {
        ref var t = ref T(slot);
        var s = t.Service;
        var svc = _services[s];
        t.State = TicketState.Waiting;
        t.Window = -1;
        t.EnqueuedAt = _now;
        t.Version++;
        if (_queues.Insert(ServiceList(s, t.Class), slot))
        {
            UpdateTrees(s, t.Class);
        }

        _classQueues.Insert(t.Class, slot);
        svc.Waiting++;
        _totalWaiting++;
        WatchWaitLimit(slot);

        if (svc.Definition.QueueWarningLength is { } warn && svc.Waiting >= warn && !svc.WarningRaised)
        {
            svc.WarningRaised = true;
            EmitHall(HallEventKind.QueueLengthWarning, s, svc.Waiting);
        }

        if (_idleAutoCount > 0)
        {
            OfferToIdleWindows(slot);
        }
    }

    /// <summary>Puts a ticket in a window's own queue (transferred or returned to it).</summary>
    private void EnqueueForWindow(int slot, int window)
    {
        ref var t = ref T(slot);
        t.State = TicketState.Waiting;
        t.Window = -1;
        t.EnqueuedAt = _now;
        t.Version++;
        _queues.Insert(WindowList(window), slot);
        _totalWaiting++;
        WatchWaitLimit(slot);
        var w = _windows[window];
        if (w.State == WindowState.Idle && w.Auto)
        {
            AutoCall(w);
        }
    }

    /// <summary>Watches a ticket that just joined a queue (its item's or a window's) for its item's wait limit.</summary>
    private void WatchWaitLimit(int slot)
    {
        var s = T(slot).Service;
        var limit = _services[s].WaitLimitTicks;
        if (limit > 0)
        {
            _watch.Append(s, slot);
            NoteDue(_now + limit);
        }
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

            _classQueues.Remove(slot);

            if (svc.WarningRaised && svc.Waiting < svc.Definition.QueueWarningLength)
            {
                svc.WarningRaised = false; // re-armed: the next crossing warns again
            }
        }

        _watch.Remove(slot);
    }

    /// <summary>Tells every profile tier that serves the item the new head key of its (item, class) queue.</summary>
    private void UpdateTrees(int service, int cls)
    {
        var head = _queues.Head(ServiceList(service, cls));
        long rank = long.MaxValue, order = long.MaxValue;
        if (head >= 0)
        {
            ref readonly var h = ref T(head);
            rank = h.Rank;
            order = h.Serial;
        }

        foreach (var leaf in _services[service].Leaves)
        {
            leaf.Tier.Trees[cls].Update(leaf.Leaf, rank, order);
        }
    }

    /// <summary>A finished, cancelled or dropped ticket stays addressable a while (for rating and look-up).</summary>
    private void Retire(int slot, TicketState state)
    {
        ref var t = ref T(slot);
        t.State = state;
        t.Window = -1;
        t.Version++;
        _tickets.Retire(slot);
    }

    private void NoteDue(long due)
    {
        if (due < _nextDue)
        {
            _nextDue = due;
        }
    }
}
