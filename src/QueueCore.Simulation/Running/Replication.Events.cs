using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

internal sealed partial class Replication
{
    /// <summary>Reads the events of the last command: calls start a service (or a recall of an absent citizen), items
    /// and tickets that end are counted and forgotten. Then starts what was called and keeps the tick scheduled.</summary>
    private void Scan(HallRun h)
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

        for (var i = 0; i < _pendingCount; i++)
        {
            StartAt(h, _pending[i]);
        }

        _pendingCount = 0;
        ScheduleTick(h);
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

        _pending[_pendingCount++] = w;
    }

    /// <summary>Whether the holder will not come to the window for the current item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAbsent(HallRun h, in SimTicket t) =>
        t.Trace >= 0 ? h.Plan.Trace![t.Trace].Items[t.Item].HandlingTime is null : t.Absent;

    /// <summary>The window's clerk starts serving its called ticket, or recalls an absent citizen until the no-show.</summary>
    private void StartAt(HallRun h, int w)
    {
        ref var window = ref h.Windows[w];
        ref var t = ref h.Tickets.Find(window.Ticket);
        if (IsAbsent(h, t))
        {
            _calendar.Push(_now + _plan.RecallTicks, SimEventKind.NoShow, w, window.Ticket);
            return;
        }

        var handling = t.Trace >= 0
            ? Math.Max(1, h.Plan.Trace![t.Trace].Items[t.Item].HandlingTime!.Value.Ticks)
            : HandlingTime(h.Plan.Services[t.Service], t.Seed, t.Item);
        Apply(h, HallCommand.StartServing(window.Id));
        _calendar.Push(_now + handling, SimEventKind.Completion, w, window.Ticket);
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
        if (t.Counted)
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
