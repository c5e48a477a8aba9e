namespace QueueCore;

public sealed partial class Hall
{
    private int CallNext(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return RefuseUnknownWindow(command.Window);
        }

        if (w.State != WindowState.Idle)
        {
            return RefuseWindowState(w, WindowRefusal.HasTicket);
        }

        var slot = FindBest(w);
        if (slot < 0)
        {
            return RefuseWindowState(w, WindowRefusal.NothingWaiting);
        }

        CallTicketAt(w, slot, _normalSeen);
        return slot;
    }

    private int CallTicket(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return RefuseUnknownWindow(command.Window);
        }

        var slot = _tickets.Find(command.Ticket);
        if (slot < 0)
        {
            return RefuseUnknownTicket(command.Ticket);
        }

        if (w.State != WindowState.Idle)
        {
            return RefuseWindowState(w, WindowRefusal.HasTicket);
        }

        ref readonly var t = ref T(slot);
        if (t.State != TicketState.Waiting)
        {
            return RefuseTicketNotWaiting(slot);
        }

        if (t.List != WindowList(w.Index) && (IsWindowList(t.List) || w.TierOf[t.Service] == SkillProfile.NotServed))
        {
            return RefuseNotEligible(w, slot);
        }

        CallTicketAt(w, slot, normalWaited: true);
        return slot;
    }

    /// <summary>Takes a waiting ticket out of its queue and calls it to the window: show it and speak it.</summary>
    private void CallTicketAt(WindowRecord w, int slot, bool normalWaited)
    {
        var fromWindowQueue = IsWindowList(T(slot).List); // the window's own: no other window may call from it
        Dequeue(slot);
        ref var t = ref T(slot);
        t.CalledFromWindowQueue = fromWindowQueue;
        var waited = Math.Max(0, _now - t.EnqueuedAt); // since it joined the queue it is called from
        w.Today.AddCall(waited);
        if (w.ClerkDay >= 0)
        {
            _clerkDays[w.ClerkDay].Today.AddCall(waited);
        }

        t.State = TicketState.Called;
        t.EnqueuedAt = _now; // called since: out of its queue now (see TicketRecord.EnqueuedAt)
        t.ServingAt = _now; // provisional: a start sets it; a finish straight from the call counts from here
        t.Window = w.Index;
        t.Recalls = 0;
        LeaveIdle(w);
        _timers.Set(AlertTimer(w), long.MaxValue); // the idle spell ends
        w.State = WindowState.Calling;
        w.Ticket = slot;
        StartBusy(w, t.ServingAt, _services[t.Service].AverageHandlingTicks);
        w.LastTurn = ++_calls; // out of the idle index now: its key may change (a counter, not the time: calls share instants)
        CountCall(w, t.Class, normalWaited);
        Emit(HallEventKind.TicketCalled, slot, w.Index);
    }

    /// <summary>
    /// Whether a ticket in <paramref name="state"/> keeps when it was last called (in <see cref="TicketRecord.EnqueuedAt"/>):
    /// at a window, and after leaving one completed or as a no-show. A cancelled ticket may have been cancelled while
    /// it waited, so its field may be a queue's time.
    /// </summary>
    internal static bool KeepsCallTime(TicketState state) =>
        state is TicketState.Called or TicketState.Serving or TicketState.Completed or TicketState.NoShow;

    private int Recall(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Calling, WindowState.Calling, out var w, out var refusal))
        {
            return refusal;
        }

        var slot = w.Ticket;
        ref var t = ref T(slot);
        if (t.Recalls >= Definition.NoShow.MaxRecalls)
        {
            return RefuseRecallLimit(slot);
        }

        t.Recalls = CountedOnce(t.Recalls);
        // Called again now: what a screen rebuilt from a snapshot shows as its call. The day's figures keep the first
        // call: its wait was counted then, and its handling counts from ServingAt, which a recall leaves alone.
        t.EnqueuedAt = _now;
        Emit(HallEventKind.TicketRecalled, slot, w.Index, t.Recalls);
        return slot;
    }

    /// <summary>
    /// A ticket's recall or no-show count plus one, staying at 255 (a byte on the ticket's line): it wrapped to 0 in
    /// events and saved state. A limit above 255 is never reached either way, so the limit checks mean the same.
    /// </summary>
    private static byte CountedOnce(byte count) => count == byte.MaxValue ? count : (byte)(count + 1);

    private int StartServing(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Calling, WindowState.Calling, out var w, out var refusal))
        {
            return refusal;
        }

        var slot = w.Ticket;
        ref var t = ref T(slot);
        t.State = TicketState.Serving;
        t.ServingAt = _now;
        w.State = WindowState.Serving;
        var svc = _services[t.Service];
        _busy?.Restart(w.Index, _now, svc.AverageHandlingTicks); // the handling time counts from here now: so does what is left of it
        w.UnansweredCalls = 0;
        w.ServiceTimeAlerted = false;
        var limit = svc.ServiceTimeLimitTicks;
        if (limit > 0)
        {
            _timers.Set(AlertTimer(w), Later(_now, limit));
        }

        Emit(HallEventKind.ServingStarted, slot, w.Index);
        return slot;
    }

    private int Finish(in HallCommand command)
    {
        // Finish and pause is the break key beside the single "Next" key: as that key, it takes a called ticket too (served
        // from its call), so a keypad without a "start" key can end the ticket and pause. A plain Finish needs a start.
        var alsoAllowed = command.Value == HallCommand.FinishThenPause ? WindowState.Calling : WindowState.Serving;
        if (!TryWindowTicket(command, WindowState.Serving, alsoAllowed, out var w, out var refusal))
        {
            return refusal;
        }

        var slot = w.Ticket;
        FinishItem(w, slot);
        if (command.Value == HallCommand.FinishThenPause)
        {
            Pause(w, command.Reason, 0); // the clerk leaves after this ticket: no next call
        }
        else
        {
            AutoCallIfIdle(w);
        }

        // A visit whose next item was called at once (by this window, or pushed to another auto window) is reported
        // where it is called, as every called ticket is; otherwise the result names the window that finished it.
        return T(slot).State is TicketState.Called or TicketState.Serving ? slot : TicketAt(slot, w.Index);
    }

    /// <summary>
    /// The clerk's single "Next" key: finish the window's ticket's item (serving, or called: then it counts as served
    /// from its call) and call the next ticket. On a window with no ticket it is a plain call-next, in either mode. The
    /// result describes the ticket called, or only the window when nothing waits after a finish.
    /// </summary>
    private int FinishAndCallNext(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return RefuseUnknownWindow(command.Window);
        }

        if (!HoldsNamedTicket(w, command))
        {
            // Also on a window with no ticket: a press meant to finish a ticket finished already calls no other.
            return RefuseOtherTicket(w, command);
        }

        if (w.State is WindowState.Serving or WindowState.Calling)
        {
            // A called ticket counts as served from its call: terminals with one "Next" key have no "start" key.
            FinishItem(w, w.Ticket);
        }
        else
        {
            // Nothing to finish: a plain call-next in either mode (refused when nothing waits), so a success that calls
            // nothing always means a ticket was finished.
            return CallNext(command);
        }

        if (w.State == WindowState.Idle)
        {
            if (w.Auto)
            {
                AutoCall(w);
            }
            else if (FindBest(w) is var next and >= 0)
            {
                CallTicketAt(w, next, _normalSeen);
            }
        }

        return w.State == WindowState.Calling ? w.Ticket : WindowOnly(w.Index);
    }

    /// <summary>
    /// The window finished its ticket's current item: figures, then the ticket's next item or its end. The window
    /// becomes idle last, so a next item is offered to the other idle auto windows first (the clerk moves on; if no one
    /// else may take it, the window itself calls it again when it looks for its next ticket).
    /// </summary>
    private void FinishItem(WindowRecord w, int slot)
    {
        ref var t = ref T(slot);
        var svc = _services[t.Service];
        var handling = Math.Max(0, _now - t.ServingAt);
        svc.AddHandlingTime(handling);
        w.Today.AddService(handling);
        if (w.ClerkDay >= 0)
        {
            _clerkDays[w.ClerkDay].Today.AddService(handling);
        }

        w.UnansweredCalls = 0; // the citizen came: a "Next" key finishes a call it never started, and that call was answered
        t.RatableWindow = (short)w.Index;
        t.Rated = false;
        _tickets.SetServedBy(slot, w.ClerkDay); // its rating counts for this clerk, whoever is on the window by then
        w.LastFinished = t.Id; // what the window's pad rates by default: kept, so a restart need not work it out from the tickets
        w.LastFinishedBy = w.ClerkDay;
        w.LastFinishedRated = false;
        Emit(HallEventKind.ServiceFinished, slot, w.Index, Seconds(handling));

        t.ItemIndex++;
        if (t.Items.Has(t.ItemIndex) && _day == HallDayState.Closed)
        {
            // The day was closed and its waiting tickets cancelled: the visit's remaining items go the same way.
            Emit(HallEventKind.Cancelled, slot, w.Index, (int)CancelCause.DayClosedBeforeNextItem);
            Retire(slot, TicketState.Cancelled);
        }
        else if (t.Items.Has(t.ItemIndex))
        {
            // One ticket, one visit: on to the next item, keeping the standing it has. Its no-shows count per item: the
            // citizen came for this one, so a missed call for the next (often at another window) is a first one, not the
            // one that drops the rest of the visit.
            t.Service = t.Items[t.ItemIndex];
            t.WaitAlerted = false;
            t.NoShows = 0;
            Emit(HallEventKind.NextItem, slot, -1);
            EnqueueForService(slot);
        }
        else
        {
            Emit(HallEventKind.TicketCompleted, slot, w.Index);
            Retire(slot, TicketState.Completed);
        }

        MakeIdle(w);
    }

    private int NoShow(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Calling, WindowState.Calling, out var w, out var refusal))
        {
            return refusal;
        }

        var slot = w.Ticket;
        ref var t = ref T(slot);
        t.NoShows = CountedOnce(t.NoShows);
        w.UnansweredCalls++;
        w.Ticket = -1;

        // After the day closed nothing may wait again, so a no-show then is final.
        var requeue = t.NoShows < Definition.NoShow.MaxNoShows && _day != HallDayState.Closed;

        // A ticket sent to this window (transferred or returned to it) waits for this window again: the hand-over was
        // to it, not to any window serving the item.
        var list = t.CalledFromWindowQueue ? WindowList(w.Index) : ServiceList(t.Service, t.Class);
        if (requeue)
        {
            t.Rank = RequeueRank(t, list); // it rejoins its queue below, after the window has moved on
        }

        Emit(HallEventKind.NoShow, slot, w.Index, requeue ? 1 : 0);
        if (!requeue)
        {
            Retire(slot, TicketState.NoShow);
        }

        var pauseAfter = Definition.NoShow.PauseWindowAfter;
        if (command.Value == HallCommand.NoShowThenPause)
        {
            Pause(w, command.Reason, 0); // the clerk leaves after this call: nothing is pushed to the window, nor held for it
        }
        else if (pauseAfter > 0 && w.UnansweredCalls >= pauseAfter)
        {
            Pause(w, $"{w.UnansweredCalls} calls in a row unanswered", w.UnansweredCalls);
        }
        else
        {
            // The window moves on first, so an auto window calls the next other ticket rather than the absent citizen.
            MakeIdle(w);
            AutoCallIfIdle(w);
        }

        if (requeue)
        {
            if (IsWindowList(list))
            {
                JoinWindowQueue(slot, w);
            }
            else
            {
                EnqueueForService(slot, except: w);
            }

            if (w.State == WindowState.Idle && w.Auto)
            {
                if (_callBackTicks > 0)
                {
                    // Nothing else waited: the window gives the citizen a moment before calling them again (its look
                    // for an overflow ticket becoming eligible earlier stays armed).
                    w.HeldTicket = T(slot).Id;
                    w.HoldUntil = Later(_now, _callBackTicks);
                    _timers.Lower(AutoTimer(w), w.HoldUntil);
                }
                else
                {
                    AutoCall(w); // no call-back delay: the window may call the citizen again at once
                }
            }
        }

        // Re-queued and called at once by another auto window: reported where it is called, as every called ticket is.
        return T(slot).State is TicketState.Called or TicketState.Serving ? slot : TicketAt(slot, w.Index);
    }

    /// <summary>
    /// The rank that puts a no-show ticket <see cref="NoShowPolicy.RequeuePlacesBack"/> places back in the queue it
    /// waits in again (<paramref name="list"/>: its (item, class) queue, or the window's own queue): just after the
    /// N-th ticket waiting there (or after the last, if fewer wait).
    /// </summary>
    private long RequeueRank(in TicketRecord t, int list)
    {
        var placesBack = Definition.NoShow.RequeuePlacesBack;
        if (placesBack == 0 || _queues.Count(list) == 0)
        {
            return t.Rank;
        }

        var anchor = _queues.Head(list);
        for (var i = 1; i < placesBack && T(anchor).Next >= 0; i++)
        {
            anchor = T(anchor).Next;
        }

        return Math.Max(t.Rank, T(anchor).Rank + 1);
    }

    private static int Seconds(long ticks) => (int)Math.Min(int.MaxValue, ticks / TimeSpan.TicksPerSecond);
}
