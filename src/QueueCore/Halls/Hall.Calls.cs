namespace QueueCore;

public sealed partial class Hall
{
    private const string NothingWaitingKey = "nothing waiting";

    private CommandResult CallNext(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w, out var error))
        {
            return error;
        }

        if (w.State != WindowState.Idle)
        {
            return WindowStateError(w, "already has a ticket; finish it or mark a no-show first");
        }

        var slot = FindBest(w);
        if (slot < 0)
        {
            return CommandResult.Fail(QueueError.NothingWaiting, w.Message(NothingWaitingKey, static (w, _) => $"No ticket that window {w.Id} may serve is waiting."));
        }

        CallTicketAt(w, slot);
        return Ok(slot);
    }

    private CommandResult CallTicket(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w, out var error) || !TryTicket(command.Ticket, out var slot, out error))
        {
            return error;
        }

        if (w.State != WindowState.Idle)
        {
            return WindowStateError(w, "already has a ticket; finish it or mark a no-show first");
        }

        ref readonly var t = ref T(slot);
        if (t.State != TicketState.Waiting)
        {
            return CommandResult.Fail(QueueError.TicketWrongState, $"Ticket {NumberOf(t)} is {t.State.ToString().ToLowerInvariant()}, not waiting.");
        }

        var ownList = t.List == WindowList(w.Index);
        if (!ownList && (IsWindowList(t.List) || w.Profile.TierOf[t.Service] == SkillProfile.NotServed))
        {
            return CommandResult.Fail(QueueError.NotEligible,
                IsWindowList(t.List)
                    ? $"Ticket {NumberOf(t)} was sent to another window."
                    : $"Window {w.Id} does not serve item {_services[t.Service].Id} of ticket {NumberOf(t)}.");
        }

        CallTicketAt(w, slot);
        return Ok(slot);
    }

    /// <summary>Takes a waiting ticket out of its queue and calls it to the window: show it and speak it.</summary>
    private void CallTicketAt(WindowRecord w, int slot)
    {
        Dequeue(slot);
        ref var t = ref T(slot);
        t.State = TicketState.Called;
        t.Window = w.Index;
        t.CalledAt = _now;
        t.Recalls = 0;
        t.Version++;
        LeaveIdle(w);
        w.State = WindowState.Calling;
        w.Ticket = slot;
        w.Version++;
        w.PriorityRun = t.Class == _normalClass ? 0 : w.PriorityRun + 1;
        Emit(HallEventKind.TicketCalled, slot, w.Index);
    }

    private CommandResult Recall(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Calling, WindowState.Calling, out var w, out var slot, out var error))
        {
            return error;
        }

        ref var t = ref T(slot);
        if (t.Recalls >= Definition.NoShow.MaxRecalls)
        {
            return CommandResult.Fail(QueueError.LimitReached,
                $"Ticket {NumberOf(t)} has been recalled {t.Recalls} times, the limit; mark it a no-show.");
        }

        t.Recalls++;
        Emit(HallEventKind.TicketRecalled, slot, w.Index, t.Recalls);
        return Ok(slot);
    }

    private CommandResult StartServing(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Calling, WindowState.Calling, out var w, out var slot, out var error))
        {
            return error;
        }

        ref var t = ref T(slot);
        t.State = TicketState.Serving;
        t.ServingAt = _now;
        t.Version++;
        w.State = WindowState.Serving;
        w.UnansweredCalls = 0;
        w.ServiceTimeAlerted = false;
        w.Version++;
        var limit = _services[t.Service].ServiceTimeLimitTicks;
        if (limit > 0)
        {
            NoteDue(_now + limit);
        }

        Emit(HallEventKind.ServingStarted, slot, w.Index);
        return Ok(slot);
    }

    private CommandResult Finish(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Serving, WindowState.Serving, out var w, out var slot, out var error))
        {
            return error;
        }

        ref var t = ref T(slot);
        var svc = _services[t.Service];
        var handling = Math.Max(0, _now - t.ServingAt);
        svc.AverageHandlingTicks += (handling - svc.AverageHandlingTicks) / 5; // moving average, weight 1/5 to the newest
        w.ServedToday++;
        w.HandlingTicksToday += handling;
        t.RatableWindow = w.Index;
        t.Rated = false;
        Emit(HallEventKind.ServiceFinished, slot, w.Index, (int)(handling / TimeSpan.TicksPerSecond));
        MakeIdle(w);

        t.ItemIndex++;
        if (t.ItemIndex < t.Items.Count && _day == HallDayState.Closed)
        {
            // The day was closed and its waiting tickets cancelled: the visit's remaining items go the same way.
            Emit(HallEventKind.Cancelled, slot, w.Index, 0, "hall day closed before the next item");
            Retire(slot, TicketState.Cancelled);
        }
        else if (t.ItemIndex < t.Items.Count)
        {
            // One ticket, one visit: on to the next item, keeping the standing it has.
            t.Service = t.Items[t.ItemIndex];
            Emit(HallEventKind.NextItem, slot, -1);
            EnqueueForService(slot);
        }
        else
        {
            Emit(HallEventKind.TicketCompleted, slot, w.Index);
            Retire(slot, TicketState.Completed);
        }

        var result = Ok(slot);
        AutoCallIfIdle(w);
        return result;
    }

    private CommandResult NoShow(in HallCommand command)
    {
        if (!TryWindowTicket(command, WindowState.Calling, WindowState.Calling, out var w, out var slot, out var error))
        {
            return error;
        }

        ref var t = ref T(slot);
        t.NoShows++;
        w.UnansweredCalls++;
        w.Ticket = -1;
        if (t.NoShows >= Definition.NoShow.MaxNoShows)
        {
            Emit(HallEventKind.NoShow, slot, w.Index, 0);
            Retire(slot, TicketState.NoShow);
        }
        else
        {
            t.Rank = RequeueRank(t);
            Emit(HallEventKind.NoShow, slot, w.Index, 1);
            EnqueueForService(slot); // the window is still calling, so it is not offered the ticket back at once
        }

        var result = Ok(slot);
        var pauseAfter = Definition.NoShow.PauseWindowAfter;
        if (pauseAfter > 0 && w.UnansweredCalls >= pauseAfter)
        {
            w.State = WindowState.Idle; // Pause expects an idle window
            Pause(w, $"{w.UnansweredCalls} calls in a row unanswered");
        }
        else
        {
            MakeIdle(w);
            AutoCallIfIdle(w);
        }

        return result;
    }

    /// <summary>
    /// The rank that puts a no-show ticket <see cref="NoShowPolicy.RequeuePlacesBack"/> places back in its
    /// (item, class) queue: just after the N-th ticket waiting there (or after the last, if fewer wait).
    /// </summary>
    private long RequeueRank(in TicketRecord t)
    {
        var placesBack = Definition.NoShow.RequeuePlacesBack;
        var list = ServiceList(t.Service, t.Class);
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
}
