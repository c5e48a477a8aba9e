namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: tickets coming to wait, calls, and the push to idle auto windows. Every way a ticket comes to wait in its
/// item's queue offers it to the idle auto windows that may take it now, in order (dedicated to its class, primary,
/// primary but dedicated to another class, overflow past the delay; then the hall's selection; then window id); each
/// window offered it calls its own best ticket, so the offer goes on until the ticket is called or no idle auto window
/// is left that may take it. A ticket sent to a window's own queue is that window's alone.
/// </remarks>
internal sealed partial class ReferenceScheduler
{
    private void Emit(HallEventKind kind, ModelTicket? t, ModelWindow? w, int value = 0) =>
        _events.Add(new ModelEvent(kind, t?.Id ?? 0, w?.Id ?? 0, t?.Service ?? -1, value));

    private static int Seconds(long ticks) => (int)Math.Min(int.MaxValue, ticks / TimeSpan.TicksPerSecond);

    /// <summary>The ticket joins its current item's queue (keeping its rank) and is offered to idle auto windows.</summary>
    private void EnqueueForService(ModelTicket t, ModelWindow? except = null)
    {
        Join(t, null);
        Offer(t, except);
    }

    /// <summary>The ticket joins a window's own queue; an idle auto window calls at once (even a ticket it held back
    /// after a no-show there: it was handed to it on purpose).</summary>
    private void EnqueueForWindow(ModelTicket t, ModelWindow w)
    {
        if (w.Held == t)
        {
            w.Held = null;
        }

        Join(t, w);
        AutoCallIfIdle(w);
    }

    private void Join(ModelTicket t, ModelWindow? queueWindow)
    {
        t.State = TicketState.Waiting;
        t.Window = null;
        t.QueueWindow = queueWindow;
        t.EnqueuedAt = Now;
        t.JoinOrder = ++_joins;
        var limit = _services[t.Service].WaitLimit;
        t.WatchDue = limit is { } l && !_waitAlerted.Contains((t.Id, t.Service)) ? Now + l.Ticks : null;
        Waiting.Add(t);
    }

    private void RemoveWaiting(ModelTicket t)
    {
        Waiting.Remove(t);
        t.QueueWindow = null;
        t.WatchDue = null;
    }

    private void Offer(ModelTicket t, ModelWindow? except)
    {
        var tried = new HashSet<ModelWindow>();
        if (except is not null)
        {
            tried.Add(except);
        }

        while (t.State == TicketState.Waiting)
        {
            ModelWindow? chosen = null;
            var chosenGroup = int.MaxValue;
            foreach (var w in Windows)
            {
                if (w.State != WindowState.Idle || !w.Auto || tried.Contains(w))
                {
                    continue;
                }

                var group = OfferGroup(w, t);
                if (group >= 0 && (chosen is null || group < chosenGroup || (group == chosenGroup && Preferred(w, chosen))))
                {
                    (chosen, chosenGroup) = (w, group);
                }
            }

            if (chosen is null)
            {
                return;
            }

            tried.Add(chosen);
            AutoCall(chosen);
        }
    }

    /// <summary>The order in which idle auto windows are offered a ticket; -1: it may not take it now.</summary>
    private int OfferGroup(ModelWindow w, ModelTicket t) => (w.TierOf(t.Service), Level(w, t)) switch
    {
        (1, _) when w.Dedicated == t.Class => 0,
        (1, _) when w.Dedicated < 0 => 1,
        (1, _) => 2,
        (2, 2) => 3,
        _ => -1,
    };

    private bool Preferred(ModelWindow a, ModelWindow b)
    {
        var (ka, kb) = _definition.WindowSelection switch
        {
            WindowSelection.LongestIdle => (a.IdleSince, b.IdleSince),
            WindowSelection.FewestServed => (a.ServedToday, b.ServedToday),
            WindowSelection.LeastBusy => (a.HandlingToday, b.HandlingToday),
            WindowSelection.RoundRobin => (a.LastTurn, b.LastTurn),
            _ => (0L, 0L),
        };
        return ka < kb || (ka == kb && a.Id < b.Id);
    }

    /// <summary>
    /// The ticket an auto window holds back after marking it a no-show, if it waits in its item's queue or this window's
    /// own queue. The hold lasts
    /// <see cref="NoShowPolicy.CallBackAfter"/> while the window stays idle, wherever the ticket goes meanwhile (another
    /// window may call it and mark it a no-show again: this window still does not call it straight back).
    /// </summary>
    private ModelTicket? ActiveHold(ModelWindow w)
    {
        if (w.Held is not null && Now >= w.HoldUntil)
        {
            w.Held = null;
        }

        return w.Held is { State: TicketState.Waiting } held && (held.QueueWindow is null || held.QueueWindow == w) ? held : null;
    }

    /// <summary>An idle auto window calls its best ticket (other than one it holds back), if any.</summary>
    private void AutoCall(ModelWindow w)
    {
        w.LookedAt = Now;
        if (Choose(w, w.NormalOwed, Waiting, ActiveHold(w), out var normalWaited) is { } t)
        {
            Call(w, t, normalWaited);
        }
    }

    private void AutoCallIfIdle(ModelWindow w)
    {
        if (w.State == WindowState.Idle && w.Auto)
        {
            AutoCall(w);
        }
    }

    private void Call(ModelWindow w, ModelTicket t, bool normalWaited)
    {
        t.CalledFromWindowQueue = t.QueueWindow == w;
        RemoveWaiting(t);
        t.State = TicketState.Called;
        t.Window = w;
        t.Recalls = 0;
        t.ServingAt = Now; // a finish straight from the call counts the service from here
        w.State = WindowState.Calling;
        w.LastTurn = ++_calls;
        w.Current = t;
        ExpectEnd(w);
        w.Held = null;
        w.IdleAlertDue = null;
        if (t.Class == _normal && w.NormalOwed > 0)
        {
            OwedNormalCalls++;
            LaterOwedNormalCalls += w.NormalOwed < _interleaveNormal ? 1 : 0;
        }

        CountCall(ref w.PriorityRun, ref w.NormalOwed, t.Class, normalWaited);
        Emit(HallEventKind.TicketCalled, t, w);
    }

    /// <summary>The window has no ticket now: an idle spell starts (and its idle-time alert is armed).</summary>
    private void MakeIdle(ModelWindow w)
    {
        w.State = WindowState.Idle;
        w.Current = null;
        w.IdleSince = Now;
        w.ServiceAlertDue = null;
        w.IdleAlertDue = _definition.WindowIdleLimit is { } limit ? Now + limit.Ticks : null;
    }

    private void Retire(ModelTicket t, TicketState state)
    {
        t.State = state;
        t.Window = null;
        _parked.Remove(t);
        Live.Remove(t);
        RecentlyRetired.Enqueue(t);
        if (RecentlyRetired.Count > 64)
        {
            RecentlyRetired.Dequeue();
        }
    }

    /// <summary>Finishes the window's current item: the ticket goes on to its next item (or completes, or after a
    /// cancelling day close is cancelled); the window becomes idle last.</summary>
    private void FinishItem(ModelWindow w)
    {
        var t = w.Current!;
        w.ServedToday++;
        w.HandlingToday += Now - t.ServingAt;
        CountHandling(t.Service, Now - t.ServingAt);
        w.Unanswered = 0; // served, from its call or its start: the call was answered
        Emit(HallEventKind.ServiceFinished, t, w);
        t.ItemIndex++;
        if (t.ItemIndex < t.Items.Count && Day == ModelDay.Closed)
        {
            Emit(HallEventKind.Cancelled, t, w, (int)CancelCause.DayClosedBeforeNextItem);
            Retire(t, TicketState.Cancelled);
        }
        else if (t.ItemIndex < t.Items.Count)
        {
            t.Service = t.Items[t.ItemIndex];
            t.NoShows = 0; // no-shows count per item
            _waitAlerted.Remove((t.Id, t.Service));
            Emit(HallEventKind.NextItem, t, null);
            EnqueueForService(t);
        }
        else
        {
            Emit(HallEventKind.TicketCompleted, t, w);
            Retire(t, TicketState.Completed);
        }

        MakeIdle(w);
    }

    /// <summary>A parked ticket comes back with the resume bonus: to the parking window's own queue if the policy says so
    /// and that window is not closed, else to its item's queue.</summary>
    private void Resume(ModelTicket t)
    {
        t.Rank -= _resumeBonus;
        t.ParkDue = null;
        _parked.Remove(t);
        var parkedBy = t.Window;
        Emit(HallEventKind.Resumed, t, parkedBy);
        if (_definition.Park.ReturnToSameWindow && parkedBy is not null && parkedBy.State != WindowState.Closed)
        {
            EnqueueForWindow(t, parkedBy);
        }
        else
        {
            EnqueueForService(t);
        }
    }

    /// <summary>The rank that puts a no-show ticket N places back in its (item, class) queue, or in the own queue of
    /// <paramref name="queueWindow"/>: just after the N-th ticket waiting there (or the last, if fewer wait), never ahead
    /// of where it stood.</summary>
    private long RequeueRank(ModelTicket t, ModelWindow? queueWindow)
    {
        var back = _definition.NoShow.RequeuePlacesBack;
        var same = Waiting.Where(x => queueWindow is null ? x.QueueWindow is null && x.Service == t.Service && x.Class == t.Class : x.QueueWindow == queueWindow)
            .OrderBy(x => x.Rank).ThenBy(x => x.Serial).ToList();
        return back == 0 || same.Count == 0 ? t.Rank : Math.Max(t.Rank, same[Math.Min(back, same.Count) - 1].Rank + 1);
    }

    /// <summary>
    /// A waiting ticket's position (<see cref="CommandResult.Position"/>): how many tickets waiting in the same queue (its
    /// item's, or the window's own it was sent to) rank ahead of it, of any class, by rank alone. Null where the hall may
    /// estimate it (a queue of more than 32 tickets).
    /// </summary>
    public int? PositionOf(long ticket)
    {
        var t = All[ticket];
        var queue = Waiting.Where(u => u.QueueWindow == t.QueueWindow && (t.QueueWindow is not null || u.Service == t.Service)).ToList();
        return queue.Count > 32 ? null : queue.Count(u => Less(u, t));
    }
}
