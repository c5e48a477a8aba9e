namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: timers. A tick fires what is due, earliest first; timers due at the same instant fire in a fixed order of
/// sources: items' wait limits (catalog order), parked tickets, then per window (definition order) its alert and then
/// its auto look. A source that fires handles everything it has due (a wait-limit source every ticket of the item past
/// the limit, in the order they joined the queue; the parked source every ticket due back, by return time then parking
/// order). Wait-limit alerts come once per ticket and item; a service-time alert once per service; an idle-time alert
/// once per idle spell, and only while a ticket the window may call waits (until one does, the window is looked at
/// again every minute, or every idle limit if shorter; not while the day is closed, whose opening sets the timer again). An idle auto window looks for a ticket when an overflow ticket
/// becomes eligible for it, or when its no-show hold ends.
/// </remarks>
internal sealed partial class ReferenceScheduler
{
    /// <summary>The earliest instant a tick would change something, or null when nothing is pending.</summary>
    public long? NextDue => Timers().Select(x => (long?)x.Due).DefaultIfEmpty(null).Min();

    private IEnumerable<(long Due, int Source)> Timers()
    {
        var services = _serviceOrder.Count;
        for (var s = 0; s < services; s++)
        {
            var id = _serviceOrder[s];
            if (Waiting.Where(t => t.Service == id && t.WatchDue is not null).Select(t => t.WatchDue!.Value).DefaultIfEmpty(long.MaxValue).Min() is var due
                && due != long.MaxValue)
            {
                yield return (due, s);
            }
        }

        if (_parked.Where(t => t.ParkDue is not null).Select(t => t.ParkDue!.Value)
                .DefaultIfEmpty(long.MaxValue).Min() is var parked && parked != long.MaxValue)
        {
            yield return (parked, services);
        }

        foreach (var w in Windows)
        {
            if ((w.State == WindowState.Serving ? w.ServiceAlertDue : w.State == WindowState.Idle ? w.IdleAlertDue : null) is { } alert)
            {
                yield return (alert, services + 1 + (2 * w.Index));
            }

            if (AutoLookDue(w) is { } look)
            {
                yield return (look, services + 2 + (2 * w.Index));
            }
        }
    }

    /// <summary>When an idle auto window must look again: the first instant after its last look at which an overflow
    /// ticket becomes eligible for it, or the end of its no-show hold while the held ticket waits where it could take it.</summary>
    private long? AutoLookDue(ModelWindow w)
    {
        if (w.State != WindowState.Idle || !w.Auto)
        {
            return null;
        }

        var held = w.Held is { State: TicketState.Waiting } h && (h.QueueWindow is null || h.QueueWindow == w) ? h : null;
        long? due = held is not null && (held.QueueWindow == w || Level(w, held) > 0) ? w.HoldUntil : null;
        foreach (var t in Waiting)
        {
            // The ticket the window holds back cannot be called before the hold ends, even once its overflow delay has
            // passed: a look before then would find nothing new.
            if (t.QueueWindow is null && w.TierOf(t.Service) == 2
                && (t == held ? Math.Max(EligibleAt(w, t), w.HoldUntil) : EligibleAt(w, t)) is var at && at > w.LookedAt && (due is null || at < due))
            {
                due = at;
            }
        }

        return due;
    }

    /// <summary>Whether the ticket has raised its wait-limit alert for the item.</summary>
    public bool WaitAlerted(long ticket, int service) => _waitAlerted.Contains((ticket, service));

    private ModelResult Tick()
    {
        while (Timers().Where(x => x.Due <= Now).OrderBy(x => x.Due).ThenBy(x => x.Source).Select(x => (int?)x.Source).FirstOrDefault() is { } source)
        {
            Fire(source);
        }

        return Ok();
    }

    private void Fire(int source)
    {
        var services = _serviceOrder.Count;
        if (source < services)
        {
            var service = _serviceOrder[source];
            foreach (var t in Waiting.Where(t => t.Service == service && t.WatchDue <= Now).OrderBy(t => t.EnqueuedAt).ThenBy(t => t.JoinOrder).ToList())
            {
                t.WatchDue = null;
                _waitAlerted.Add((t.Id, service));
                Emit(HallEventKind.WaitLimitPassed, t, null, Seconds(Now - t.EnqueuedAt));
            }
        }
        else if (source == services)
        {
            foreach (var t in _parked.Where(t => t.ParkDue <= Now).OrderBy(t => t.ParkDue).ThenBy(t => t.ParkOrder).ToList())
            {
                Resume(t);
            }
        }
        else if ((source - services - 1) % 2 == 0)
        {
            FireAlert(Windows[(source - services - 1) / 2]);
        }
        else
        {
            AutoCall(Windows[(source - services - 1) / 2]);
        }
    }

    private void FireAlert(ModelWindow w)
    {
        if (w.State == WindowState.Serving)
        {
            w.ServiceAlertDue = null;
            Emit(HallEventKind.ServiceTimePassed, w.Current, w, Seconds(Now - w.Current!.ServingAt));
        }
        else if (Choose(w) is not null)
        {
            w.IdleAlertDue = null;
            Emit(HallEventKind.IdleTimePassed, null, w, Seconds(Now - Math.Max(w.IdleSince, DayOpenedAt)));
        }
        else if (Day == ModelDay.Closed)
        {
            w.IdleAlertDue = null; // nothing can wait until the day opens, which sets it again
        }
        else
        {
            var limit = _definition.WindowIdleLimit!.Value.Ticks;
            w.IdleAlertDue = Now + Math.Max(1, Math.Min(limit, TimeSpan.TicksPerMinute));
        }
    }
}
