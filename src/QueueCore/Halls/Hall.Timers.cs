namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// Fires what is due, earliest first (ties by timer source, so the order is deterministic): wait limits, parked
    /// tickets' return, service- and idle-time limits, and idle auto windows' next look (an overflow delay passed, a
    /// no-show hold ended). Each timer sets its next due instant, so a tick costs O(log timers) per timer fired and
    /// nothing for the ones not due.
    /// </summary>
    private int Tick()
    {
        var services = _services.Length;
        while (_timers.NextDue <= _now)
        {
            var source = _timers.NextSource;
            if (source < services)
            {
                FireWaitLimits(source);
            }
            else if (source == services)
            {
                FireParked();
            }
            else
            {
                var w = _windows[(source - services - 1) >> 1];
                if (((source - services - 1) & 1) == 0)
                {
                    FireAlert(w);
                }
                else
                {
                    FireAuto(w);
                }
            }
        }

        return NoTicket;
    }

    /// <summary>
    /// Each timer source's place among timers due at the same instant: wait limits by item id, then parked tickets, then
    /// each window's alert and auto-call timers by window id. Ids, not list positions, so a hall restored on a
    /// definition that lists its items or windows in another order fires in the same order as the original.
    /// </summary>
    private int[] TimerRanks()
    {
        var services = _services.Length;
        var rank = new int[services + 1 + (2 * _windows.Length)];
        var byId = IndicesById(_serviceIds);
        for (var r = 0; r < byId.Length; r++)
        {
            rank[byId[r]] = r;
        }

        rank[services] = services;
        byId = IndicesById(_windowIds);
        for (var r = 0; r < byId.Length; r++)
        {
            rank[services + 1 + (2 * byId[r])] = services + 1 + (2 * r); // the alert timer (see AlertTimer)
            rank[services + 2 + (2 * byId[r])] = services + 2 + (2 * r); // the auto-call timer
        }

        return rank;
    }

    /// <summary>The dense indices of <paramref name="ids"/>, in the order of the ids.</summary>
    private static int[] IndicesById(int[] ids)
    {
        var indices = new int[ids.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = i;
        }

        Array.Sort((int[])ids.Clone(), indices);
        return indices;
    }

    private void FireWaitLimits(int service)
    {
        var limit = _services[service].WaitLimitTicks;
        for (var h = _watch.Head(service); h >= 0 && Later(T(h).EnqueuedAt, limit) <= _now; h = _watch.Head(service))
        {
            _watch.Remove(h);
            T(h).WaitAlerted = true; // once per ticket and item, however often it comes to wait again for it
            Emit(HallEventKind.WaitLimitPassed, h, -1, Seconds(_now - T(h).EnqueuedAt));
        }

        RearmWatch(service);
    }

    private void FireParked()
    {
        for (var h = _watch.Head(ParkedList); h >= 0 && T(h).ParkDue <= _now; h = _watch.Head(ParkedList))
        {
            Resume(h);
        }

        RearmWatch(ParkedList);
    }

    private void FireAlert(WindowRecord w)
    {
        var timer = AlertTimer(w);
        if (w.State == WindowState.Serving && !w.ServiceTimeAlerted)
        {
            ref readonly var t = ref T(w.Ticket);
            w.ServiceTimeAlerted = true;
            Emit(HallEventKind.ServiceTimePassed, w.Ticket, w.Index, Seconds(_now - t.ServingAt));
            _timers.Set(timer, long.MaxValue);
        }
        else if (w.State == WindowState.Idle && !w.IdleTimeAlerted && FindBest(w) >= 0)
        {
            w.IdleTimeAlerted = true;
            Emit(HallEventKind.IdleTimePassed, -1, w.Index, Seconds(_now - IdleSpellStart(w)));
            _timers.Set(timer, long.MaxValue);
        }
        else if (w.State == WindowState.Idle && !w.IdleTimeAlerted)
        {
            // Past its limit but nothing it may serve waits: look again shortly rather than never (a ticket may come). Not
            // while the day is closed: no ticket can wait until it opens, which sets the timer again (a window left open
            // overnight was looked at every minute, each look a tick the shard applied and its journal wrote).
            _timers.Set(timer, _day == HallDayState.Closed ? long.MaxValue : Later(_now, _idleRecheckTicks));
        }
        else
        {
            _timers.Set(timer, long.MaxValue);
        }
    }

    private void FireAuto(WindowRecord w)
    {
        SetAutoTimer(w, long.MaxValue);
        AutoCallIfIdle(w);
    }

    /// <summary>When the window's idle time, as the idle limit counts it, began: its idle spell, or the day's opening
    /// for a window left open (and idle) since an earlier day.</summary>
    private long IdleSpellStart(WindowRecord w) => Math.Max(w.IdleSince, _dayOpenedAt);
}
