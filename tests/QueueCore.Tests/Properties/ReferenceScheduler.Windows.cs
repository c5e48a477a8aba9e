namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: windows and the hall day. Closing the day with <see cref="DayClosePolicy.CancelWaiting"/> cancels what
/// waits or is parked; tickets at windows may still be finished (their remaining items are then cancelled) or marked
/// no-show (then dropped); nothing may wait again, so transfers and parking are refused. A new day opens only when no
/// ticket is live. <see cref="DayClosePolicy.ServeRemaining"/> only stops issuing.
/// </remarks>
internal sealed partial class ReferenceScheduler
{
    private ModelResult OpenWindow(HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return ModelResult.Refused(QueueError.UnknownWindow);
        }

        if (w.State != WindowState.Closed)
        {
            return ModelResult.Refused(QueueError.WindowWrongState);
        }

        if (command.Value != 0 && Windows.Any(x => x.State != WindowState.Closed && x.Clerk == command.Value))
        {
            return ModelResult.Refused(QueueError.ClerkBusy);
        }

        w.Clerk = command.Value;
        w.Auto = command.Auto ?? w.Definition.AutoAssign;
        w.Unanswered = 0;
        w.PriorityRun = 0;
        w.NormalOwed = 0;
        Emit(HallEventKind.WindowOpened, null, w, command.Value);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return PushedOrWindow(w);
    }

    /// <summary>
    /// A clerk's pause of an idle window; the manager's also of a paused one: a clerk's (or the hall's) pause becomes the
    /// manager's, and the manager's own is the same answer again (a new reason shown, with an event, the same one silent).
    /// </summary>
    private ModelResult PauseWindow(HallCommand command)
    {
        var byManager = command.Value == HallCommand.ByManager;
        if (byManager && TryWindow(command.Window, out var paused) && paused.State == WindowState.Paused)
        {
            if (paused.PausedByManager && (paused.PauseReason ?? "") == (command.Reason ?? ""))
            {
                return Ok(paused);
            }

            paused.PausedByManager = true;
            paused.PauseReason = command.Reason;
            Emit(HallEventKind.WindowPaused, null, paused, HallEvent.PausedByManager);
            return Ok(paused);
        }

        if (WindowIn(command, out var w, WindowState.Idle) is { } refused)
        {
            return refused;
        }

        Pause(w, byManager ? HallEvent.PausedByManager : 0);
        w.PauseReason = command.Reason;
        return Ok(w);
    }

    private void Pause(ModelWindow w, int unanswered, string? reason = null)
    {
        w.State = WindowState.Paused;
        w.PausedByManager = unanswered == HallEvent.PausedByManager;
        w.PauseReason = reason;
        w.Current = null;
        w.Held = null;
        w.IdleAlertDue = w.ServiceAlertDue = null;
        Emit(HallEventKind.WindowPaused, null, w, unanswered);
    }

    private ModelResult ResumeWindow(HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return ModelResult.Refused(QueueError.UnknownWindow);
        }

        if (w.State != WindowState.Paused || (w.PausedByManager && command.Value != HallCommand.ByManager))
        {
            return ModelResult.Refused(QueueError.WindowWrongState);
        }

        w.PausedByManager = false;
        w.PauseReason = null;
        w.Unanswered = 0;
        Emit(HallEventKind.WindowResumed, null, w);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return PushedOrWindow(w);
    }

    /// <summary>An auto window opened or resumed: the ticket pushed to it at once, or the window alone.</summary>
    private static ModelResult PushedOrWindow(ModelWindow w) => w.State == WindowState.Calling ? Ok(w.Current!, w) : Ok(w);

    /// <summary>Closes an idle or paused window; the tickets in its own queue go back to their items' queues (offered
    /// again), in the order the window would have taken them.</summary>
    private ModelResult CloseWindow(HallCommand command)
    {
        if (WindowIn(command, out var w, WindowState.Idle, WindowState.Paused) is { } refused)
        {
            return refused;
        }

        w.State = WindowState.Closed;
        w.PausedByManager = false; // the clerk may close a window the manager paused
        w.PauseReason = null;
        w.Clerk = 0;
        w.Held = null;
        w.IdleAlertDue = w.ServiceAlertDue = null;
        Emit(HallEventKind.WindowClosed, null, w);
        foreach (var t in Waiting.Where(t => t.QueueWindow == w).OrderBy(t => t.Rank).ThenBy(t => t.Serial).ToList())
        {
            var (since, due) = (t.EnqueuedAt, t.WatchDue);
            RemoveWaiting(t);
            Emit(HallEventKind.Transferred, t, w);
            EnqueueForService(t);
            if (t.State == TicketState.Waiting)
            {
                (t.EnqueuedAt, t.WatchDue) = (since, due); // it goes on waiting: its wait began when it joined the window's queue
            }
        }

        return Ok(w);
    }

    private ModelResult OpenDay()
    {
        if (Day == ModelDay.Open || Live.Count > 0)
        {
            return ModelResult.Refused(QueueError.DayWrongState);
        }

        _sequences.Clear();
        _issuedToday.Clear();
        _calls = 0;
        foreach (var w in Windows)
        {
            w.ServedToday = 0;
            w.HandlingToday = 0;
            w.LastTurn = 0; // turns start over in id order
            w.Unanswered = 0; // a new day's calls in a row start from none
            w.PriorityRun = 0; // and so does the interleave rule's count
            w.NormalOwed = 0;
            if (w.State == WindowState.Idle)
            {
                w.IdleAlertDue = _definition.WindowIdleLimit is { } limit ? Now + limit.Ticks : null; // idle time counts from the day's opening
            }
        }

        DayOpenedAt = Now;
        Day = ModelDay.Open;
        Emit(HallEventKind.DayOpened, null, null);
        return Ok();
    }

    private ModelResult CloseDay(HallCommand command)
    {
        if (Day == ModelDay.Closed || (command.ClosePolicy == DayClosePolicy.ServeRemaining && Day == ModelDay.ServingRemaining))
        {
            return ModelResult.Refused(QueueError.DayWrongState);
        }

        if (command.ClosePolicy == DayClosePolicy.ServeRemaining)
        {
            Day = ModelDay.ServingRemaining;
        }
        else
        {
            foreach (var t in Live.Where(t => t.State is TicketState.Waiting or TicketState.Parked).ToList())
            {
                if (t.State == TicketState.Waiting)
                {
                    RemoveWaiting(t);
                }

                t.ParkDue = null;
                Emit(HallEventKind.Cancelled, t, null, (int)CancelCause.DayClosed);
                Retire(t, TicketState.Cancelled);
            }

            Day = ModelDay.Closed;
        }

        Emit(HallEventKind.DayClosed, null, null, (int)command.ClosePolicy);
        return Ok();
    }
}
