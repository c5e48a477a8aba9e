using System.Runtime.CompilerServices;

namespace QueueCore;

public sealed partial class Hall
{
    private int OpenWindow(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return RefuseUnknownWindow(command.Window);
        }

        if (w.State != WindowState.Closed)
        {
            return RefuseWindowState(w, WindowRefusal.AlreadyOpen);
        }

        var clerk = command.Value;
        if (clerk < 0)
        {
            return RefuseInvalid($"Clerk {clerk} is not a staff number; give 0 (none) or more.");
        }

        if (clerk != 0 && _clerks.TryGetValue(clerk, out var other))
        {
            return RefuseClerkBusy(clerk, _windows[other]);
        }

        if (clerk != 0)
        {
            _clerks[clerk] = w.Index;
        }

        w.Clerk = clerk;
        w.ClerkDay = clerk == 0 ? -1 : _clerkDays.IndexOf(clerk); // the one lookup by staff number: calls and finishes add by index
        w.ForgetMessages(WindowRefusal.AlreadyOpen); // it names the clerk
        w.Auto = command.Auto ?? w.Definition.AutoAssign;
        w.UnansweredCalls = 0;
        w.PriorityRun = 0;
        w.NormalOwed = 0;
        CountServers(w, +1);
        Emit(HallEventKind.WindowOpened, -1, w.Index, clerk);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return PushedOrWindow(w);
    }

    private int PauseWindow(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return RefuseUnknownWindow(command.Window);
        }

        var byManager = command.Value == HallCommand.ByManager;
        if (byManager && w.State == WindowState.Paused && w.PausedByManager)
        {
            // Already the manager's: the same answer, as a retry without a request id (or a second manager's click) expects.
            // A new reason replaces the one shown; the same one (or none again) changes nothing and says nothing.
            if (string.Equals(w.PauseReason ?? "", command.Reason ?? "", StringComparison.Ordinal))
            {
                return WindowOnly(w.Index);
            }

            w.PauseReason = command.Reason;
            Emit(HallEventKind.WindowPaused, -1, w.Index, HallEvent.PausedByManager);
            return WindowOnly(w.Index);
        }

        if (byManager && w.State == WindowState.Paused)
        {
            // The manager's pause takes over its clerk's (or the hall's): the clerk no longer resumes it.
            w.PauseReason = command.Reason;
            w.PausedAfterUnanswered = 0;
            w.PausedByManager = true;
            Emit(HallEventKind.WindowPaused, -1, w.Index, HallEvent.PausedByManager);
            return WindowOnly(w.Index);
        }

        if (w.State == WindowState.Closed)
        {
            return RefusePauseClosed(w);
        }

        if (w.State != WindowState.Idle)
        {
            return RefuseWindowState(w, WindowRefusal.HasTicket);
        }

        Pause(w, command.Reason, byManager ? HallEvent.PausedByManager : 0);
        return WindowOnly(w.Index);
    }

    /// <summary>Pauses an open window that holds no ticket; <paramref name="unanswered"/> is 0 for a clerk's pause,
    /// <see cref="HallEvent.PausedByManager"/> for the manager's (the pause event's value either way).</summary>
    private void Pause(WindowRecord w, string? reason, int unanswered)
    {
        LeaveIdle(w);
        EndBusy(w); // paused straight from a call left unanswered
        w.State = WindowState.Paused;
        w.Ticket = -1;
        w.PauseReason = reason;
        w.PausedByManager = unanswered == HallEvent.PausedByManager;
        w.PausedAfterUnanswered = Math.Max(0, unanswered);
        _timers.Set(AlertTimer(w), long.MaxValue);
        CountServers(w, -1);
        Emit(HallEventKind.WindowPaused, -1, w.Index, unanswered);
    }

    private int ResumeWindow(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return RefuseUnknownWindow(command.Window);
        }

        if (w.State != WindowState.Paused)
        {
            return RefuseWindowState(w, WindowRefusal.NotPaused);
        }

        if (w.PausedByManager && command.Value != HallCommand.ByManager)
        {
            return RefusePausedByManager(w);
        }

        w.PauseReason = null;
        w.PausedByManager = false;
        w.UnansweredCalls = 0;
        CountServers(w, +1);
        Emit(HallEventKind.WindowResumed, -1, w.Index);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return PushedOrWindow(w);
    }

    /// <summary>
    /// The result of a command that made <paramref name="w"/> idle in auto mode: the ticket pushed to it at once, if any,
    /// else the window alone. The result is what a retry with the request id answers, so it must say the window is
    /// calling: a terminal that read the window after the command showed its state at the retry, not the first answer.
    /// </summary>
    private int PushedOrWindow(WindowRecord w) => w.State == WindowState.Calling ? w.Ticket : WindowOnly(w.Index);

    private int CloseWindow(in HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return RefuseUnknownWindow(command.Window);
        }

        if (w.State is not (WindowState.Idle or WindowState.Paused))
        {
            return RefuseWindowState(w, WindowRefusal.HasTicket);
        }

        if (w.State == WindowState.Idle)
        {
            LeaveIdle(w);
            CountServers(w, -1);
        }

        w.State = WindowState.Closed;
        w.PauseReason = null;
        w.PausedByManager = false; // the clerk may close a window the manager paused: the shift ends all the same
        _timers.Set(AlertTimer(w), long.MaxValue);
        if (w.Clerk != 0)
        {
            _clerks.Remove(w.Clerk);
        }

        w.Clerk = 0;
        Emit(HallEventKind.WindowClosed, -1, w.Index);

        // Tickets sent to this window go back to their item's queue, keeping their standing (and are offered again).
        // Their citizens never stopped waiting: the wait goes on from when it began, as the longest wait and the wait
        // limit count it (it restarted here, hiding a long wait and putting its alert off by a whole limit).
        for (var slot = _queues.Head(WindowList(w.Index)); slot >= 0; slot = _queues.Head(WindowList(w.Index)))
        {
            var waitingSince = T(slot).EnqueuedAt;
            Dequeue(slot);
            Emit(HallEventKind.Transferred, slot, w.Index);
            EnqueueForService(slot);
            if (T(slot).State == TicketState.Waiting)
            {
                KeepWaitingSince(slot, waitingSince);
            }
        }

        return WindowOnly(w.Index);
    }

    /// <summary>The clerk's resume of a window the hall manager paused: the manager's to end.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefusePausedByManager(WindowRecord w) => Refuse(QueueError.WindowWrongState, w.PauseReason is { Length: > 0 } reason
        ? $"Window {w.Id} was paused by the hall manager ({reason}); only the manager may resume it."
        : $"Window {w.Id} was paused by the hall manager; only the manager may resume it.");

    /// <summary>A pause of a closed window: there is nothing to pause until its clerk opens it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefusePauseClosed(WindowRecord w) => Refuse(QueueError.WindowNotOpen, w.Message(WindowRefusal.PauseClosed,
        static w => $"Window {w.Id} is closed: there is nothing to pause until its clerk opens it."));

    /// <summary>Who paused <paramref name="w"/>, while it is paused.</summary>
    private static WindowPauser PauserOf(WindowRecord w) =>
        w.State != WindowState.Paused ? WindowPauser.None
        : w.PausedByManager ? WindowPauser.Manager
        : w.PausedAfterUnanswered > 0 ? WindowPauser.Hall
        : WindowPauser.Clerk;

    /// <summary>A ticket that went on waiting in another queue has waited since <paramref name="since"/>: its wait and its
    /// place in its item's wait-limit watch list (ordered by when tickets began to wait) say so.</summary>
    private void KeepWaitingSince(int slot, long since)
    {
        ref var t = ref T(slot);
        t.EnqueuedAt = since;
        var list = t.Watch;
        if (list >= 0)
        {
            _watch.Remove(slot);
            _watch.InsertByWaitingSince(list, slot);
            RearmWatch(list);
        }
    }

    /// <summary>
    /// The window has no ticket now: it starts an idle spell (and its idle-time timer). The caller decides when it
    /// calls; every caller lets an auto-mode window look for a ticket (<see cref="AutoCall"/>) before anything else
    /// happens, and it joins the idle index only if it finds none.
    /// </summary>
    private void MakeIdle(WindowRecord w)
    {
        EndBusy(w);
        w.State = WindowState.Idle;
        w.Ticket = -1;
        w.IdleSince = _now;
        w.IdleTimeAlerted = false;
        _timers.Set(AlertTimer(w), _idleLimitTicks > 0 ? Later(_now, _idleLimitTicks) : long.MaxValue);
    }

    /// <summary>
    /// An idle auto-mode window found nothing to call: it joins the index that pushes read (<see cref="Offer"/>).
    /// Joining here rather than on becoming idle spares the index a window that calls at once (the usual case
    /// in a busy hall); no ticket is offered in between, so pushes see the same windows either way. The index is
    /// built on first use: a hall whose windows are closed or manual (most halls of a large deployment at night)
    /// does not carry it.
    /// </summary>
    private void JoinIdleIndex(WindowRecord w)
    {
        if (!w.IdleAuto)
        {
            w.IdleAuto = true;
            (_idle ??= new IdleWindows(_windows, _services.Length, Definition.WindowSelection)).Add(w);
        }
    }

    /// <summary>The window stops being idle: out of the idle index, its auto timer and no-show hold dropped.</summary>
    private void LeaveIdle(WindowRecord w)
    {
        _timers.Set(AutoTimer(w), long.MaxValue);
        w.HeldTicket = 0;
        if (!w.IdleAuto)
        {
            return;
        }

        w.IdleAuto = false;
        _idle!.Remove(w); // it joined, so the index exists
    }

    /// <summary>
    /// Keeps, per item, the number of open windows serving it as primary, and of those serving it as overflow per delay
    /// (for estimates).
    /// </summary>
    private void CountServers(WindowRecord w, int delta)
    {
        foreach (var tier in w.Tiers)
        {
            foreach (var s in tier.Services)
            {
                if (tier.Overflow)
                {
                    _services[s].AddOverflowServers(tier.DelayTicks, delta);
                }
                else
                {
                    _services[s].AddServers(delta);
                }
            }
        }
    }
}
