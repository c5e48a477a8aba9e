namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// Fires what is due: wait limits, parked tickets' auto-resume, service- and idle-time limits, and overflow
    /// delays that make a waiting ticket eligible for an idle auto-mode window. Then recomputes <see cref="NextDue"/>.
    /// </summary>
    private CommandResult Tick()
    {
        foreach (var svc in _services)
        {
            if (svc.WaitLimitTicks == 0)
            {
                continue;
            }

            for (var h = _watch.Head(svc.Index); h >= 0 && T(h).EnqueuedAt + svc.WaitLimitTicks <= _now; h = _watch.Head(svc.Index))
            {
                _watch.Remove(h); // alert once per ticket and item
                Emit(HallEventKind.WaitLimitPassed, h, -1, (int)((_now - T(h).EnqueuedAt) / TimeSpan.TicksPerSecond));
            }
        }

        if (_autoResumeTicks > 0)
        {
            for (var h = _watch.Head(ParkedList); h >= 0 && T(h).EnqueuedAt + _autoResumeTicks <= _now; h = _watch.Head(ParkedList))
            {
                Resume(h);
            }
        }

        foreach (var w in _windows)
        {
            if (w.State == WindowState.Serving && !w.ServiceTimeAlerted)
            {
                ref readonly var t = ref T(w.Ticket);
                var limit = _services[t.Service].ServiceTimeLimitTicks;
                if (limit > 0 && t.ServingAt + limit <= _now)
                {
                    w.ServiceTimeAlerted = true;
                    Emit(HallEventKind.ServiceTimePassed, w.Ticket, w.Index, (int)((_now - t.ServingAt) / TimeSpan.TicksPerSecond));
                }
            }
            else if (w.State == WindowState.Idle)
            {
                AutoCallIfIdle(w);
                if (w.State == WindowState.Idle && _idleLimitTicks > 0 && !w.IdleTimeAlerted
                    && w.IdleSince + _idleLimitTicks <= _now && FindBest(w) >= 0)
                {
                    w.IdleTimeAlerted = true;
                    Emit(HallEventKind.IdleTimePassed, -1, w.Index, (int)((_now - w.IdleSince) / TimeSpan.TicksPerSecond));
                }
            }
        }

        _nextDue = ComputeNextDue();
        return new CommandResult { Service = -1 };
    }

    /// <summary>The earliest future instant at which a tick would change something (MaxValue: none known).</summary>
    private long ComputeNextDue()
    {
        var due = long.MaxValue;
        foreach (var svc in _services)
        {
            var h = svc.WaitLimitTicks > 0 ? _watch.Head(svc.Index) : -1;
            if (h >= 0)
            {
                due = Math.Min(due, T(h).EnqueuedAt + svc.WaitLimitTicks);
            }
        }

        var p = _watch.Head(ParkedList);
        if (p >= 0 && _autoResumeTicks > 0)
        {
            due = Math.Min(due, T(p).EnqueuedAt + _autoResumeTicks);
        }

        foreach (var w in _windows)
        {
            if (w.State == WindowState.Serving && !w.ServiceTimeAlerted)
            {
                ref readonly var t = ref T(w.Ticket);
                var limit = _services[t.Service].ServiceTimeLimitTicks;
                if (limit > 0)
                {
                    due = Math.Min(due, t.ServingAt + limit);
                }
            }
            else if (w.State == WindowState.Idle)
            {
                if (_idleLimitTicks > 0 && !w.IdleTimeAlerted && w.IdleSince + _idleLimitTicks > _now)
                {
                    due = Math.Min(due, w.IdleSince + _idleLimitTicks);
                }

                if (w.Auto)
                {
                    due = Math.Min(due, NextOverflowDue(w));
                }
            }
        }

        return due;
    }
}
