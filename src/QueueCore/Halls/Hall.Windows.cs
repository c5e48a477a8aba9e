namespace QueueCore;

public sealed partial class Hall
{
    private CommandResult OpenWindow(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w, out var error))
        {
            return error;
        }

        if (w.State != WindowState.Closed)
        {
            return CommandResult.Fail(QueueError.WindowWrongState, $"Window {w.Id} is already open (clerk {w.Clerk}).");
        }

        var clerk = command.Value;
        if (clerk != 0 && _clerks.TryGetValue(clerk, out var other))
        {
            return CommandResult.Fail(QueueError.ClerkBusy, $"Clerk {clerk} is already at window {_windows[other].Id}; close it first.");
        }

        if (clerk != 0)
        {
            _clerks[clerk] = w.Index;
        }

        w.Clerk = clerk;
        w.Auto = command.Auto;
        w.UnansweredCalls = 0;
        w.PriorityRun = 0;
        CountServers(w, +1);
        Emit(HallEventKind.WindowOpened, -1, w.Index, clerk);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return OkWindow(w);
    }

    private CommandResult PauseWindow(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w, out var error))
        {
            return error;
        }

        if (w.State != WindowState.Idle)
        {
            return WindowStateError(w, "has a ticket; finish, park or transfer it before pausing");
        }

        Pause(w, command.Reason);
        return OkWindow(w);
    }

    private void Pause(WindowRecord w, string? reason)
    {
        LeaveIdle(w);
        w.State = WindowState.Paused;
        w.PauseReason = reason;
        w.Version++;
        CountServers(w, -1);
        Emit(HallEventKind.WindowPaused, -1, w.Index, 0, reason);
    }

    private CommandResult ResumeWindow(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w, out var error))
        {
            return error;
        }

        if (w.State != WindowState.Paused)
        {
            return CommandResult.Fail(QueueError.WindowWrongState, w.Message("not paused", static (w, _) => $"Window {w.Id} is not paused (it is {WindowRecord.StateName(w.State)})."));
        }

        w.PauseReason = null;
        w.UnansweredCalls = 0;
        CountServers(w, +1);
        Emit(HallEventKind.WindowResumed, -1, w.Index);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return OkWindow(w);
    }

    private CommandResult CloseWindow(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w, out var error))
        {
            return error;
        }

        if (w.State is not (WindowState.Idle or WindowState.Paused))
        {
            return WindowStateError(w, "has a ticket; finish, park or transfer it before closing");
        }

        if (w.State == WindowState.Idle)
        {
            LeaveIdle(w);
            CountServers(w, -1);
        }

        w.State = WindowState.Closed;
        w.Version++;
        w.PauseReason = null;
        if (w.Clerk != 0)
        {
            _clerks.Remove(w.Clerk);
        }

        w.Clerk = 0;
        Emit(HallEventKind.WindowClosed, -1, w.Index);

        // Tickets sent to this window go back to their item's queue, keeping their standing.
        for (var slot = _queues.Head(WindowList(w.Index)); slot >= 0; slot = _queues.Head(WindowList(w.Index)))
        {
            Dequeue(slot);
            Emit(HallEventKind.Transferred, slot, w.Index);
            EnqueueForService(slot);
        }

        return OkWindow(w);
    }

    /// <summary>The window has no ticket now; an auto-mode window joins the idle list (the caller decides when it calls).</summary>
    private void MakeIdle(WindowRecord w)
    {
        w.State = WindowState.Idle;
        w.Ticket = -1;
        w.IdleSince = _now;
        w.IdleTimeAlerted = false;
        w.Version++;
        if (w.Auto && w.IdleAutoIndex < 0)
        {
            w.IdleAutoIndex = _idleAutoCount;
            _idleAuto[_idleAutoCount++] = w.Index;
        }

        if (_idleLimitTicks > 0)
        {
            NoteDue(_now + _idleLimitTicks);
        }
    }

    private void LeaveIdle(WindowRecord w)
    {
        if (w.IdleAutoIndex < 0)
        {
            return;
        }

        var last = _idleAuto[--_idleAutoCount];
        _idleAuto[w.IdleAutoIndex] = last;
        _windows[last].IdleAutoIndex = w.IdleAutoIndex;
        w.IdleAutoIndex = -1;
    }

    /// <summary>Keeps, per item, the number of open windows serving it as primary (for estimates).</summary>
    private void CountServers(WindowRecord w, int delta)
    {
        foreach (var tier in w.Profile.Tiers)
        {
            if (tier.Overflow)
            {
                continue;
            }

            foreach (var s in tier.Services)
            {
                _services[s].OpenServers += delta;
            }
        }
    }
}
