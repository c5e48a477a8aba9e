namespace QueueCore.Simulation;

internal sealed partial class Replication
{
    /// <summary>A window's staffed span starts: it opens (or resumes after a break) in auto mode, so the hall pushes
    /// tickets to it. If the clerk never got away (a service ran through the break), they simply stay.</summary>
    private void OpenWindow(HallRun h, int w, int span)
    {
        ref var window = ref h.Windows[w];
        var plan = h.Plan.Windows[w];
        _calendar.Push(plan.Open[span].To, SimEventKind.WindowStop, w, span);
        if (window.Phase == WindowPhase.Open)
        {
            window.StopTo = WindowPhase.Open;
            return;
        }

        var command = window.Phase == WindowPhase.Closed ? HallCommand.OpenWindow(plan.Id, 0, auto: true) : HallCommand.ResumeWindow(plan.Id);
        window.Phase = WindowPhase.Open;
        window.OpenSince = _now;
        Apply(h, command);
        Scan(h);
    }

    /// <summary>A window's span ends: an idle window pauses (closes after its last span) now, a busy one after its ticket.</summary>
    private void StopWindow(HallRun h, int w, int span)
    {
        ref var window = ref h.Windows[w];
        var plan = h.Plan.Windows[w];
        var last = span == plan.Open.Length - 1;
        if (!last)
        {
            _calendar.Push(plan.Open[span + 1].From, SimEventKind.WindowOpen, w, span + 1);
        }

        var to = last ? WindowPhase.Closed : WindowPhase.Paused;
        if (window.Ticket != 0)
        {
            window.StopTo = to;
            return;
        }

        Leave(h, w, to);
        Apply(h, last ? HallCommand.CloseWindow(plan.Id) : HallCommand.PauseWindow(plan.Id));
        Scan(h);
    }

    private void Leave(HallRun h, int w, WindowPhase to)
    {
        ref var window = ref h.Windows[w];
        window.OpenTicks += _now - window.OpenSince;
        ReplicationStats.AddSpan(_stats.HourOpen, window.OpenSince, _now);
        window.Phase = to;
        window.StopTo = WindowPhase.Open;
    }

    /// <summary>The window's ticket is done at the window (served, or its holder never came).</summary>
    private void Release(HallRun h, int w)
    {
        ref var window = ref h.Windows[w];
        window.BusyTicks += _now - window.CallAt;
        ReplicationStats.AddSpan(_stats.HourBusy, window.CallAt, _now);
        window.Ticket = 0;
    }

    private void Complete(HallRun h, int w, long ticket)
    {
        ref var window = ref h.Windows[w];
        if (window.Ticket != ticket)
        {
            throw new InvalidOperationException($"Window {h.Plan.Windows[w].Id} of hall {h.Plan.Definition.Id} finished ticket {ticket} but holds {window.Ticket}.");
        }

        Release(h, w);
        window.Served++;
        Finish(h, w);
    }

    /// <summary>The window finishes its ticket's item and calls on, or leaves if its span has ended.</summary>
    private void Finish(HallRun h, int w)
    {
        ref var window = ref h.Windows[w];
        var id = window.Id;
        var stop = window.StopTo;
        if (stop == WindowPhase.Open)
        {
            Apply(h, HallCommand.Finish(id)); // an auto window calls (or is pushed) its next ticket at once
            Scan(h);
            return;
        }

        Leave(h, w, stop);
        Apply(h, HallCommand.FinishAndPause(id, "shift"));
        if (stop == WindowPhase.Closed)
        {
            Scan(h);
            Apply(h, HallCommand.CloseWindow(id));
        }

        Scan(h);
    }

    private void MarkNoShow(HallRun h, int w, long ticket)
    {
        ref var window = ref h.Windows[w];
        if (window.Ticket != ticket)
        {
            return;
        }

        Release(h, w);
        ref var t = ref h.Tickets.Find(ticket);
        if (t.Trace >= 0)
        {
            // The last missed call that day recorded of an item never served: the ticket goes on to its next item, if
            // that day served one. A missed call of an item served later re-queues it, as that day.
            var items = h.Plan.Trace![t.Trace].Items;
            if (items[t.Item].HandlingTime is null && t.Missed + 1 >= items[t.Item].RecallTimes.Count && ServedLater(items, t.Item))
            {
                SkipTracedItem(h, w, ref t);
                return;
            }

            t.Missed = (byte)Math.Min(t.Missed + 1, byte.MaxValue);
        }

        var id = window.Id;
        var stop = window.StopTo;
        if (stop == WindowPhase.Open)
        {
            Apply(h, HallCommand.NoShow(id)); // the hall re-queues or drops it, and the window calls on
            Scan(h);
            return;
        }

        // The clerk's span ended while they called the absent citizen: they mark the no-show and leave. A plain no-show
        // let the hall push the next ticket to the auto window, and the clerk served on after their shift while that
        // citizen could have waited for a window on shift.
        Leave(h, w, stop);
        Apply(h, HallCommand.NoShowAndPause(id, "shift"));
        if (stop == WindowPhase.Closed)
        {
            Scan(h);
            Apply(h, HallCommand.CloseWindow(id));
        }

        Scan(h);
    }

    /// <summary>Whether the real day served an item of the ticket after <paramref name="item"/>: then it went on to it.</summary>
    private static bool ServedLater(IReadOnlyList<TraceItem> items, int item)
    {
        for (var i = item + 1; i < items.Count; i++)
        {
            if (items[i].HandlingTime is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A traced item the real day did not serve, with a served item after it: the holder did not come for it, and the ticket
    /// goes on to its next item as it did that day (the trace has rows for them), rather than the engine's no-show,
    /// which would re-queue the item and then drop the ticket with every item left. The item counts as a no-show.
    /// </summary>
    private void SkipTracedItem(HallRun h, int w, ref SimTicket t)
    {
        if (t.Counted)
        {
            _stats.Cell(h.Plan.Services[t.Service].Global, t.Class, t.WaitStart).NoShows++;
        }

        Apply(h, HallCommand.StartServing(h.Windows[w].Id)); // served for no time: the hall moves the ticket on
        Finish(h, w);
    }
}
