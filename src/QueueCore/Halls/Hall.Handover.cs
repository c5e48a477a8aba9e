namespace QueueCore;

public sealed partial class Hall
{
    private CommandResult TransferToService(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Serving, WindowState.Calling, out var w, out var slot, out var error))
        {
            return error;
        }

        if (!_serviceIndex.TryGetValue(command.Value, out var target))
        {
            return CommandResult.Fail(QueueError.UnknownService, $"Hall '{Id}' has no service item {command.Value}.");
        }

        ref var t = ref T(slot);
        if (target == t.Service)
        {
            return CommandResult.Fail(QueueError.InvalidArgument, $"Ticket {NumberOf(t)} is already for item {command.Value}.");
        }

        if (t.Items.AsSpan()[(t.ItemIndex + 1)..].Contains(target))
        {
            return CommandResult.Fail(QueueError.InvalidArgument,
                $"Ticket {NumberOf(t)} already has item {command.Value} later in its visit; finish this item and it will queue there.");
        }

        // The current item is replaced; the items after it stay, and so does the ticket's standing.
        Span<int> items = stackalloc int[ServiceItemList.Capacity];
        t.Items.AsSpan().CopyTo(items);
        items[t.ItemIndex] = target;
        t.Items = new ServiceItemList(items[..t.Items.Count]);
        t.Service = target;
        MakeIdle(w);
        Emit(HallEventKind.Transferred, slot, w.Index);
        EnqueueForService(slot);
        var result = Ok(slot);
        AutoCallIfIdle(w);
        return result;
    }

    private CommandResult TransferToWindow(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Serving, WindowState.Calling, out var w, out var slot, out var error))
        {
            return error;
        }

        if (!TryWindow(command.Value, out var target, out error))
        {
            return error;
        }

        if (target == w)
        {
            return CommandResult.Fail(QueueError.InvalidArgument, $"Ticket {NumberOf(T(slot))} is already at window {w.Id}.");
        }

        if (target.State == WindowState.Closed)
        {
            return CommandResult.Fail(QueueError.WindowNotOpen, $"Window {target.Id} is closed.");
        }

        MakeIdle(w);
        Emit(HallEventKind.Transferred, slot, w.Index, target.Id);
        EnqueueForWindow(slot, target.Index);
        var result = Ok(slot);
        AutoCallIfIdle(w);
        return result;
    }

    private CommandResult Park(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Serving, WindowState.Serving, out var w, out var slot, out var error))
        {
            return error;
        }

        ref var t = ref T(slot);
        t.State = TicketState.Parked;
        t.EnqueuedAt = _now; // parked since
        t.Version++;
        _watch.Append(ParkedList, slot);
        if (_autoResumeTicks > 0)
        {
            NoteDue(_now + _autoResumeTicks);
        }

        Emit(HallEventKind.Parked, slot, w.Index, 0, command.Reason);
        MakeIdle(w);
        var result = Ok(slot);
        AutoCallIfIdle(w);
        return result;
    }

    private int ParkedList => _services.Length;

    private CommandResult ResumeParked(in HallCommand command)
    {
        if (!TryTicket(command.Ticket, out var slot, out var error))
        {
            return error;
        }

        if (T(slot).State != TicketState.Parked)
        {
            return CommandResult.Fail(QueueError.TicketWrongState, $"Ticket {NumberOf(T(slot))} is not parked.");
        }

        Resume(slot);
        return Ok(slot);
    }

    /// <summary>A parked ticket comes back with raised standing: to the window that parked it if that window is
    /// still open (and the policy says so), else to its item's queue.</summary>
    private void Resume(int slot)
    {
        _watch.Remove(slot);
        ref var t = ref T(slot);
        t.Rank -= _resumeBonusTicks;
        var parkedBy = t.Window;
        Emit(HallEventKind.Resumed, slot, parkedBy);
        if (Definition.Park.ReturnToSameWindow && parkedBy >= 0 && _windows[parkedBy].State != WindowState.Closed)
        {
            EnqueueForWindow(slot, parkedBy);
        }
        else
        {
            EnqueueForService(slot);
        }
    }

    private CommandResult Cancel(in HallCommand command)
    {
        if (!TryTicket(command.Ticket, out var slot, out var error))
        {
            return error;
        }

        ref var t = ref T(slot);
        WindowRecord? window = null;
        switch (t.State)
        {
            case TicketState.Waiting:
                Dequeue(slot);
                break;
            case TicketState.Parked:
                _watch.Remove(slot);
                break;
            case TicketState.Called:
                window = _windows[t.Window];
                break;
            default:
                return CommandResult.Fail(QueueError.TicketWrongState,
                    $"Ticket {NumberOf(t)} is {t.State.ToString().ToLowerInvariant()}; only waiting, called or parked tickets can be cancelled.");
        }

        Emit(HallEventKind.Cancelled, slot, window?.Index ?? -1, 0, command.Reason);
        Retire(slot, TicketState.Cancelled);
        var result = Ok(slot);
        if (window is not null)
        {
            MakeIdle(window);
            AutoCallIfIdle(window);
        }

        return result;
    }

    private CommandResult Rate(in HallCommand command)
    {
        if (command.Value is < 1 or > 5)
        {
            return CommandResult.Fail(QueueError.InvalidArgument, $"A rating is 1 (very dissatisfied) to 5 (very satisfied); {command.Value} was given.");
        }

        if (!TryTicket(command.Ticket, out var slot, out var error))
        {
            return error;
        }

        ref var t = ref T(slot);
        if (t.RatableWindow < 0 || t.Rated)
        {
            return CommandResult.Fail(QueueError.TicketWrongState,
                t.Rated ? $"Ticket {NumberOf(t)}'s last service was already rated." : $"Ticket {NumberOf(t)} has no finished service to rate.");
        }

        var w = _windows[t.RatableWindow];
        w.RatingsToday++;
        w.RatingSumToday += command.Value;
        t.Rated = true;
        Emit(HallEventKind.Rated, slot, w.Index, command.Value);
        return Ok(slot) with { Window = w.Id };
    }
}
