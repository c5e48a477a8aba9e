using System.Runtime.CompilerServices;

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
        t.NoShows = 0; // no-shows count per item (see FinishItem): the citizen came, and the new item's calls start afresh
        w.UnansweredCalls = 0; // the citizen came (a transfer straight from the call answered it)
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

        // A paused target is accepted: the ticket waits in its own queue and is its first call once resumed (a colleague
        // on a break); a closed one has no clerk to come back, and one without the item's skill would call a ticket its
        // clerk may not serve (its own queue is called whatever the skills).
        if (target == w || target.State == WindowState.Closed || target.TierOf[T(slot).Service] == SkillProfile.NotServed)
        {
            return RefuseTransferTarget(w, target, slot);
        }

        w.UnansweredCalls = 0; // the citizen came (a transfer straight from the call answered it)
        Emit(HallEventKind.Transferred, slot, w.Index, target.Id);
        EnqueueForWindow(slot, target);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return slot;
    }

    /// <summary>Why the ticket at <paramref name="slot"/> cannot go to <paramref name="target"/>, and what the clerk does
    /// instead.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseTransferTarget(WindowRecord w, WindowRecord target, int slot)
    {
        ref readonly var t = ref T(slot);
        var number = NumberOf(t);
        if (target == w)
        {
            return RefuseInvalid($"Ticket {number} is already at window {w.Id}; to have it wait for this window, park it (it comes back here), or transfer it to another window or item.");
        }

        if (target.State == WindowState.Closed)
        {
            return Refused(QueueError.WindowNotOpen,
                $"Window {target.Id} is closed; transfer {number} to an open window, or to an item (any window serving it calls it).");
        }

        var svc = _services[t.Service];
        var item = svc.Definition.Name.Length > 0 ? $"item {svc.Id} ({svc.Definition.Name})" : $"item {svc.Id}";
        return Refuse(QueueError.NotEligible,
            $"Window {target.Id} does not serve {item}, so {number} cannot be transferred there; transfer it to a window that serves it, or to another item for window {target.Id} to serve.");
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
        if (returnAt is { } given && given <= _now)
        {
            // The hall's time never goes back, so after the wall clock stepped back (an NTP correction) it is ahead of the
            // clock the terminal read: "back in 5 minutes" on that clock was refused as past. A return later than the
            // command's clock is that span from now in the hall's time; one not later than it is past on any clock.
            if (given <= _clock)
            {
                return RefusePastReturnTime(given);
            }

            returnAt = _now + (given - _clock);
        }

        if (returnAt is { } at && IsReturnTooFar(slot, at, out var tooFar))
        {
            return tooFar;
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

    /// <summary>
    /// A return time not later than the command's clock, both shown as the hall's clocks show them (see
    /// <see cref="HallTime"/>); with the hall's own time when that clock stepped back behind it, which explains the gap.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefusePastReturnTime(long returnAt) => RefuseInvalid(_clock < _now
        ? $"A parked ticket's return time must be later than now ({HallTime(_clock)} hall time, by the server's clock; the hall's own time, which never goes back, is {HallTime(_now)}); {HallTime(returnAt)} was given."
        : $"A parked ticket's return time must be later than now ({HallTime(_now)} hall time); {HallTime(returnAt)} was given.");

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

        if (!IsWindowsTicket(command.Window, slot, out var refusal))
        {
            return refusal;
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
        // Another window's ticket is that window's business whatever its state (NotEligible, as for a called one): one
        // being served there was refused as if this window could have cancelled it in another state.
        if (t.State == TicketState.Serving && !IsWindowsTicket(command.Window, slot, out var refusal))
        {
            return refusal;
        }

        if (t.State is not (TicketState.Waiting or TicketState.Parked or TicketState.Called))
        {
            return RefuseInvalidState(slot, "cannot be cancelled; only waiting, called or parked tickets can");
        }

        if (!IsWindowsTicket(command.Window, slot, out refusal))
        {
            return refusal;
        }

        WindowRecord? window = null;
        switch (t.State)
        {
            case TicketState.Waiting:
                Dequeue(slot);
                break;
            case TicketState.Parked:
                Unwatch(slot);
                break;
            default: // called
                window = _windows[t.Window];
                break;
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
        WindowRecord? at = null;
        if (command.Window != 0)
        {
            if (!TryWindow(command.Window, out at))
            {
                return RefuseUnknownWindow(command.Window);
            }

            if (at.LastFinished == t.Id && t.RatableWindow != at.Index && at.LastFinishedBy != ClerkDays.Unknown)
            {
                // The service this window finished last, of a visit whose next item was finished at another window since:
                // the citizen still rates it on this window's pad (the ticket's own mark is for its last service).
                if (at.LastFinishedRated)
                {
                    return RefuseInvalidState(slot, $"was already rated for its service at window {at.Id}");
                }

                at.LastFinishedRated = true;
                return Rated(slot, at, at.LastFinishedBy, command.Value);
            }
        }

        if (t.RatableWindow == -1 || t.Rated)
        {
            return RefuseInvalidState(slot, t.Rated ? "was already rated for its last service"
                : t.State == TicketState.Completed ? "was served on an earlier day; only the day's services are rated" // see OpenDay
                : "has no finished service to rate");
        }

        // Otherwise a pad rates the ticket's last finished service if its window finished it, whatever the ticket does
        // now: a visit's next item may already be called at another window (whose pad must not rate this one), or wait
        // for an item the finishing window does not serve (whose pad must still rate it).
        if (at is not null && at.Index != t.RatableWindow)
        {
            return Refuse(QueueError.NotEligible, $"Ticket {NumberOf(t)} is not window {at.Id}'s to rate: {LastServiceAt(t)}.");
        }

        t.Rated = true;
        var servedBy = _tickets.ServedBy(slot);
        if (t.RatableWindow == TicketRecord.RatableAtRemovedWindow)
        {
            // Rated for the hall after its window was removed: it counts in the hall's day with what that window did.
            _removedToday.AddRating(command.Value);
            if (servedBy >= 0)
            {
                _clerkDays[servedBy].Today.AddRating(command.Value);
            }

            Emit(HallEventKind.Rated, slot, -1, command.Value);
            return TicketAt(slot, -1);
        }

        var w = _windows[t.RatableWindow];
        if (w.LastFinished == t.Id)
        {
            w.LastFinishedRated = true; // the same service
        }

        return Rated(slot, w, servedBy, command.Value);
    }

    /// <summary>
    /// A rating of the service <paramref name="w"/> gave the ticket at <paramref name="slot"/>: into the window's figures
    /// and those of <paramref name="clerkDay"/>, the clerk who finished it; when that is not known (finished before a
    /// restore from a state saved before it was kept), the clerk on the window now, or its last one once closed.
    /// </summary>
    private int Rated(int slot, WindowRecord w, int clerkDay, int score)
    {
        w.Today.AddRating(score);
        var clerk = clerkDay == ClerkDays.Unknown ? w.ClerkDay : clerkDay;
        if (clerk >= 0)
        {
            _clerkDays[clerk].Today.AddRating(score);
        }

        Emit(HallEventKind.Rated, slot, w.Index, score);
        return TicketAt(slot, w.Index);
    }

    /// <summary>
    /// Whether a command that names a ticket may act on it for <paramref name="window"/> (0: for the hall, any
    /// ticket). A window's terminal acts on the tickets called to it, waiting for it (its own queue, or an item it
    /// serves) or parked by it or for an item it serves; its evaluator pad rates only services finished there.
    /// </summary>
    private bool IsWindowsTicket(int window, int slot, out int refusal)
    {
        refusal = NoTicket;
        if (window == 0)
        {
            return true;
        }

        if (!TryWindow(window, out var w))
        {
            refusal = RefuseUnknownWindow(window);
            return false;
        }

        ref readonly var t = ref T(slot);
        var serves = w.TierOf[t.Service] != SkillProfile.NotServed;
        var belongs = t.State switch
        {
            TicketState.Waiting => t.List == WindowList(w.Index) || (!IsWindowList(t.List) && serves),
            TicketState.Parked => t.Window == w.Index || serves,
            TicketState.Called or TicketState.Serving => t.Window == w.Index,
            _ => t.RatableWindow == w.Index, // a rating: the service finished there
        };
        if (!belongs)
        {
            refusal = RefuseNotWindowsTicket(w, slot);
        }

        return belongs;
    }
}
