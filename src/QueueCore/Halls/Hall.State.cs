namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>Saves everything the hall holds (for snapshots and journals). Allocates; not for the hot path.</summary>
    public HallState SaveState()
    {
        var tickets = new List<SavedTicket>();
        for (var slot = 0; slot < _tickets.HighWater; slot++)
        {
            ref readonly var t = ref T(slot);
            if (t.Id != 0)
            {
                tickets.Add(Save(t));
            }
        }

        return new HallState
        {
            HallId = Id,
            Sequence = Sequence,
            Serial = _serial,
            Time = _now,
            Day = (int)_day,
            CategorySequences = [.. _categories.Select(c => c.Sequence)],
            Services = [.. _services.Select(s => new SavedService
            {
                IssuedToday = s.IssuedToday, AverageHandlingTicks = s.AverageHandlingTicks, WarningRaised = s.WarningRaised,
            })],
            Windows = [.. _windows.Select(w => new SavedWindow
            {
                State = w.State, Auto = w.Auto, Clerk = w.Clerk, PauseReason = w.PauseReason,
                Ticket = w.Ticket >= 0 ? T(w.Ticket).Id : 0, IdleSince = w.IdleSince, UnansweredCalls = w.UnansweredCalls,
                PriorityRun = w.PriorityRun, Alerts = (w.ServiceTimeAlerted ? 1 : 0) | (w.IdleTimeAlerted ? 2 : 0),
                ServedToday = w.ServedToday, HandlingTicksToday = w.HandlingTicksToday,
                RatingsToday = w.RatingsToday, RatingSumToday = w.RatingSumToday,
            })],
            Tickets = [.. tickets],
            Retired = [.. _tickets.RetiredSlots().Select(s => T(s).Id)],
        };
    }

    private SavedTicket Save(in TicketRecord t)
    {
        var items = new int[t.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = _services[t.Items[i]].Id;
        }

        var inWindowQueue = t.List >= 0 && IsWindowList(t.List);
        return new SavedTicket
        {
            Id = t.Id, Serial = t.Serial, Prefix = _categories[t.Category].Prefix, Number = t.NumberSequence,
            Width = _categories[t.Category].Definition.NumberWidth,
            State = t.State, Class = t.Class, Items = items, ItemIndex = t.ItemIndex, Recalls = t.Recalls,
            NoShows = t.NoShows, Rated = t.Rated, Rank = t.Rank, IssuedAt = t.IssuedAt, EnqueuedAt = t.EnqueuedAt,
            CalledAt = t.CalledAt, ServingAt = t.ServingAt,
            Window = t.Window >= 0 ? _windows[t.Window].Id : 0,
            RatableWindow = t.RatableWindow >= 0 ? _windows[t.RatableWindow].Id : 0,
            QueueWindow = inWindowQueue ? _windows[t.List - (_services.Length * _classCount)].Id : 0,
            WaitLimitAlerted = t.State == TicketState.Waiting && _services[t.Service].WaitLimitTicks > 0 && t.Watch < 0,
            Appointment = _tickets.Appointment(TicketTable.SlotOf(t.Id)),
        };
    }

    /// <summary>Rebuilds a hall from its definition and a state saved by <see cref="SaveState"/>.</summary>
    /// <exception cref="ArgumentException">The state does not fit the definition (other hall, other catalog or windows).</exception>
    public static Hall Restore(HallDefinition definition, HallState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var hall = new Hall(definition);
        if (state.HallId != hall.Id || state.Services.Length != hall._services.Length
            || state.Windows.Length != hall._windows.Length || state.CategorySequences.Length != hall._categories.Length)
        {
            throw new ArgumentException($"The saved state of hall '{state.HallId}' does not fit the definition of hall '{hall.Id}'.", nameof(state));
        }

        hall.RestoreFrom(state);
        return hall;
    }

    private void RestoreFrom(HallState state)
    {
        Sequence = state.Sequence;
        _serial = state.Serial;
        _now = state.Time;
        _nowOffset = new DateTimeOffset(_now, TimeSpan.Zero);
        _day = (HallDayState)state.Day;
        for (var i = 0; i < _categories.Length; i++)
        {
            _categories[i].Sequence = state.CategorySequences[i];
        }

        for (var i = 0; i < _services.Length; i++)
        {
            var saved = state.Services[i];
            (_services[i].IssuedToday, _services[i].AverageHandlingTicks, _services[i].WarningRaised) =
                (saved.IssuedToday, saved.AverageHandlingTicks, saved.WarningRaised);
        }

        foreach (var saved in state.Tickets)
        {
            _tickets.Place(Load(saved));
            _tickets.Appointment(TicketTable.SlotOf(saved.Id)) = saved.Appointment;
        }

        _tickets.RebuildFreeList();
        foreach (var id in state.Retired)
        {
            _tickets.Retire(RequireSlot(id));
        }

        // Queues in rank order (each insert lands at a tail), watch lists in time order.
        foreach (var saved in state.Tickets.Where(t => t.State == TicketState.Waiting).OrderBy(t => t.Rank).ThenBy(t => t.Serial))
        {
            var slot = RequireSlot(saved.Id);
            ref var t = ref T(slot);
            if (saved.QueueWindow != 0)
            {
                _queues.Insert(WindowList(_windowIndex[saved.QueueWindow]), slot);
                _totalWaiting++;
                continue;
            }

            if (_queues.Insert(ServiceList(t.Service, t.Class), slot))
            {
                UpdateTrees(t.Service, t.Class);
            }

            _classQueues.Insert(t.Class, slot);

            _services[t.Service].Waiting++;
            _totalWaiting++;
        }

        foreach (var saved in state.Tickets.OrderBy(t => t.EnqueuedAt).ThenBy(t => t.Serial))
        {
            var slot = RequireSlot(saved.Id);
            if (saved.State == TicketState.Parked)
            {
                _watch.Append(ParkedList, slot);
            }
            else if (saved.State == TicketState.Waiting && !saved.WaitLimitAlerted
                     && _services[T(slot).Service].WaitLimitTicks > 0)
            {
                _watch.Append(T(slot).Service, slot);
            }
        }

        for (var i = 0; i < _windows.Length; i++)
        {
            RestoreWindow(_windows[i], state.Windows[i]);
        }

        _nextDue = ComputeNextDue();
    }

    private void RestoreWindow(WindowRecord w, SavedWindow saved)
    {
        w.State = saved.State;
        w.Auto = saved.Auto;
        w.Clerk = saved.Clerk;
        w.PauseReason = saved.PauseReason;
        w.Ticket = saved.Ticket == 0 ? -1 : RequireSlot(saved.Ticket);
        w.IdleSince = saved.IdleSince;
        w.UnansweredCalls = saved.UnansweredCalls;
        w.PriorityRun = saved.PriorityRun;
        w.ServiceTimeAlerted = (saved.Alerts & 1) != 0;
        w.IdleTimeAlerted = (saved.Alerts & 2) != 0;
        (w.ServedToday, w.HandlingTicksToday, w.RatingsToday, w.RatingSumToday) =
            (saved.ServedToday, saved.HandlingTicksToday, saved.RatingsToday, saved.RatingSumToday);
        if (w.Clerk != 0)
        {
            _clerks[w.Clerk] = w.Index;
        }

        if (w.IsOpen)
        {
            CountServers(w, +1);
        }

        if (w.State == WindowState.Idle && w.Auto)
        {
            w.IdleAutoIndex = _idleAutoCount;
            _idleAuto[_idleAutoCount++] = w.Index;
        }
    }

    private TicketRecord Load(SavedTicket s)
    {
        Span<int> items = stackalloc int[ServiceItemList.Capacity];
        for (var i = 0; i < s.Items.Length; i++)
        {
            items[i] = _serviceIndex.TryGetValue(s.Items[i], out var dense) ? dense
                : throw new ArgumentException($"Saved ticket {s.Id} names service item {s.Items[i]}, which hall '{Id}' does not have.");
        }

        return new TicketRecord
        {
            Id = s.Id, Serial = s.Serial, Category = CategoryOf(s.Prefix), NumberSequence = s.Number, State = s.State,
            Class = (byte)s.Class, ItemIndex = (byte)s.ItemIndex, Recalls = (byte)s.Recalls, NoShows = (byte)s.NoShows,
            Rated = s.Rated, Items = new ServiceItemList(items[..s.Items.Length]), Service = items[Math.Min(s.ItemIndex, s.Items.Length - 1)],
            Prev = -1, Next = -1, List = -1, ClassPrev = -1, ClassNext = -1, ClassList = -1, WatchPrev = -1, WatchNext = -1, Watch = -1,
            Window = s.Window == 0 ? -1 : _windowIndex[s.Window],
            RatableWindow = s.RatableWindow == 0 ? -1 : _windowIndex[s.RatableWindow],
            Rank = s.Rank, IssuedAt = s.IssuedAt, EnqueuedAt = s.EnqueuedAt, CalledAt = s.CalledAt, ServingAt = s.ServingAt,
        };
    }

    private short CategoryOf(string prefix)
    {
        var index = Array.FindIndex(_categories, c => c.Prefix == prefix);
        return index >= 0 ? (short)index : throw new ArgumentException($"The saved state has a ticket with prefix '{prefix}', which no category of hall '{Id}' uses.");
    }

    private int RequireSlot(long id)
    {
        var slot = _tickets.Find(id);
        return slot >= 0 ? slot : throw new ArgumentException($"The saved state refers to ticket {id}, which it does not contain.");
    }
}
