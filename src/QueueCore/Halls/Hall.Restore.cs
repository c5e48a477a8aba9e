namespace QueueCore;

/// <remarks>This part: rebuilding a hall from a saved state, matching every entry by id.</remarks>
public sealed partial class Hall
{
    /// <summary>True for a hall <see cref="Redefine"/> builds from the running one: what does not fit is the new
    /// definition, so a refusal says so rather than speak of a saved state the caller never gave.</summary>
    private bool _redefining;

    private void RestoreFrom(HallState state)
    {
        CheckConsistent(state);
        RequireRemovedWindowsFree(state); // before the tickets, whose queues would name a removed window's first
        Sequence = state.Sequence;
        _serial = state.Serial;
        _now = state.Time;
        _day = (HallDayState)state.Day;
        _dayOpenedAt = state.DayOpenedAt;
        var live = state.Tickets.Where(t => IsLive(t.State)).ToList();

        foreach (var saved in state.Categories)
        {
            var c = Array.Find(_categories, c => c.Id == saved.Id);
            var used = live.FirstOrDefault(t => t.Category == saved.Id);
            if (c is null)
            {
                Require(used is null, $"ticket {Printed(used)} is live but its category '{saved.Id}' is not in the definition");
                continue;
            }

            Require(used is null || c.Prefix == saved.Prefix,
                $"category '{saved.Id}' changes its prefix from '{saved.Prefix}' to '{c.Prefix}' while its tickets (e.g. {Printed(used)}) are live");
            c.Sequence = saved.Sequence;
        }

        RestoreNumbering(state);
        RestoreCarriedDay(state);

        foreach (var saved in state.Services)
        {
            if (_serviceIndex.TryGet(saved.Id, out var s))
            {
                (_services[s].IssuedToday, _services[s].WarningRaised) = (saved.IssuedToday, saved.WarningRaised);
                _services[s].WarningRaisedAt = saved.WarningRaised ? saved.WarningRaisedAt : 0;
                _services[s].SetAverageHandling(saved.AverageHandlingTicks);
            }
        }

        RestoreRemovedIssued(state);
        RestoreClerkDays(state); // before the tickets and windows, which find their clerks' entries

        // Tickets: live ones must fit the definition; retained (finished) ones that no longer fit are forgotten.
        var dropped = false;
        foreach (var saved in state.Tickets)
        {
            if (TryLoad(saved, out var record))
            {
                _tickets.Place(record);
                var slot = TicketTable.SlotOf(saved.Id);
                _tickets.SetAppointment(slot, saved.Appointment);
                _tickets.SetNote(slot, saved.Note);
                _tickets.SetServedBy(slot, _clerkDays.RestoredIndex(saved.RatableClerk));
                _live += IsLive(saved.State) ? 1 : 0;
            }
            else
            {
                dropped = true;
            }
        }

        if (dropped)
        {
            _tickets.RebuildFreeList();
        }
        else
        {
            _tickets.SetFreeSlots(state.SlotsUsed, state.FreeSlots);
        }

        foreach (var id in state.Retired)
        {
            var slot = _tickets.Find(id);
            if (slot >= 0)
            {
                _tickets.Retire(slot);
            }
        }

        RestoreQueues(state);
        var lastFinished = state.WindowsLastFinished;
        Require(lastFinished is null || lastFinished.Length == state.Windows.Length,
            $"it names the last finished ticket of {lastFinished?.Length} windows, but saves {state.Windows.Length}");
        foreach (var w in _windows)
        {
            var at = Array.FindIndex(state.Windows, x => x.Id == w.Id);
            if (at >= 0)
            {
                RestoreWindow(w, state.Windows[at]);
                w.LastFinished = lastFinished is null ? -1 : lastFinished[at];
            }
            else
            {
                w.LastFinished = 0; // a window new to the hall has finished nothing
            }
        }

        _removedToday = DayFigures.OfRemovedWindows(state);
        foreach (var saved in state.Windows)
        {
            if (!_windowIndex.TryGet(saved.Id, out _))
            {
                Require(saved.State == WindowState.Closed,
                    $"window {saved.Id} is {WindowRecord.StateName(saved.State)} but not in the definition; close it first");
                _removedToday.Add(DayFigures.Of(saved)); // the window goes; what it did today stays in the hall's figures
            }
        }

        RestoreCheckIns(state);
        foreach (var r in state.Requests)
        {
            // A state saved before requests kept their ticket's issue time or class: the ticket itself has them, while it
            // is held.
            var slot = _tickets.Find(r.Ticket);
            var issuedAt = r.IssuedAt != 0 ? r.IssuedAt : slot >= 0 ? T(slot).IssuedAt : 0;
            _requests.Remember(r.Id, r.Fingerprint, new CommandResult
            {
                Ticket = r.Ticket, Number = r.Number == 0 && r.Prefix.Length == 0 ? default : TicketNumber.Of(r.Prefix, r.Number, r.Width),
                State = r.State, Window = r.Window, Service = r.Service, Position = r.Position,
                EstimatedWait = new TimeSpan(r.EstimatedWait), Sequence = r.Sequence,
                IssuedAt = new DateTimeOffset(issuedAt, TimeSpan.Zero), PriorityClass = RememberedClass(r.PriorityClass, slot), AppointmentNotOnTime = r.AppointmentNotOnTime,
            });
        }
    }

    /// <summary>
    /// The class a remembered result names: as saved; from a state saved before results kept it, the class of the ticket
    /// at <paramref name="slot"/> (none when it is not held, or the result is about no ticket).
    /// </summary>
    private string? RememberedClass(string? saved, int slot) => saved ?? (slot >= 0 ? _classIds[T(slot).Class] : null);

    private void RestoreQueues(HallState state)
    {
        // Queues in rank order (each insert then lands at a tail), watch lists in their saved order.
        foreach (var saved in state.Tickets.Where(t => t.State == TicketState.Waiting).OrderBy(t => t.Rank).ThenBy(t => t.Serial))
        {
            var slot = _tickets.Find(saved.Id);
            ref var t = ref T(slot);
            if (saved.QueueWindow != 0)
            {
                Require(_windowIndex.TryGet(saved.QueueWindow, out var w), $"ticket {Printed(saved)} waits for window {saved.QueueWindow}, which is not in the definition");
                _queues.Insert(WindowList(w), slot);
                _totalWaiting++;
                continue;
            }

            if (_queues.Insert(ServiceList(t.Service, t.Class), slot))
            {
                UpdateTrees(t.Service, t.Class);
            }

            JoinHallQueues(slot);
            _services[t.Service].Waiting++;
            _totalWaiting++;
        }

        foreach (var saved in state.Services)
        {
            if (!_serviceIndex.TryGet(saved.Id, out var s) || _services[s].WaitLimitTicks == 0)
            {
                continue; // the item (or its wait limit) is gone: its tickets are no longer watched
            }

            foreach (var id in saved.Watched)
            {
                var slot = _tickets.Find(id);
                if (slot >= 0 && T(slot).Service == s)
                {
                    _watch.Append(s, slot);
                }
            }

            RearmWatch(s);
        }

        foreach (var id in state.Parked)
        {
            var slot = _tickets.Find(id);
            if (slot >= 0)
            {
                _watch.InsertByParkDue(ParkedList, slot);
            }
        }

        RearmWatch(ParkedList);
    }

    private void RestoreWindow(WindowRecord w, SavedWindow saved)
    {
        w.State = saved.State;
        w.Auto = saved.Auto;
        w.Clerk = saved.Clerk;
        w.ForgetMessages(WindowRefusal.AlreadyOpen); // it names the clerk
        w.PauseReason = saved.PauseReason;
        w.PausedAfterUnanswered = saved.State == WindowState.Paused ? Math.Max(0, saved.PausedAfterUnansweredCalls) : 0;
        w.PausedByManager = saved.State == WindowState.Paused && saved.PausedByManager;
        w.Ticket = saved.Ticket == 0 ? -1 : _tickets.Find(saved.Ticket);
        w.IdleSince = saved.IdleSince;
        w.UnansweredCalls = saved.UnansweredCalls;
        w.PriorityRun = saved.PriorityRun;
        w.NormalOwed = saved.NormalOwed;
        w.ServiceTimeAlerted = (saved.Alerts & 1) != 0;
        w.IdleTimeAlerted = (saved.Alerts & 2) != 0;
        w.HeldTicket = saved.HeldTicket;
        w.HoldUntil = saved.HoldUntil;
        w.Today = DayFigures.Of(saved); // before it joins the idle index, where its served count or handling time may be a key
        w.LastTurn = saved.LastTurn; // before it joins the idle index, where it is a key
        _calls = Math.Max(_calls, saved.LastTurn); // later calls take later turns: only the order of turns matters
        w.ClerkDay = ClerkDayOf(saved);
        w.LastFinishedBy = _clerkDays.RestoredIndex(saved.LastFinishedClerk);
        w.LastFinishedRated = saved.LastFinishedRated;
        if (w.Clerk != 0)
        {
            _clerks[w.Clerk] = w.Index;
        }

        if (w.IsOpen)
        {
            CountServers(w, +1);
        }

        if (w.State is WindowState.Calling or WindowState.Serving && w.Ticket >= 0)
        {
            // As the call or start set it: the live hall counted the same. A state saved before the handling time was kept
            // says 0: the item's average now stands in for it.
            ref readonly var t = ref T(w.Ticket);
            StartBusy(w, t.ServingAt, saved.ExpectedHandlingTicks > 0 ? saved.ExpectedHandlingTicks : _services[t.Service].AverageHandlingTicks);
        }

        if (w.State == WindowState.Idle && w.Auto)
        {
            JoinIdleIndex(w);
        }

        _timers.Set(AlertTimer(w), saved.AlertDue);
        _timers.Set(AutoTimer(w), saved.AutoDue);
    }

    /// <summary>Maps a saved ticket onto this definition; false for a finished ticket that no longer fits (it is forgotten).</summary>
    private bool TryLoad(SavedTicket s, out TicketRecord record)
    {
        record = default;
        var live = IsLive(s.State);
        var name = $"ticket {Printed(s)}";
        Span<int> items = stackalloc int[ServiceItemList.Capacity];
        for (var i = 0; i < s.Items.Length; i++)
        {
            if (!_serviceIndex.TryGet(s.Items[i], out items[i]))
            {
                Require(!live, $"{name} is live and has service item {s.Items[i]}, which is not in the definition");
                return false;
            }
        }

        if (!_serviceIndex.TryGet(s.Service, out var service))
        {
            Require(!live, $"{name} is live and at service item {s.Service}, which is not in the definition");
            return false;
        }

        var category = Array.FindIndex(_categories, c => c.Id == s.Category);
        if (!_classIndex.TryGetValue(s.Class, out var cls) || category < 0)
        {
            Require(!live, $"{name} is live and has priority class '{s.Class}', which is not in the definition");
            return false;
        }

        var window = -1;
        if (s.Window != 0 && !_windowIndex.TryGet(s.Window, out window))
        {
            Require(s.State is not (TicketState.Called or TicketState.Serving), $"{name} is at window {s.Window}, which is not in the definition");
            window = -1;
        }

        var ratable = -1;
        if (s.RatableWindow != 0 && !_windowIndex.TryGet(s.RatableWindow, out ratable))
        {
            ratable = TicketRecord.RatableAtRemovedWindow; // its service was at a window this definition no longer has
        }

        record = new TicketRecord
        {
            Id = s.Id, Category = (short)category, NumberSequence = s.Number, State = s.State,
            NumberPrefix = (ushort)_categories[category].PrefixText, NumberWidth = (byte)_categories[category].Width,
            Class = (byte)cls, ItemIndex = (byte)s.ItemIndex, Recalls = (byte)s.Recalls, NoShows = (byte)s.NoShows,
            Rated = s.Rated, WaitAlerted = s.WaitLimitAlerted, Service = service,
            Prev = -1, Next = -1, List = -1, ClassPrev = -1, ClassNext = -1, CategoryPrev = -1, CategoryNext = -1, WatchPrev = -1, WatchNext = -1, Watch = -1,
            Window = window, RatableWindow = (short)ratable, Rank = s.Rank, IssuedAt = s.IssuedAt,
            // A state saved before the call time was kept has the time the ticket joined its queue here: the nearest to
            // its call it holds is ServingAt (the call itself for a called ticket, its service's start for the others).
            EnqueuedAt = !KeepsCallTime(s.State) ? s.EnqueuedAt : s.CalledAt != 0 ? s.CalledAt : s.ServingAt,
            ServingAt = s.ServingAt, ParkDue = s.ParkDue, CalledFromWindowQueue = s.State == TicketState.Called && s.CalledFromWindowQueue,
        };
        record.Items.Assign(items[..s.Items.Length]);
        return true;
    }

    /// <summary>A saved ticket's number as it was printed (A001), for messages.</summary>
    private static string Printed(SavedTicket? s) => s is null ? "" : TicketNumber.Of(s.Prefix ?? "", s.Number, s.Width is >= 1 and <= 9 ? s.Width : 3).ToString();

    private static bool IsLive(TicketState state) => state is TicketState.Waiting or TicketState.Called or TicketState.Serving or TicketState.Parked;

    private void Require(bool condition, string what)
    {
        if (!condition)
        {
            // Named after the argument that does not fit: Redefine's definition, or Restore's state.
            if (_redefining)
            {
                ThrowHelper.InvalidArgument($"Hall '{Id}' cannot take the new definition while its day runs: {what}.", "definition");
            }

            ThrowHelper.InvalidArgument($"The saved state of hall '{Id}' does not fit its definition: {what}.", "state");
        }
    }
}
