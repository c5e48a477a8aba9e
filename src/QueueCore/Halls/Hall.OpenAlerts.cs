namespace QueueCore;

/// <remarks>This part: the alerts open at a snapshot's time (<see cref="HallSnapshot.OpenAlerts"/>), read from the marks
/// the alerts' events leave (a ticket's, a window's, an item's): nothing is kept for them on the command path.</remarks>
public sealed partial class Hall
{
    /// <summary>The most wait-limit alerts a snapshot lists (<see cref="HallSnapshot.OpenAlerts"/>): the longest waits.</summary>
    public const int SnapshotWaitAlerts = 100;

    /// <summary>
    /// The alerts open at <paramref name="now"/> (the hall's clock or later), in the order
    /// <see cref="HallSnapshot.OpenAlerts"/> gives, with at most <paramref name="waitAlerts"/> wait-limit alerts, and how
    /// many wait-limit alerts are open in all. Costs O(items × classes + windows) plus, in each item queue with a wait
    /// limit, the tickets ranked within the limit's reach (the overdue ones and the priority tickets whose head start
    /// ranks them as early), not the whole queue.
    /// </summary>
    private (OpenAlert[] Alerts, int WaitAlerts) OpenAlerts(long now, int waitAlerts)
    {
        var waits = OverdueAlerted(now);
        waits.Sort(static (a, b) => a.Waited != b.Waited ? b.Waited.CompareTo(a.Waited) : a.Id.CompareTo(b.Id));
        var alerts = new List<OpenAlert>();
        foreach (var (waited, _, slot) in waits.Take(waitAlerts))
        {
            ref readonly var t = ref T(slot);
            alerts.Add(new OpenAlert
            {
                Kind = HallEventKind.WaitLimitPassed, Service = _serviceIds[t.Service], Ticket = t.Id, Number = NumberOf(t),
                Elapsed = new TimeSpan(waited), Limit = new TimeSpan(_services[t.Service].WaitLimitTicks),
                Since = At(Later(t.EnqueuedAt, _services[t.Service].WaitLimitTicks)),
            });
        }

        // The warning's own mark: raised when the queue reached the length, re-armed when it fell below it.
        alerts.AddRange(_services.Where(s => s.WarningRaised).OrderByDescending(s => s.Waiting).ThenBy(s => s.Id).Select(s => new OpenAlert
        {
            Kind = HallEventKind.QueueLengthWarning, Service = s.Id, Waiting = s.Waiting, WarningLength = s.WarningLength,
            Since = s.WarningRaisedAt > 0 ? At(s.WarningRaisedAt) : default,
        }));
        var (serviceTimes, idle) = WindowAlerts(now);
        alerts.AddRange(serviceTimes.OrderByDescending(a => a.Elapsed).ThenBy(a => a.Window));
        alerts.AddRange(idle.OrderByDescending(a => a.Elapsed).ThenBy(a => a.Window));
        return ([.. alerts], waits.Count);
    }

    /// <summary>
    /// The waiting tickets that raised their wait-limit alert for their item and have waited past its limit at
    /// <paramref name="now"/> (a ticket that waits again after its call raised none this time: it counts once its new
    /// wait passes the limit). Item queues are read in rank order only as far as a ticket that joined at the limit's
    /// reach may rank (no ticket ranks later than it joined, plus a tick: see <see cref="EarliestJoined"/>); windows'
    /// own queues, which hold the few tickets sent to one window, whole.
    /// </summary>
    private List<(long Waited, long Id, int Slot)> OverdueAlerted(long now)
    {
        var overdue = new List<(long, long, int)>();
        foreach (var s in _services)
        {
            if (s.WaitLimitTicks == 0)
            {
                continue;
            }

            var reach = now - s.WaitLimitTicks + 1;
            for (var c = 0; c < _classCount; c++)
            {
                for (var x = _queues.Head(ServiceList(s.Index, c)); x >= 0 && T(x).Rank <= reach; x = T(x).Next)
                {
                    AddIfOverdue(x);
                }
            }
        }

        foreach (var w in _windows)
        {
            for (var x = _queues.Head(WindowList(w.Index)); x >= 0; x = T(x).Next)
            {
                AddIfOverdue(x);
            }
        }

        return overdue;

        void AddIfOverdue(int slot)
        {
            ref readonly var t = ref T(slot);
            var limit = _services[t.Service].WaitLimitTicks;
            if (t.WaitAlerted && limit > 0 && now - t.EnqueuedAt >= limit)
            {
                overdue.Add((now - t.EnqueuedAt, t.Id, slot));
            }
        }
    }

    /// <summary>An instant of the hall's clock (UTC ticks) as a time.</summary>
    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>The windows' open service-time and idle-time alerts, in window order.</summary>
    private (List<OpenAlert> ServiceTimes, List<OpenAlert> Idle) WindowAlerts(long now)
    {
        var (serviceTimes, idle) = (new List<OpenAlert>(), new List<OpenAlert>());
        foreach (var w in _windows)
        {
            if (w.State == WindowState.Serving && w.ServiceTimeAlerted)
            {
                ref readonly var t = ref T(w.Ticket);
                var limit = _services[t.Service].ServiceTimeLimitTicks;
                if (limit > 0 && now - t.ServingAt >= limit)
                {
                    serviceTimes.Add(new OpenAlert
                    {
                        Kind = HallEventKind.ServiceTimePassed, Service = _serviceIds[t.Service], Window = w.Id, Ticket = t.Id,
                        Number = NumberOf(t), Elapsed = new TimeSpan(now - t.ServingAt), Limit = new TimeSpan(limit),
                        Since = At(Later(t.ServingAt, limit)),
                    });
                }
            }
            else if (w.State == WindowState.Idle && w.IdleTimeAlerted && _day != HallDayState.Closed
                && _idleLimitTicks > 0 && now - IdleSpellStart(w) >= _idleLimitTicks)
            {
                // Not while the day is closed: no ticket can wait then, and the day's opening starts a new idle count.
                idle.Add(new OpenAlert
                {
                    Kind = HallEventKind.IdleTimePassed, Service = -1, Window = w.Id,
                    Elapsed = new TimeSpan(now - IdleSpellStart(w)), Limit = new TimeSpan(_idleLimitTicks),
                    Since = At(Later(IdleSpellStart(w), _idleLimitTicks)),
                });
            }
        }

        return (serviceTimes, idle);
    }
}
