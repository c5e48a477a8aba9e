namespace QueueCore;

public sealed partial class Hall
{
    private int TransferToService(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Serving, WindowState.Calling, out var w, out var refusal))
        {
            return refusal;
        }

        var slot = w.Ticket;
        if (_day == HallDayState.Closed)
        {
            return RefuseDayClosedForWaiting(slot, "transferred");
        }

        if (!_serviceIndex.TryGet(command.Value, out var target))
        {
            return RefuseUnknownService(command.Value);
        }

        ref var t = ref T(slot);
        if (target == t.Service)
        {
            return RefuseInvalid($"Ticket {NumberOf(t)} is already for item {command.Value}.");
        }

        if (t.Items.ContainsFrom(t.ItemIndex + 1, target))
        {
            return RefuseInvalid($"Ticket {NumberOf(t)} already has item {command.Value} later in its visit; finish this item and it will queue there.");
        }

        // The current item is replaced; the items after it stay, and so does the ticket's standing.
        t.Items.Set(t.ItemIndex, target);
        t.Service = target;
        t.WaitAlerted = false;
        Emit(HallEventKind.Transferred, slot, w.Index);
        EnqueueForService(slot); // offered to the other idle auto windows first: the clerk handed it on
        MakeIdle(w);
        AutoCallIfIdle(w);
        return slot;
    }

    private int TransferToWindow(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Serving, WindowState.Calling, out var w, out var refusal))
        {
            return refusal;
        }

        var slot = w.Ticket;
        if (_day == HallDayState.Closed)
        {
            return RefuseDayClosedForWaiting(slot, "transferred");
        }

        if (!TryWindow(command.Value, out var target))
        {
            return RefuseUnknownWindow(command.Value);
        }

        if (target == w)
        {
            return RefuseInvalid($"Ticket {NumberOf(T(slot))} is already at window {w.Id}.");
        }

        if (target.State == WindowState.Closed)
        {
            return Refused(QueueError.WindowNotOpen, $"Window {target.Id} is closed.");
        }

        Emit(HallEventKind.Transferred, slot, w.Index, target.Id);
        EnqueueForWindow(slot, target);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return slot;
    }

    private int Park(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Serving, WindowState.Serving, out var w, out var refusal))
        {
            return refusal;
        }

        var slot = w.Ticket;
        if (_day == HallDayState.Closed)
        {
            return RefuseDayClosedForWaiting(slot, "parked");
        }

        var returnAt = command.ReturnAt?.UtcTicks;
        if (returnAt <= _now)
        {
            return RefuseInvalid($"A parked ticket's return time must be later than now ({Now:u}); {command.ReturnAt:u} was given.");
        }

        ref var t = ref T(slot);
        t.State = TicketState.Parked;
        t.EnqueuedAt = _now; // parked since
        t.ParkDue = returnAt ?? (_autoResumeTicks > 0 ? Later(_now, _autoResumeTicks) : long.MaxValue);
        _tickets.SetNote(slot, command.Reason);
        if (_watch.InsertByParkDue(ParkedList, slot))
        {
            RearmWatch(ParkedList);
        }

        Emit(HallEventKind.Parked, slot, w.Index, t.ParkDue == long.MaxValue ? 0 : Seconds(t.ParkDue - _now));
        MakeIdle(w);
        AutoCallIfIdle(w);
        return TicketAt(slot, w.Index);
    }

    private int ResumeParked(in HallCommand command)
    {
        var slot = _tickets.Find(command.Ticket);
        if (slot < 0)
        {
            return RefuseUnknownTicket(command.Ticket);
        }

        if (T(slot).State != TicketState.Parked)
        {
            return RefuseInvalidState(slot, "is not parked");
        }

        Resume(slot);
        return slot;
    }

    /// <summary>A parked ticket comes back with raised standing: to the window that parked it if that window is
    /// still open (and the policy says so), else to its item's queue.</summary>
    private void Resume(int slot)
    {
        Unwatch(slot);
        ref var t = ref T(slot);
        t.Rank = Math.Max(t.Rank - _resumeBonusTicks, long.MinValue / 4); // bonuses never push a rank out of range
        t.ParkDue = long.MaxValue;
        var parkedBy = t.Window;
        Emit(HallEventKind.Resumed, slot, parkedBy);
        if (Definition.Park.ReturnToSameWindow && parkedBy >= 0 && _windows[parkedBy].State != WindowState.Closed)
        {
            EnqueueForWindow(slot, _windows[parkedBy]);
        }
        else
        {
            EnqueueForService(slot);
        }
    }

    private int Cancel(in HallCommand command)
    {
        var slot = _tickets.Find(command.Ticket);
        if (slot < 0)
        {
            return RefuseUnknownTicket(command.Ticket);
        }

        ref var t = ref T(slot);
        WindowRecord? window = null;
        switch (t.State)
        {
            case TicketState.Waiting:
                Dequeue(slot);
                break;
            case TicketState.Parked:
                Unwatch(slot);
                break;
            case TicketState.Called:
                window = _windows[t.Window];
                break;
            default:
                return RefuseInvalidState(slot, "cannot be cancelled; only waiting, called or parked tickets can");
        }

        Emit(HallEventKind.Cancelled, slot, window?.Index ?? -1, (int)CancelCause.Requested);
        if (command.Reason is not null)
        {
            _tickets.SetNote(slot, command.Reason);
        }

        Retire(slot, TicketState.Cancelled);
        if (window is not null)
        {
            MakeIdle(window);
            AutoCallIfIdle(window);
        }

        return slot;
    }

    private int Rate(in HallCommand command)
    {
        if (command.Value is < 1 or > 5)
        {
            return RefuseInvalid($"A rating is 1 (very dissatisfied) to 5 (very satisfied); {command.Value} was given.");
        }

        var slot = _tickets.Find(command.Ticket);
        if (slot < 0)
        {
            return RefuseUnknownTicket(command.Ticket);
        }

        ref var t = ref T(slot);
        if (t.RatableWindow < 0 || t.Rated)
        {
            return RefuseInvalidState(slot, t.Rated ? "was already rated for its last service" : "has no finished service to rate");
        }

        var w = _windows[t.RatableWindow];
        w.RatingsToday++;
        w.RatingSumToday += command.Value;
        t.Rated = true;
        Emit(HallEventKind.Rated, slot, w.Index, command.Value);
        return TicketAt(slot, w.Index);
    }
}
