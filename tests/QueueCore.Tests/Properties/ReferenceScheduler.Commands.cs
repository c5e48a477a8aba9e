namespace QueueCore.Tests.Properties;

/// <remarks>This part: applying a command, and the commands about tickets at windows.</remarks>
internal sealed partial class ReferenceScheduler
{
    /// <summary>
    /// Applies <paramref name="command"/> at <paramref name="at"/> (an earlier instant than the last counts as the last;
    /// a query, which changes nothing, leaves the clock where it is).
    /// <paramref name="issuedId"/> is the id the hall gave a ticket it issued (ids are the hall's to choose).
    /// </summary>
    public ModelResult Apply(HallCommand command, DateTimeOffset at, long issuedId = 0)
    {
        _events.Clear();
        if (command.Kind != CommandKind.QueryTicket)
        {
            Now = Math.Max(Now, at.UtcTicks);
        }

        return command.Kind switch
        {
            CommandKind.IssueTicket => Issue(command, issuedId),
            CommandKind.CallNext => CallNext(command),
            CommandKind.CallTicket => CallTicket(command),
            CommandKind.FinishAndCallNext => FinishAndCallNext(command),
            CommandKind.Recall => Recall(command),
            CommandKind.StartServing => StartServing(command),
            CommandKind.Finish => Finish(command),
            CommandKind.NoShow => NoShow(command),
            CommandKind.TransferToService => TransferToService(command),
            CommandKind.TransferToWindow => TransferToWindow(command),
            CommandKind.Park => Park(command, at.UtcTicks),
            CommandKind.ResumeParked => ResumeParked(command),
            CommandKind.Cancel => Cancel(command),
            CommandKind.QueryTicket => Query(command),
            CommandKind.OpenWindow => OpenWindow(command),
            CommandKind.PauseWindow => PauseWindow(command),
            CommandKind.ResumeWindow => ResumeWindow(command),
            CommandKind.CloseWindow => CloseWindow(command),
            CommandKind.OpenDay => OpenDay(),
            CommandKind.CloseDay => CloseDay(command),
            CommandKind.Tick => Tick(),
            _ => throw new NotSupportedException($"The model does not follow {command.Kind}."),
        };
    }

    /// <summary>Moves the clock to <paramref name="at"/> (never back), as applying any command does first.</summary>
    public void AdvanceClock(DateTimeOffset at) => Now = Math.Max(Now, at.UtcTicks);

    private static ModelResult Ok() => new(QueueError.None);

    private static ModelResult Ok(ModelWindow w) => new(QueueError.None, Window: w.Id);

    /// <summary>The ticket described, its state, and the window given (or the one it is at).</summary>
    private static ModelResult Ok(ModelTicket t, ModelWindow? w = null) =>
        new(QueueError.None, t.Id, t.State, w?.Id ?? (t.State is TicketState.Called or TicketState.Serving ? t.Window!.Id : 0));

    /// <summary>A window in the wrong state: closed and paused windows are not open; others are in the wrong state.</summary>
    private static ModelResult WrongWindowState(ModelWindow w) =>
        ModelResult.Refused(w.State is WindowState.Closed or WindowState.Paused ? QueueError.WindowNotOpen : QueueError.WindowWrongState);

    private bool TryWindow(int id, out ModelWindow w)
    {
        w = Windows.Find(x => x.Id == id)!;
        return w is not null;
    }

    /// <summary>The command's window, if it exists, shows the ticket the command names (if it names one) and is in one of
    /// the <paramref name="states"/>; else the refusal.</summary>
    private ModelResult? WindowIn(HallCommand command, out ModelWindow w, params WindowState[] states) =>
        !TryWindow(command.Window, out w) ? ModelResult.Refused(QueueError.UnknownWindow)
        : !ShowsNamed(w, command) ? ModelResult.Refused(QueueError.TicketWrongState)
        : !states.Contains(w.State) ? WrongWindowState(w)
        : null;

    /// <summary>A terminal may name the ticket it shows (0: whatever the window has); naming another is refused.</summary>
    private static bool ShowsNamed(ModelWindow w, HallCommand command) => command.Ticket == 0 || w.Current?.Id == command.Ticket;

    private ModelResult Issue(HallCommand command, long id)
    {
        if (Day != ModelDay.Open)
        {
            return ModelResult.Refused(QueueError.Closed);
        }

        var items = command.Services.AsSpan().ToArray();
        if (items.Length == 0)
        {
            return ModelResult.Refused(QueueError.InvalidArgument);
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (!_services.ContainsKey(items[i]))
            {
                return ModelResult.Refused(QueueError.UnknownService);
            }

            if (items[..i].Contains(items[i]))
            {
                return ModelResult.Refused(QueueError.InvalidArgument);
            }

            var item = _services[items[i]];
            if (item.DailyCap is { } cap && _issuedToday.GetValueOrDefault(item.Id) >= cap)
            {
                return ModelResult.Refused(QueueError.LimitReached);
            }

            var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(new DateTimeOffset(Now, TimeSpan.Zero), _definition.TimeZone).DateTime);
            if (item.IssuingHours.Count > 0 && !item.IssuingHours.Any(h => h.Contains(local)))
            {
                return ModelResult.Refused(QueueError.Closed); // outside the item's issuing hours
            }
        }

        var cls = command.PriorityClass is null ? ClassByRules(command.Age, command.Flags) : ClassIndex(command.PriorityClass);
        if (cls < 0)
        {
            return ModelResult.Refused(QueueError.UnknownClass);
        }

        foreach (var item in items)
        {
            _issuedToday[item] = _issuedToday.GetValueOrDefault(item) + 1; // every item of the visit counts for its cap
        }

        var category = _definition.Categories.Single(c => c.Id == _services[items[0]].Category);
        var sequence = _sequences[category.Id] = _sequences.GetValueOrDefault(category.Id) + 1;
        var t = new ModelTicket
        {
            Id = id,
            Serial = ++_serial,
            Class = cls,
            Rank = Now - _headStart[cls],
            Items = [.. items],
            Service = items[0],
            Number = category.Prefix + sequence.ToString($"D{category.NumberWidth}", System.Globalization.CultureInfo.InvariantCulture),
        };
        All[id] = t;
        Live.Add(t);
        Emit(HallEventKind.TicketIssued, t, null);
        EnqueueForService(t);
        return Ok(t);
    }

    /// <summary>The class the hall's rules give: of the rules that match (age at least the minimum, or any of the flags),
    /// the one whose class has the longest head start; among equals, a match by flags before one by age, then the first
    /// listed. None: the normal class.</summary>
    private int ClassByRules(int age, TicketFlags flags)
    {
        var cls = -1;
        foreach (var byAge in (bool[])[false, true])
        {
            foreach (var rule in _policy.Rules)
            {
                var match = byAge ? rule.MinAge is { } min && age >= min : (flags & rule.AnyFlags) != 0;
                var c = ClassIndex(rule.Class);
                if (match && (cls < 0 || _headStart[c] > _headStart[cls]))
                {
                    cls = c;
                }
            }
        }

        return cls < 0 ? _normal : cls;
    }

    private ModelResult CallNext(HallCommand command)
    {
        if (WindowIn(command, out var w, WindowState.Idle) is { } refused)
        {
            return refused;
        }

        if (Choose(w, w.NormalOwed, Waiting, null, out var normalWaited) is not { } t)
        {
            return ModelResult.Refused(QueueError.NothingWaiting);
        }

        Call(w, t, normalWaited);
        return Ok(t);
    }

    /// <summary>A clerk calls a specific waiting ticket: one the window serves at all (an overflow item need not have
    /// waited its delay), or one in its own queue; never one sent to another window.</summary>
    private ModelResult CallTicket(HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return ModelResult.Refused(QueueError.UnknownWindow);
        }

        if (!All.TryGetValue(command.Ticket, out var t))
        {
            return ModelResult.Refused(QueueError.UnknownTicket);
        }

        if (w.State != WindowState.Idle)
        {
            return WrongWindowState(w);
        }

        if (t.State != TicketState.Waiting)
        {
            return ModelResult.Refused(QueueError.TicketWrongState);
        }

        if (t.QueueWindow != w && (t.QueueWindow is not null || w.TierOf(t.Service) == 0))
        {
            return ModelResult.Refused(QueueError.NotEligible);
        }

        Call(w, t, normalWaited: true);
        return Ok(t);
    }

    private ModelResult FinishAndCallNext(HallCommand command)
    {
        if (!TryWindow(command.Window, out var w))
        {
            return ModelResult.Refused(QueueError.UnknownWindow);
        }

        if (!ShowsNamed(w, command))
        {
            return ModelResult.Refused(QueueError.TicketWrongState); // also on a window with no ticket: it calls no other
        }

        if (w.State is WindowState.Serving or WindowState.Calling)
        {
            FinishItem(w); // a called ticket counts as served from its call
        }
        else
        {
            return CallNext(command); // nothing to finish: a plain call-next, in either mode
        }

        if (w.Auto)
        {
            AutoCall(w);
        }
        else if (Choose(w, w.NormalOwed, Waiting, null, out var normalWaited) is { } next)
        {
            Call(w, next, normalWaited);
        }

        return w.State == WindowState.Calling ? Ok(w.Current!) : Ok(w);
    }

    private ModelResult Recall(HallCommand command)
    {
        if (WindowIn(command, out var w, WindowState.Calling) is { } refused)
        {
            return refused;
        }

        var t = w.Current!;
        if (t.Recalls >= _definition.NoShow.MaxRecalls)
        {
            return ModelResult.Refused(QueueError.LimitReached);
        }

        t.Recalls++;
        Emit(HallEventKind.TicketRecalled, t, w, t.Recalls);
        return Ok(t);
    }

    private ModelResult StartServing(HallCommand command)
    {
        if (WindowIn(command, out var w, WindowState.Calling) is { } refused)
        {
            return refused;
        }

        var t = w.Current!;
        t.State = TicketState.Serving;
        t.ServingAt = Now;
        w.State = WindowState.Serving;
        ExpectEnd(w);
        w.Unanswered = 0;
        w.ServiceAlertDue = _services[t.Service].ServiceTimeLimit is { } limit ? Now + limit.Ticks : null;
        Emit(HallEventKind.ServingStarted, t, w);
        return Ok(t);
    }

    private ModelResult Finish(HallCommand command)
    {
        // Finish and pause takes a called ticket too (served from its call); a plain finish needs a start.
        var pause = command.Value == HallCommand.FinishThenPause;
        if (WindowIn(command, out var w, pause ? [WindowState.Serving, WindowState.Calling] : [WindowState.Serving]) is { } refused)
        {
            return refused;
        }

        var t = w.Current!;
        FinishItem(w);
        if (pause)
        {
            Pause(w, 0, command.Reason); // the clerk leaves after this ticket: no next call
        }
        else
        {
            AutoCallIfIdle(w);
        }

        return t.State is TicketState.Called or TicketState.Serving ? Ok(t) : Ok(t, w); // called on: where it is called
    }

    /// <summary>
    /// The citizen did not come: dropped after <see cref="NoShowPolicy.MaxNoShows"/> (or once the day has closed), else
    /// re-queued N places back: in the window's own queue if it was called from there (sent to this window), else in its
    /// item's queue. The window moves on first (pausing after too many unanswered calls); the re-queued ticket
    /// is then offered to the other idle auto windows; if none takes it, this window calls it back only after
    /// <see cref="NoShowPolicy.CallBackAfter"/> (at once when that is zero).
    /// </summary>
    private ModelResult NoShow(HallCommand command)
    {
        if (WindowIn(command, out var w, WindowState.Calling) is { } refused)
        {
            return refused;
        }

        var t = w.Current!;
        var policy = _definition.NoShow;
        t.NoShows++;
        w.Unanswered++;
        w.Current = null;
        var requeue = t.NoShows < policy.MaxNoShows && Day != ModelDay.Closed;
        var queueWindow = t.CalledFromWindowQueue ? w : null;
        if (requeue)
        {
            t.Rank = RequeueRank(t, queueWindow);
        }

        Emit(HallEventKind.NoShow, t, w, requeue ? 1 : 0);
        if (!requeue)
        {
            Retire(t, TicketState.NoShow);
        }

        if (command.Value == HallCommand.NoShowThenPause)
        {
            Pause(w, 0, command.Reason); // the clerk leaves: nothing is pushed to the window, nor held for it
        }
        else if (policy.PauseWindowAfter > 0 && w.Unanswered >= policy.PauseWindowAfter)
        {
            Pause(w, w.Unanswered);
        }
        else
        {
            MakeIdle(w);
            AutoCallIfIdle(w);
        }

        if (requeue)
        {
            if (queueWindow is not null)
            {
                Join(t, queueWindow); // only this window may call it: no one else is offered it
            }
            else
            {
                EnqueueForService(t, except: w);
            }

            if (w.State == WindowState.Idle && w.Auto && policy.CallBackAfter > TimeSpan.Zero)
            {
                (w.Held, w.HoldUntil) = (t, Now + policy.CallBackAfter.Ticks);
            }
            else if (w.State == WindowState.Idle && w.Auto && t.State == TicketState.Waiting)
            {
                AutoCall(w); // nothing else came and the call-back time is zero: it calls the citizen again at once
            }
        }

        return t.State is TicketState.Called or TicketState.Serving ? Ok(t) : Ok(t, w); // pushed on: where it is called
    }

    private ModelResult TransferToService(HallCommand command)
    {
        if (WindowIn(command, out var w, WindowState.Calling, WindowState.Serving) is { } refused)
        {
            return refused;
        }

        var t = w.Current!;
        if (Day == ModelDay.Closed)
        {
            return ModelResult.Refused(QueueError.DayWrongState);
        }

        if (!_services.ContainsKey(command.Value))
        {
            return ModelResult.Refused(QueueError.UnknownService);
        }

        if (command.Value == t.Service || t.Items.Skip(t.ItemIndex + 1).Contains(command.Value))
        {
            return ModelResult.Refused(QueueError.InvalidArgument);
        }

        t.Items[t.ItemIndex] = t.Service = command.Value;
        t.NoShows = 0; // no-shows count per item
        _waitAlerted.Remove((t.Id, t.Service)); // a new item: its wait limit counts afresh, even if it had this item before
        w.Unanswered = 0; // the citizen came
        Emit(HallEventKind.Transferred, t, w);
        EnqueueForService(t);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return Ok(t);
    }

    private ModelResult TransferToWindow(HallCommand command)
    {
        if (WindowIn(command, out var w, WindowState.Calling, WindowState.Serving) is { } refused)
        {
            return refused;
        }

        var t = w.Current!;
        if (Day == ModelDay.Closed)
        {
            return ModelResult.Refused(QueueError.DayWrongState);
        }

        if (!TryWindow(command.Value, out var target))
        {
            return ModelResult.Refused(QueueError.UnknownWindow);
        }

        if (target == w)
        {
            return ModelResult.Refused(QueueError.InvalidArgument);
        }

        if (target.State == WindowState.Closed)
        {
            return ModelResult.Refused(QueueError.WindowNotOpen);
        }

        if (target.TierOf(t.Service) == 0)
        {
            return ModelResult.Refused(QueueError.NotEligible); // its clerk may not serve the item
        }

        w.Unanswered = 0; // the citizen came
        Emit(HallEventKind.Transferred, t, w, target.Id);
        EnqueueForWindow(t, target);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return Ok(t);
    }

    /// <summary>
    /// The latest return time a park of <paramref name="t"/> takes: a day ahead, and for an item with issuing hours no
    /// later than the end of today on the hall's clocks, or of its hours when they run on past midnight (a 24:00 end
    /// carried on by spans from 00:00 the next day).
    /// </summary>
    private long LatestReturn(ModelTicket t)
    {
        var latest = Now + TimeSpan.FromDays(1).Ticks;
        var hours = _services[t.Service].IssuingHours;
        if (hours.Count == 0)
        {
            return latest;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(_definition.TimeZone);
        var today = TimeZoneInfo.ConvertTime(new DateTimeOffset(Now, TimeSpan.Zero), zone).Date;
        var ends = hours.Select(h => h.To == TimeOnly.MinValue ? TimeSpan.FromDays(1) : h.To.ToTimeSpan()).ToList();
        var end = ends.Max();
        if (end == TimeSpan.FromDays(1))
        {
            var after = TimeSpan.Zero;
            while (hours.Select((h, i) => (h, i)).FirstOrDefault(x => x.h.From.ToTimeSpan() <= after && ends[x.i] > after) is { h: not null } next)
            {
                after = ends[next.i];
            }

            end += after;
        }

        end = end < TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : end; // the windows serve on after the item stops issuing
        var localEnd = today + end;
        var endUtc = (localEnd - zone.GetUtcOffset(localEnd)).Ticks;
        return Math.Min(latest, endUtc);
    }

    /// <summary>Parks the window's ticket; <paramref name="clock"/> is the command's own instant, behind <see cref="Now"/>
    /// after a stepped-back clock, against which a return time not later than now is a span from now.</summary>
    private ModelResult Park(HallCommand command, long clock)
    {
        if (WindowIn(command, out var w, WindowState.Serving) is { } refused)
        {
            return refused;
        }

        var t = w.Current!;
        if (Day == ModelDay.Closed)
        {
            return ModelResult.Refused(QueueError.DayWrongState);
        }

        var returnAt = command.ReturnAt?.UtcTicks;
        if (returnAt is { } given && given <= Now)
        {
            if (given <= clock)
            {
                return ModelResult.Refused(QueueError.InvalidArgument);
            }

            returnAt = Now + (given - clock);
        }

        if (returnAt > LatestReturn(t))
        {
            return ModelResult.Refused(QueueError.InvalidArgument);
        }

        t.State = TicketState.Parked;
        t.ParkDue = returnAt ?? (Now + _definition.Park.AutoResumeAfter?.Ticks);
        t.ParkOrder = ++_parks;
        _parked.Add(t);
        Emit(HallEventKind.Parked, t, w, t.ParkDue is { } due ? Seconds(due - Now) : 0);
        MakeIdle(w);
        AutoCallIfIdle(w);
        return Ok(t, w);
    }

    private ModelResult ResumeParked(HallCommand command)
    {
        if (!All.TryGetValue(command.Ticket, out var t))
        {
            return ModelResult.Refused(QueueError.UnknownTicket);
        }

        if (t.State != TicketState.Parked)
        {
            return ModelResult.Refused(QueueError.TicketWrongState);
        }

        Resume(t);
        return Ok(t);
    }

    private ModelResult Cancel(HallCommand command)
    {
        if (!All.TryGetValue(command.Ticket, out var t))
        {
            return ModelResult.Refused(QueueError.UnknownTicket);
        }

        ModelWindow? window = null;
        switch (t.State)
        {
            case TicketState.Waiting:
                RemoveWaiting(t);
                break;
            case TicketState.Parked:
                t.ParkDue = null;
                break;
            case TicketState.Called:
                window = t.Window;
                break;
            default:
                return ModelResult.Refused(QueueError.TicketWrongState);
        }

        Emit(HallEventKind.Cancelled, t, window, (int)CancelCause.Requested);
        Retire(t, TicketState.Cancelled);
        if (window is not null)
        {
            MakeIdle(window);
            AutoCallIfIdle(window);
        }

        return Ok(t);
    }

    private ModelResult Query(HallCommand command) =>
        All.TryGetValue(command.Ticket, out var t) ? Ok(t) : ModelResult.Refused(QueueError.UnknownTicket);
}
