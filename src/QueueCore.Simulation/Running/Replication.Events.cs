using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

internal sealed partial class Replication
{
    /// <summary>Reads the events of the last command: calls start a service (or a recall of an absent citizen), items
    /// and tickets that end are counted and forgotten. Then starts what was called and keeps the tick scheduled.</summary>
    private void Scan(HallRun h)
    {
        ReadEvents(h);

        // Reads _pendingCount on each turn: a ticket sent off at its call (SendOff) ends at once, and the window's next
        // call joins this list. The list is a ring over the hall's windows: a window is on it at most once until started.
        for (var i = 0; i < _pendingCount; i++)
        {
            StartAt(h, _pending[i & PendingMask]);
        }

        _pendingCount = 0;
        ScheduleTick(h);
    }

    /// <summary>Counts and forgets what the last command ended and notes the windows it called.</summary>
    private void ReadEvents(HallRun h)
    {
        foreach (ref readonly var e in h.Hall.LastEvents)
        {
            switch (e.Kind)
            {
                case HallEventKind.TicketCalled:
                    Called(h, e);
                    break;
                case HallEventKind.NextItem:
                    NextItem(h, e);
                    break;
                case HallEventKind.TicketCompleted:
                    Forget(h, e.Ticket);
                    break;
                case HallEventKind.NoShow when e.Value == 0:
                    Ended(h, e.Ticket, noShow: true);
                    break;
                case HallEventKind.NoShow:
                    h.Tickets.Find(e.Ticket).Phase = TicketPhase.Waiting;
                    break;
                case HallEventKind.Cancelled when e.Value == (int)CancelCause.DayClosedBeforeNextItem:
                    // An item finished after the day closed, and the hall dropped the ticket's later items (nothing may
                    // wait after the close): the finished item was served, and the later ones never came to wait.
                    Forget(h, e.Ticket);
                    break;
                case HallEventKind.Cancelled:
                    Ended(h, e.Ticket, noShow: false);
                    break;
                default:
                    break;
            }
        }
    }

    private void Called(HallRun h, in HallEvent e)
    {
        var w = h.Plan.WindowIndexById[e.Window];
        ref var window = ref h.Windows[w];
        window.Ticket = e.Ticket;
        window.CallAt = _now;
        ref var t = ref h.Tickets.Find(e.Ticket);
        t.Phase = TicketPhase.Called;
        if (!IsAbsent(h, t) && t.Counted)
        {
            var svc = h.Plan.Services[t.Service];
            var wait = _now - t.WaitStart;
            ref var cell = ref _stats.Cell(svc.Global, t.Class, t.WaitStart);
            cell.Served++;
            cell.WaitTicksSum += wait;
            cell.Waited += wait > 0 ? 1 : 0;
            cell.Within += wait <= svc.WaitLimitTicks ? 1 : 0;
            cell.MaxWaitTicks = Math.Max(cell.MaxWaitTicks, wait);
            var bin = WaitHistogram.Bin(wait);
            WaitHistogram.Add(ref cell.Histogram, bin);
            cell.BinsUsed = Math.Max(cell.BinsUsed, bin + 1);
            CallObserver?.Invoke(new CallRecord(h.Plan.Index, t.Id, _plan.ClassIds[t.Class], svc.Id, t.Arrival, t.WaitStart, _now, e.Window));
        }

        _pending[_pendingCount++ & PendingMask] = w;
    }

    /// <summary>Whether the holder will not come to the window for the current item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAbsent(HallRun h, in SimTicket t) =>
        t.Trace >= 0 ? IsAbsent(h.Plan.Trace![t.Trace].Items[t.Item], t.Missed) : t.Absent;

    /// <summary>A traced item's holder misses this call: the item was never served, or that day they missed more calls of it.</summary>
    private static bool IsAbsent(TraceItem item, int missed) => item.HandlingTime is null || missed < item.RecallTimes.Count;

    /// <summary>How long the clerk calls and recalls an absent holder before the no-show: as long as that day did for a
    /// traced call it recorded, else the scenario's <c>recallSeconds</c>.</summary>
    private long RecallTicks(HallRun h, in SimTicket t)
    {
        if (t.Trace >= 0 && h.Plan.Trace![t.Trace].Items[t.Item].RecallTimes is { } recalls && t.Missed < recalls.Count)
        {
            return recalls[t.Missed].Ticks;
        }

        return _plan.RecallTicks;
    }

    /// <summary>The window's clerk starts serving its called ticket, or recalls an absent citizen until the no-show.</summary>
    private void StartAt(HallRun h, int w)
    {
        ref var window = ref h.Windows[w];
        ref var t = ref h.Tickets.Find(window.Ticket);
        if (IsAbsent(h, t))
        {
            _calendar.Push(_now + RecallTicks(h, t), SimEventKind.NoShow, w, window.Ticket);
            return;
        }

        long handling;
        if (t.Trace >= 0)
        {
            var items = h.Plan.Trace![t.Trace].Items;
            if (items[t.Item].Outcome == TraceOutcome.Cancelled && EndsAt(items, t.Item))
            {
                SendOff(h, w, ref t);
                return;
            }

            handling = Math.Max(1, items[t.Item].HandlingTime!.Value.Ticks);
        }
        else
        {
            handling = HandlingTime(h.Plan.Services[t.Service], t.Seed, t.Item);
        }

        Apply(h, HallCommand.StartServing(window.Id));
        _calendar.Push(_now + handling, SimEventKind.Completion, w, window.Ticket);
    }

    /// <summary>
    /// A traced item a clerk cancelled at the window (outcome <see cref="TraceOutcome.Cancelled"/>, no later item of the
    /// ticket served): its holder came to the call (counted served at it) and the clerk cancelled the ticket, as that
    /// day. The ticket ends there with its later items, which the day export marks cancelled too but which never came
    /// to wait; the window takes no time over it and calls on. Serving each cancelled item for no time instead sent the
    /// ticket on to its next item, which then waited and was served as well.
    /// </summary>
    private void SendOff(HallRun h, int w, ref SimTicket t)
    {
        // The window was called in this instant's command, so its clerk's span has not ended (StopTo is Open): a span that
        // ends while a ticket is at the window pauses it at that ticket's end, without a call.
        var ticket = t.Id;
        t.Phase = TicketPhase.SentOff;
        Release(h, w);
        h.Windows[w].Served++;
        if (!Apply(h, HallCommand.Cancel(ticket)).IsSuccess)
        {
            throw new InvalidOperationException($"Window {h.Windows[w].Id} of hall {h.Plan.Definition.Id} could not cancel its called ticket {ticket}.");
        }

        ReadEvents(h); // the ticket ends uncounted, and the window's next call joins the list Scan is starting
    }

    /// <summary>Whether the traced day ended the ticket at <paramref name="item"/>: no later item of it was served (the
    /// day export marks the later items of a ticket cancelled at the window cancelled too).</summary>
    private static bool EndsAt(IReadOnlyList<TraceItem> items, int item)
    {
        for (var i = item + 1; i < items.Count; i++)
        {
            if (items[i].Outcome == TraceOutcome.Served)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The handling time of a ticket's item, from the ticket's own seed (the same work in every variant).</summary>
    private static long HandlingTime(ServicePlan service, ulong seed, int item)
    {
        var random = new Xoshiro256(seed + (ulong)item);
        return service.Handling!.Sample(ref random);
    }

    private void NextItem(HallRun h, in HallEvent e)
    {
        ref var t = ref h.Tickets.Find(e.Ticket);
        t.Item++;
        t.Missed = 0;
        t.Phase = TicketPhase.Waiting;
        t.WaitStart = _now;
        t.Service = (short)h.Plan.ServiceIndexById[e.Service];
        if (t.Counted)
        {
            _stats.Cell(h.Plan.Services[t.Service].Global, t.Class, _now).Arrivals++;
        }
    }

    /// <summary>A ticket ended without being served: no-show dropped, left (abandoned) or cancelled at closing.</summary>
    private void Ended(HallRun h, long ticket, bool noShow)
    {
        ref var t = ref h.Tickets.Find(ticket);
        if (t.Counted && t.Phase != TicketPhase.SentOff) // one sent off at the window was counted served at its call
        {
            ref var cell = ref _stats.Cell(h.Plan.Services[t.Service].Global, t.Class, t.WaitStart);
            if (noShow)
            {
                cell.NoShows++;
            }
            else if (t.Abandoning)
            {
                cell.Abandoned++;
            }
            else
            {
                cell.Unserved++;
            }
        }

        Forget(h, ticket);
    }

    private void Forget(HallRun h, long ticket)
    {
        h.Tickets.Remove(ticket);
        _live--;
    }
}
