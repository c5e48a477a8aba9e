namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>Saves everything the hall holds (for snapshots and journals). Allocates; not for the hot path.</summary>
    /// <remarks>Saved at once on this thread, so the tickets are read where they are rather than copied first.</remarks>
    public HallState SaveState() => Capture(_tickets.Items, _tickets.CopyAppointments(), _tickets.CopyNotes(), _tickets.CopyServedBy()).Complete();

    /// <summary>
    /// Saves everything but the tickets now, and copies the tickets' records (a block copy: they hold no references),
    /// so that <see cref="HallStateCapture.Complete"/> can turn them into the saved state on another thread while
    /// this hall goes on. The journal's snapshots of large halls are taken this way, so the shard does not stop for
    /// the tens of milliseconds that saving tens of thousands of tickets takes.
    /// </summary>
    /// <param name="buffer">Where to copy the records if it is large enough (reused by the caller), or null.</param>
    internal HallStateCapture CaptureState(TicketRecord[]? buffer)
    {
        var count = _tickets.HighWater;
        var records = buffer is not null && buffer.Length >= count ? buffer : new TicketRecord[count];
        _tickets.Items.AsSpan(0, count).CopyTo(records);
        return Capture(records, _tickets.CopyAppointments(), _tickets.CopyNotes(), _tickets.CopyServedBy());
    }

    /// <summary>Saves everything but the tickets; the capture saves them from <paramref name="records"/>.</summary>
    private HallStateCapture Capture(TicketRecord[] records, string?[]? appointments, string?[]? notes, int[]? servedBy)
    {
        var clerks = SaveClerkDays();
        var shell = new HallState
        {
            HallId = Id,
            Sequence = Sequence,
            Serial = _serial,
            Time = _now,
            Day = (int)_day,
            DayOpenedAt = _dayOpenedAt,
            Categories = [.. _categories.Select(c => new SavedCategory { Id = c.Id, Prefix = c.Prefix, Sequence = c.Sequence })],
            RemovedCategories = [.. _removedNumbering],
            CarriedNumbering = [.. _carried],
            CarriedNumberingUntil = _carriedUntil,
            CarriedIssued = [.. _carriedIssued],
            CarriedCheckIns = [.. _carriedCheckIns],
            Services = [.. _services.Select(s => new SavedService
            {
                Id = s.Id, IssuedToday = s.IssuedToday, AverageHandlingTicks = s.AverageHandlingTicks, WarningRaised = s.WarningRaised,
                WarningRaisedAt = s.WarningRaised ? s.WarningRaisedAt : 0, Watched = [.. _watch.Slots(s.Index).Select(x => T(x).Id)],
            })],
            RemovedServices = [.. _removedIssued],
            Windows = [.. _windows.Select(w => Save(w, clerks))],
            WindowsLastFinished = SaveLastFinished(),
            Tickets = [], // filled in by the capture
            Retired = [.. _tickets.RetiredSlots().Select(s => T(s).Id)],
            Parked = [.. _watch.Slots(ParkedList).Select(x => T(x).Id)],
            Requests = [.. _requests.Entries().Select(r => new SavedRequest
            {
                Id = r.Id, Fingerprint = r.Fingerprint, Ticket = r.Result.Ticket, Prefix = r.Result.Number.Prefix,
                Number = r.Result.Number.Sequence, Width = r.Result.Number.Width, State = r.Result.State, Window = r.Result.Window,
                Service = r.Result.Service, Position = r.Result.Position, EstimatedWait = r.Result.EstimatedWait.Ticks, Sequence = r.Result.Sequence,
                IssuedAt = r.Result.IssuedAt.UtcTicks, PriorityClass = r.Result.PriorityClass, AppointmentNotOnTime = r.Result.AppointmentNotOnTime,
            })],
            CheckIns = SaveCheckIns(),
            AppointmentReferencesIgnoreCase = _referencesIgnoreCase,
            Clerks = clerks,
            SlotsUsed = _tickets.HighWater,
            FreeSlots = _tickets.FreeSlots(),
            RemovedWindowsServedToday = _removedToday.Served,
            RemovedWindowsRatingsToday = _removedToday.Ratings,
            RemovedWindowsRatingSumToday = _removedToday.RatingSum,
            RemovedWindowsCallsToday = _removedToday.Calls,
            RemovedWindowsWaitTicksToday = _removedToday.WaitTicks, // their handling time is not saved: no figure reports it
        };
        return new HallStateCapture(this, shell, records, _tickets.HighWater, appointments, notes, servedBy);
    }

    /// <summary>Each window's last finished ticket, in the windows' order; null when any is not known (see <see cref="HallState.WindowsLastFinished"/>).</summary>
    private long[]? SaveLastFinished() =>
        Array.Exists(_windows, w => w.LastFinished < 0) ? null : [.. _windows.Select(w => w.LastFinished)];

    private SavedWindow Save(WindowRecord w, SavedClerk[] clerks) => new()
    {
        Id = w.Id, State = w.State, Auto = w.Auto, Clerk = w.Clerk, PauseReason = w.PauseReason,
        PausedAfterUnansweredCalls = w.State == WindowState.Paused ? w.PausedAfterUnanswered : 0,
        PausedByManager = w.State == WindowState.Paused && w.PausedByManager,
        Ticket = w.Ticket >= 0 ? T(w.Ticket).Id : 0, IdleSince = w.IdleSince, UnansweredCalls = w.UnansweredCalls,
        PriorityRun = w.PriorityRun, NormalOwed = w.NormalOwed, Alerts = (w.ServiceTimeAlerted ? 1 : 0) | (w.IdleTimeAlerted ? 2 : 0),
        ServedToday = w.Today.Served, HandlingTicksToday = w.Today.HandlingTicks, RatingsToday = w.Today.Ratings, RatingSumToday = w.Today.RatingSum,
        CallsToday = w.Today.Calls, WaitTicksToday = w.Today.WaitTicks, LastClerk = w.ClerkDay >= 0 ? _clerkDays[w.ClerkDay].Id : 0, LastTurn = w.LastTurn,
        LastFinishedClerk = ClerkDays.SavedId(w.LastFinishedBy, clerks), LastFinishedRated = w.LastFinishedRated,
        HeldTicket = w.HeldTicket, HoldUntil = w.HoldUntil, AlertDue = _timers.DueOf(AlertTimer(w)), AutoDue = _timers.DueOf(AutoTimer(w)),
        ExpectedHandlingTicks = w.State is WindowState.Calling or WindowState.Serving && w.Ticket >= 0 && _busy is not null
            ? _busy.Handling(w.Index, T(w.Ticket).ServingAt)
            : 0,
    };

    /// <summary>
    /// Saves one ticket from a record copied out of this hall. Reads only what never changes after construction (the
    /// compiled definition's ids and lists), so any thread may call it while the hall goes on.
    /// </summary>
    internal SavedTicket SaveTicket(in TicketRecord t, string? appointment, string? note, int? ratableClerk)
    {
        var category = _categories[t.Category];
        return new SavedTicket
        {
            Id = t.Id, Serial = t.Serial, Category = category.Id, Prefix = category.Prefix, Number = t.NumberSequence, Width = category.Width,
            State = t.State, Class = _classIds[t.Class], Items = [.. t.Items.ToArray().Select(s => _serviceIds[s])],
            Service = _serviceIds[t.Service], ItemIndex = t.ItemIndex, Recalls = t.Recalls, NoShows = t.NoShows, Rated = t.Rated, WaitLimitAlerted = t.WaitAlerted, Rank = t.Rank,
            IssuedAt = t.IssuedAt, EnqueuedAt = t.EnqueuedAt, ServingAt = t.ServingAt,
            Window = t.Window >= 0 ? _windowIds[t.Window] : 0,
            RatableWindow = t.RatableWindow switch
            {
                >= 0 => _windowIds[t.RatableWindow],
                TicketRecord.RatableAtRemovedWindow => SavedTicket.RemovedWindow,
                _ => 0,
            },
            QueueWindow = t.State == TicketState.Waiting && IsWindowList(t.List) ? _windowIds[t.List - (_services.Length * _classCount)] : 0,
            Appointment = appointment, Note = note, ParkDue = t.ParkDue, CalledAt = KeepsCallTime(t.State) ? t.EnqueuedAt : 0,
            CalledFromWindowQueue = t.State == TicketState.Called && t.CalledFromWindowQueue, RatableClerk = ratableClerk,
        };
    }

    /// <summary>
    /// Rebuilds a hall from <paramref name="definition"/> and a state saved by <see cref="SaveState"/>. Categories,
    /// items, windows and classes are matched by id: the definition may list them in another order, add new ones
    /// (they start fresh) or leave out ones nothing live refers to.
    /// </summary>
    /// <remarks>
    /// A state comes from a hall that ran on a definition accepted then, so a rule added to definitions since (prefixes
    /// that differ only in letter case, a negative proficiency, a name too long) does not keep the hall from coming
    /// back after an upgrade: the definition is restored as it is, and the engine logs each such rule it breaks
    /// (<see cref="QueueEngine.AddHall(HallDefinition, HallState)"/>, the journal's recovery). A definition that cannot
    /// make a working hall at all (an entry missing or unknown, a null name) is still refused. Adding or redefining a
    /// hall requires every rule.
    /// </remarks>
    /// <exception cref="ArgumentException">The state does not fit the definition (another hall, or a live ticket, open
    /// window or category in use that the definition lacks, or damaged); the message names the entry (ParamName "state";
    /// "definition" when the definition itself is invalid).</exception>
    public static Hall Restore(HallDefinition definition, HallState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var hall = new Hall(definition, laterRulesBroken: []);
        if (state.HallId != hall.Id)
        {
            throw new ArgumentException($"The saved state of hall '{state.HallId}' does not fit the definition of hall '{hall.Id}'.", nameof(state));
        }

        hall.RestoreFrom(state);
        return hall;
    }
}
