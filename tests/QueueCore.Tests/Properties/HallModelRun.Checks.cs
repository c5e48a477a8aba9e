namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: what is compared after every command. The hall and the model give the same result (error code, or ticket,
/// state and window) and the same events in the same order (the tickets a closing day cancels in any order, wait-limit
/// alerts in order per item); the hall's clock is the model's; the same tickets wait, in each item's queue in the same
/// order, and every window's queue view lists exactly what the model says the window would call, in order; the same
/// windows hold the same tickets, the same tickets are parked; no ticket is at two windows, no live number is given
/// twice, no number twice in a day, no item is finished twice; every ticket is in exactly one place; and the hall's
/// <see cref="Hall.NextDue"/> is never later than (nor null before) a timer the model has pending.
/// </remarks>
internal sealed partial class HallModelRun
{
    private void Apply(HallCommand command, DateTimeOffset at, int window = 0)
    {
        var heldBefore = _model.Windows.Where(w => w.Held is not null).Select(w => (w.Id, w.Held!.Id)).ToHashSet();
        var shownAt = command.Ticket == 0 ? 0 : _model.Windows.Find(w => w.Current?.Id == command.Ticket)?.Id ?? 0;
        var r = ApplyToHall(command, at);
        var actual = _hall.LastEvents.ToArray().Where(e => ModelEvent.Followed(e.Kind)).Select(e => ModelEvent.Of(e)).ToList();
        var m = _model.Apply(command, at, command.Kind == CommandKind.IssueTicket ? r.Ticket : 0);
        var expected = _model.LastEvents.ToList();
        Remember(command, at, r, actual);
        CompareResult(command, r, m);
        if (command.Kind == CommandKind.CloseDay)
        {
            actual = [.. actual.OrderBy(e => e.Kind).ThenBy(e => e.Ticket)];
            expected = [.. expected.OrderBy(e => e.Kind).ThenBy(e => e.Ticket)];
        }
        else
        {
            // Wait-limit alerts come in the order tickets joined each item's queue; items' alerts may interleave otherwise.
            actual = WaitAlertsByItem(actual);
            expected = WaitAlertsByItem(expected);
        }

        Require(expected.SequenceEqual(actual), () =>
            $"{command.Kind} gave events\n  {string.Join("\n  ", actual)}\nthe model expected\n  {string.Join("\n  ", expected)}");
        Count(command, expected, heldBefore);
        CountSituations(command, r, expected);
        CountNamed(command, r, shownAt);
        if (command.Kind == CommandKind.Tick && expected.Count == 0)
        {
            CheckNextDue(); // nothing happened (a timer looked and found nothing to do): only the timers may have moved
            return;
        }

        CheckState(window);
    }

    private static List<ModelEvent> WaitAlertsByItem(List<ModelEvent> events) =>
    [
        .. events.Where(e => e.Kind != HallEventKind.WaitLimitPassed),
        .. events.Where(e => e.Kind == HallEventKind.WaitLimitPassed).OrderBy(e => e.Service),
    ];

    private void CompareResult(HallCommand command, CommandResult r, ModelResult m)
    {
        // A long-finished ticket may have left the hall's memory (RetainedCompletedTickets); the model never forgets.
        var forgotten = r.Error == QueueError.UnknownTicket && _model.All.TryGetValue(command.Ticket, out var old) && !old.IsLive;
        Require(r.Error == m.Error || forgotten, () => $"{Describe(command)}: the hall says {r}, the model {m}");
        if (!r.IsSuccess)
        {
            Stats.Refusals.Add(r.Error);
            return;
        }

        Require((r.Ticket, r.State, r.Window) == (m.Ticket, m.State, m.Window), () => $"{Describe(command)}: the hall says {r}, the model {m}");
        if (r.State == TicketState.Waiting && _model.PositionOf(r.Ticket) is { } position)
        {
            Require(r.Position == position, () => $"{Describe(command)}: the hall says {r} at position {r.Position}, the model {position}");
        }

        if (command.Kind == CommandKind.IssueTicket)
        {
            var number = _model.All[r.Ticket].Number;
            Require(r.Number.ToString() == number, () => $"ticket {r.Ticket} is numbered {r.Number}, the model says {number}");
            Require(_numbersToday.Add(number), () => $"number {number} issued twice in one day");
        }
        else if (command.Kind == CommandKind.OpenDay)
        {
            _numbersToday.Clear();
        }
    }

    private static string Describe(HallCommand c) => c.Kind switch
    {
        CommandKind.IssueTicket => $"IssueTicket [{string.Join(",", c.Services.AsSpan().ToArray())}] {c.PriorityClass}",
        CommandKind.Park => $"Park window {c.Window} return {c.ReturnAt:HH:mm:ss}",
        CommandKind.CloseDay => $"CloseDay {c.ClosePolicy}",
        _ => $"{c.Kind} window {c.Window} ticket {c.Ticket} value {c.Value}",
    };

    /// <summary>Before a call-next: FIFO within (item, class), and the max-wait guarantee, checked on the model's choice
    /// without the model's dispatch code (the hall's call is then compared with that choice).</summary>
    private void CheckCallNextChoice(ModelWindow w)
    {
        if (w.State != WindowState.Idle || _model.Choose(w) is not { } called)
        {
            return;
        }

        var fromOwnQueue = called.QueueWindow == w;
        Require(fromOwnQueue || !_model.Waiting.Any(u => u != called && u.QueueWindow is null && u.Service == called.Service
            && u.Class == called.Class && ReferenceScheduler.Less(u, called)), () => $"window {w.Id} would call {called} out of FIFO order");
        var mayTake = _model.Waiting.Where(u => u.QueueWindow == w || (u.QueueWindow is null && _model.Level(w, u) > 0)).ToList();
        Require(_model.Overdue(called) || !mayTake.Any(_model.Overdue), () => $"window {w.Id} would call {called} while an overdue ticket it may take waits");
        Assert.Equal(called.Id, _model.WindowOrder(w)[0].Id);

        Stats.Overdue += _model.Overdue(called) ? 1 : 0;
        Stats.Overflow += !fromOwnQueue && _model.Level(w, called) == 2 ? 1 : 0;
        Stats.OwnQueueCalls += fromOwnQueue ? 1 : 0;
        Stats.InterleaveCalls += w.NormalOwed > 0 && called.Class == _model.Normal ? 1 : 0;
        Stats.OverflowAfterDelay += !fromOwnQueue && _model.Level(w, called) == 2 && w.Skills[called.Service].Delay > 0 ? 1 : 0;
        Stats.PriorityOverEarlierNormal += called.Class != _model.Normal && mayTake.Any(u => u.Class == _model.Normal && u.Serial < called.Serial) ? 1 : 0;
    }

    /// <summary>Counts the pausing finishes and no-shows, and the commands naming a ticket a window shows (<paramref name="shownAt"/>, 0: none).</summary>
    private void CountNamed(HallCommand command, CommandResult r, int shownAt)
    {
        var pausing = command.Value == 1 && command.Kind is CommandKind.Finish or CommandKind.NoShow; // FinishThenPause, NoShowThenPause
        Stats.FinishAndPauses += pausing && command.Kind == CommandKind.Finish && r.IsSuccess ? 1 : 0;
        Stats.NoShowAndPauses += pausing && command.Kind == CommandKind.NoShow && r.IsSuccess ? 1 : 0;
        var namesItsOwn = shownAt != 0 && shownAt == command.Window && r.IsSuccess;
        Stats.RecallsOfShown += namesItsOwn && command.Kind == CommandKind.Recall ? 1 : 0;
        Stats.TransfersOfShown += namesItsOwn && command.Kind is CommandKind.TransferToService or CommandKind.TransferToWindow ? 1 : 0;
        Stats.OthersOfShown += namesItsOwn && command.Kind is CommandKind.Finish or CommandKind.NoShow or CommandKind.StartServing ? 1 : 0;
        Stats.CallsOfShown += command.Kind == CommandKind.CallTicket && shownAt != 0 ? 1 : 0;
        Stats.NamedOther += command.Ticket != 0 && command.Window != 0 && command.Kind != CommandKind.CallTicket && shownAt != command.Window && r.Error == QueueError.TicketWrongState ? 1 : 0;
    }

    private void Count(HallCommand command, List<ModelEvent> events, HashSet<(int Window, long Ticket)> heldBefore)
    {
        var tick = command.Kind == CommandKind.Tick;
        Stats.Steps = _step;
        Stats.Ticks += tick ? 1 : 0;
        foreach (var e in events)
        {
            var auto = e.Window != 0 && _model.WindowOf(e.Window).Auto;
            switch (e.Kind)
            {
                case HallEventKind.TicketCalled:
                    Stats.Calls++;
                    Stats.AutoCalls += auto ? 1 : 0;
                    Stats.AutoCallsOnTick += auto && tick ? 1 : 0;
                    Stats.CallBacksAfterHold += heldBefore.Contains((e.Window, e.Ticket)) ? 1 : 0;
                    break;
                case HallEventKind.Transferred when command.Kind == CommandKind.TransferToService:
                    Stats.TransfersToService++;
                    break;
                case HallEventKind.Transferred when command.Kind == CommandKind.TransferToWindow:
                    Stats.TransfersToWindow++;
                    break;
                case HallEventKind.Parked:
                    Stats.Parks++;
                    Stats.ParksWithReturnTime += command.ReturnAt is not null ? 1 : 0;
                    break;
                case HallEventKind.Resumed:
                    Stats.Resumes++;
                    Stats.ResumesOnTick += tick ? 1 : 0;
                    Stats.ReturnsToWindow += _model.All[e.Ticket].QueueWindow is not null || _model.All[e.Ticket].Window?.Id == e.Window ? 1 : 0;
                    break;
                case HallEventKind.NoShow when auto && e.Value == 1 && _model.WindowOf(e.Window).Held?.Id == e.Ticket:
                    Stats.Holds++;
                    break;
                case HallEventKind.WaitLimitPassed:
                    Stats.WaitAlerts++;
                    break;
                case HallEventKind.ServiceTimePassed:
                    Stats.ServiceAlerts++;
                    break;
                case HallEventKind.IdleTimePassed:
                    Stats.IdleAlerts++;
                    break;
                case HallEventKind.DayClosed:
                    Stats.DayCloses++;
                    break;
                case HallEventKind.DayOpened:
                    Stats.DaysOpened++;
                    break;
                case HallEventKind.Cancelled when e.Value == (int)CancelCause.DayClosed:
                    Stats.CancelledAtClose++;
                    break;
                case HallEventKind.Cancelled when e.Value == (int)CancelCause.DayClosedBeforeNextItem:
                    Stats.ItemsCancelledAfterClose++;
                    break;
                case HallEventKind.ServiceFinished:
                    var item = _model.All[e.Ticket].ItemIndex - 1;
                    Require(_finished.Add((e.Ticket, item)), () => $"item {item} of ticket {e.Ticket} was finished twice");
                    break;
            }
        }
    }

    private void CheckState(int window)
    {
        Require(_hall.Now.UtcTicks == _model.Now, () => $"the hall's clock is {_hall.Now:HH:mm:ss}, the model's {new DateTimeOffset(_model.Now, TimeSpan.Zero):HH:mm:ss}");

        // None lost: the same tickets wait, in the same queues, in the same order.
        Require(_model.Waiting.Count == _hall.TotalWaiting, () => $"{_hall.TotalWaiting} wait in the hall, {_model.Waiting.Count} in the model");
        foreach (var service in _definition.Services)
        {
            var hallQueue = _hall.GetServiceQueue(service.Id, _hall.Now, 0, Hall.MaxQueueViewPage).Tickets.Select(t => t.Ticket);
            var modelQueue = _model.ServiceOrder(service.Id).Select(t => t.Id);
            Require(hallQueue.SequenceEqual(modelQueue), () =>
                $"item {service.Id}'s queue is [{string.Join(", ", hallQueue)}] in the hall, [{string.Join(", ", modelQueue)}] in the model");
        }

        // The queue screens: every window's view is the order the model says it would call.
        foreach (var w in _model.Windows.Where(w => _step % 8 == 0 || w.Id == window))
        {
            var view = _hall.GetWindowQueue(w.Id, _hall.Now, 0, Hall.MaxQueueViewPage);
            var order = _model.WindowOrder(w);
            Require(view.Total == order.Count && SameOrder(view, order), () =>
                $"window {w.Id} ({w}) shows [{string.Join(", ", view.Tickets.Select(t => $"{t.Ticket} {t.Reason}"))}] (total {view.Total}); "
                + $"the model would call [{string.Join(", ", order.Select(t => t.Id))}]");
        }

        var snapshot = _hall.GetSnapshot(_now);
        foreach (var w in _model.Windows)
        {
            var hw = snapshot.Windows.Single(x => x.Window == w.Id);
            Require((hw.State, hw.Ticket, hw.Auto) == (w.State, w.Current?.Id ?? 0, w.Auto), () => $"window {w.Id} is {hw.State} with ticket {hw.Ticket} (auto {hw.Auto}) in the hall; the model says {w}");
        }

        CheckUntilWindowFree(snapshot);

        // No ticket at two windows; the same tickets parked.
        var atWindows = snapshot.AtWindows.Select(t => t.Ticket).ToList();
        Require(atWindows.Distinct().Count() == atWindows.Count, () => $"a ticket is at two windows: {string.Join(", ", atWindows)}");
        var parked = snapshot.Parked.Select(t => t.Ticket).Order();
        var modelParked = _model.Live.Where(t => t.State == TicketState.Parked).Select(t => t.Id).Order();
        Require(parked.SequenceEqual(modelParked), () => $"parked: [{string.Join(", ", parked)}] in the hall, [{string.Join(", ", modelParked)}] in the model");

        CheckModelIntegrity();

        CheckNextDue();

        if (_step % 16 == 0)
        {
            CheckTickets(_model.Live.Concat(_model.RecentlyRetired));
        }
    }

    /// <summary>
    /// Every item's wait for a window (what an estimate adds for the services under way) is the model's, worked out from
    /// every window afresh: the hall keeps it in counters a call, start, finish, no-show, transfer, park or pause updates.
    /// Each busy window counts with the average of the item it serves, not the waiting ticket's; the averages are the
    /// model's too.
    /// </summary>
    private void CheckUntilWindowFree(HallSnapshot snapshot)
    {
        var now = snapshot.Time.UtcTicks;
        foreach (var service in snapshot.Services)
        {
            var serving = _model.Windows.Where(w => w.TierOf(service.Service) == 1 && w.State is not (WindowState.Closed or WindowState.Paused)).ToList();
            var busy = serving.Where(w => w.State is WindowState.Calling or WindowState.Serving).ToList();
            var expected = serving.Count == 0 ? _model.AverageOf(service.Service) : 0L; // none open: one just started
            if (busy.Count > 0 && busy.Count == serving.Count)
            {
                // The mean time the services have left (each its expected end less now), at least 0, shared.
                var meanLeft = busy.Sum(w => (double)(w.ExpectedEnd - now)) / busy.Count;
                expected = (long)Math.Max(0, meanLeft) / busy.Count;
            }

            Require(service.AverageHandlingTime.Ticks == _model.AverageOf(service.Service), () =>
                $"item {service.Service}'s average handling time is {service.AverageHandlingTime} in the hall; the model says {new TimeSpan(_model.AverageOf(service.Service))}");
            Require(service.OpenWindows == serving.Count && Math.Abs(service.UntilWindowFree.Ticks - expected) <= 1, () =>
                $"item {service.Service} waits {service.UntilWindowFree} for one of {service.OpenWindows} windows in the hall; the model says "
                + $"{new TimeSpan(expected)} for one of {serving.Count} ({string.Join("; ", serving)})");
        }
    }

    /// <summary>The view lists exactly the model's order.</summary>
    private static bool SameOrder(QueueView view, List<ModelTicket> order) =>
        view.Tickets.Select(t => t.Ticket).SequenceEqual(order.Select(t => t.Id));

    /// <summary>The hall's next due instant is never later than a timer the model has pending.</summary>
    private void CheckNextDue()
    {
        if (_model.NextDue is { } due)
        {
            Require(_hall.NextDue is { } hallDue && hallDue.UtcTicks <= due, () => $"the model has a timer due at {new DateTimeOffset(due, TimeSpan.Zero):HH:mm:ss} but the hall's NextDue is {_hall.NextDue:HH:mm:ss}");
        }
    }

    /// <summary>Every issued ticket is in exactly one place: waiting (in one queue), at one window, parked, or finished.</summary>
    private void CheckModelIntegrity()
    {
        var waiting = _model.Waiting.ToHashSet();
        Require(waiting.Count == _model.Waiting.Count, () => "a ticket waits twice in the model");
        var atWindow = _model.Windows.Where(w => w.Current is not null).Select(w => w.Current!).ToList();
        Require(atWindow.Distinct().Count() == atWindow.Count, () => "a ticket is at two windows in the model");
        var parked = 0;
        foreach (var t in _model.Live)
        {
            parked += t.State == TicketState.Parked ? 1 : 0;
            var place = (waiting.Contains(t) ? 1 : 0) + (atWindow.Contains(t) ? 1 : 0) + (t.State == TicketState.Parked ? 1 : 0) + (t.IsLive ? 0 : 1);
            Require(place == 1 && waiting.Contains(t) == (t.State == TicketState.Waiting)
                && atWindow.Contains(t) == t.State is TicketState.Called or TicketState.Serving, () => $"ticket {t} is in {place} places");
        }

        Require(_model.Live.Count == waiting.Count + atWindow.Count + parked && waiting.All(t => t.IsLive) && atWindow.All(t => t.IsLive), () => "a ticket that is not live waits or is at a window in the model");

        var live = _model.Live.Select(t => t.Number).ToList();
        Require(live.Distinct().Count() == live.Count, () => "a number is live twice");
    }

    /// <summary>The tickets have the same state in the hall as in the model (a finished one may have been forgotten).</summary>
    private void CheckTickets(IEnumerable<ModelTicket> tickets)
    {
        foreach (var t in tickets)
        {
            var state = ApplyToHall(HallCommand.QueryTicket(t.Id), _hall.Now).State;
            Require(state == t.State || (state == TicketState.None && !t.IsLive), () => $"ticket {t.Id} is {state} in the hall, {t.State} in the model");
        }
    }
}
