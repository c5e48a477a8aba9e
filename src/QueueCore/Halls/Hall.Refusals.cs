using System.Runtime.CompilerServices;

namespace QueueCore;

/// <remarks>
/// This part: every refusal, out of line. Building a message (string interpolation, formatting) needs stack space
/// and code the success path never uses; keeping it here keeps the handlers' frames small and their hot paths
/// tight. The refusals clerks cause all day (a double press, a call on an empty queue) reuse messages built once.
/// </remarks>
public sealed partial class Hall
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Refused(QueueError error, string message) => Refuse(error, message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseInvalid(string message) => Refuse(QueueError.InvalidArgument, message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseUnknownKind(CommandKind kind) =>
        Refuse(QueueError.InvalidArgument, $"Unknown command kind {(int)kind}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseIssueClosed() => Refuse(QueueError.Closed, _day == HallDayState.Closed
        ? $"Hall '{Id}' has no open day; tickets are issued only after the day is opened."
        : $"Hall '{Id}' is closed for new tickets; the windows are serving the remaining ones.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseOverlongText(in HallCommand command) => command switch
    {
        { Reason: { } reason } when !TextLength.Fits(reason, HallCommand.MaxReasonLength) =>
            RefuseInvalid(TextLength.TooLong("Reason", reason, HallCommand.MaxReasonLength)),
        { Appointment: { Length: > HallCommand.MaxAppointmentLength } appointment } =>
            RefuseInvalid($"Appointment is {appointment.Length} characters long; at most {HallCommand.MaxAppointmentLength} are accepted."),
        _ => RefuseInvalid($"PriorityClass is {command.PriorityClass!.Length} characters long; at most {HallCommand.MaxPriorityClassLength} are accepted."),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseUnknownFlags(TicketFlags flags) =>
        Refuse(QueueError.InvalidArgument, $"Unknown ticket flags {(int)flags}; the known ones are {HallCompiler.AllFlags}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseUnknownService(int id) => Refuse(QueueError.UnknownService, $"Hall '{Id}' has no service item {id}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseItemTwice(int id) =>
        Refuse(QueueError.InvalidArgument, $"Service item {id} is listed twice on one ticket.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseCapReached(ServiceRecord svc) => Refuse(QueueError.LimitReached,
        $"{ItemAsCitizensKnowIt(svc)} has reached its daily cap of {svc.DailyCap} ticket{(svc.DailyCap == 1 ? "" : "s")}: no more tickets for it today.");

    /// <summary>An item in a refusal a citizen reads at the kiosk: its id and, when it has one, its name.</summary>
    private static string ItemAsCitizensKnowIt(ServiceRecord svc) =>
        svc.Definition.Name.Length > 0 ? $"Service item {svc.Id} ({svc.Definition.Name})" : $"Service item {svc.Id}";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseOutsideHours(ServiceRecord svc)
    {
        // What the citizen at the kiosk needs: which service, its hours, and when to come back (hall-local times; the
        // offset is the one WithinIssuingHours just looked up).
        var local = ((_now + _zoneOffsetTicks) % TimeSpan.TicksPerDay + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay;
        List<string> spans = [.. svc.Definition.IssuingHours.OrderBy(h => h.From).Select(h => h.ToString())];
        long next = -1;
        for (var i = 0; i < svc.Hours.Length; i += 2)
        {
            if (svc.Hours[i] > local && (next < 0 || svc.Hours[i] < next))
            {
                next = svc.Hours[i];
            }
        }

        var hours = spans.Count == 1 ? spans[0] : $"{string.Join(", ", spans[..^1])} and {spans[^1]}";
        var when = next < 0 ? "no more today" : $"tickets again from {Clock(Shown(next))}";
        return Refuse(QueueError.Closed,
            $"{ItemAsCitizensKnowIt(svc)} issues tickets {hours} (hall time); it is {Clock(local)}: {when}.");

        // A start the clocks skip today (02:30 the night they go forward) comes when they show the first time after the
        // gap (03:00): the hours are read on the hall's clock. Named as such, not as a time that never shows.
        long Shown(long timeOfDay)
        {
            var midnight = _now + _zoneOffsetTicks - local;
            if (midnight < 0 || midnight > DateTime.MaxValue.Ticks - (2 * TimeSpan.TicksPerDay))
            {
                return timeOfDay;
            }

            var at = new DateTime(midnight + timeOfDay, DateTimeKind.Unspecified);
            for (var i = 0; i < 24 * 60 && _zone.IsInvalidTime(at); i++)
            {
                at = at.AddMinutes(1);
            }

            return at.TimeOfDay.Ticks;
        }

        static string Clock(long timeOfDay) => TimeOnly.FromTimeSpan(new TimeSpan(timeOfDay % TimeSpan.TicksPerDay))
            .ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseUnknownClass(string id) => id.Length == 0
        ? RefuseInvalid($"PriorityClass is empty; give a class id of hall '{Id}', or none (null) for the class its rules give.")
        : Refuse(QueueError.UnknownClass, $"Hall '{Id}' has no priority class '{id}'.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseHallFull() => Refuse(QueueError.LimitReached, $"Hall '{Id}' holds the most live tickets it can.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseUnknownWindow(int id) => Refuse(QueueError.UnknownWindow, $"Hall '{Id}' has no window {id}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseUnknownTicket(long id) =>
        Refuse(QueueError.UnknownTicket, $"Hall '{Id}' has no ticket {id} (unknown, or finished too long ago).");

    /// <summary>
    /// A window command for a ticket the window does not have (another keypad, or an earlier press, finished it and the
    /// window moved on): both tickets by their numbers, and where the named one is now. Or for the ticket it has, but for
    /// an item it is no longer at (see <see cref="RefuseOtherItem"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseOtherTicket(WindowRecord w, in HallCommand command)
    {
        var ticket = command.Ticket;
        if (ticket == 0)
        {
            return RefuseInvalid($"TicketService ({command.NamedTicketService}) names the item of the ticket the terminal shows: " +
                "name that ticket too (Ticket), or leave TicketService unset.");
        }

        if (w.Ticket >= 0 && T(w.Ticket).Id == ticket)
        {
            return RefuseOtherItem(w, command.NamedTicketService);
        }

        var has = w.Ticket >= 0 ? NumberOf(T(w.Ticket)).ToString() : "no ticket";
        var slot = _tickets.Find(ticket);
        if (slot < 0)
        {
            return Refuse(QueueError.TicketWrongState, $"Window {w.Id} has {has}, not ticket {ticket} (the hall has no such ticket).");
        }

        ref readonly var t = ref T(slot);
        var now = t.State == TicketState.Completed ? "was finished already" : $"is {StandingOf(t)}";
        return Refuse(QueueError.TicketWrongState, $"Window {w.Id} has {has}, not {NumberOf(t)}: {NumberOf(t)} {now}.");
    }

    /// <summary>
    /// A window command for the window's ticket, but for an item the ticket is no longer at: a visit whose next item the
    /// window called straight back, after a double press's first press finished the item the terminal showed. Both items,
    /// and what became of the named one.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseOtherItem(WindowRecord w, int item)
    {
        ref readonly var t = ref T(w.Ticket);
        var number = NumberOf(t);
        var now = ItemInWords(t.Service);
        if (!_serviceIndex.TryGet(item, out var named))
        {
            return Refuse(QueueError.UnknownService, $"Window {w.Id} has {number} for {now}; hall '{Id}' has no service item {item}.");
        }

        var shown = ItemInWords(named);
        var fate = FinishedBefore(t, named) ? $"{shown} was finished already"
            : t.Items.ContainsFrom(t.ItemIndex + 1, named) ? $"{shown} is still to come"
            : $"{number} is no longer for {shown}"; // a transfer sent it on to another item
        return Refuse(QueueError.TicketWrongState, $"Window {w.Id} has {number} for {now} now, not for {shown}: {fate}.");

        static bool FinishedBefore(in TicketRecord t, int service)
        {
            for (var i = 0; i < t.ItemIndex; i++)
            {
                if (t.Items[i] == service)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>An item (dense) in a clerk's message: its name, or "item 7" when it has none.</summary>
    private string ItemInWords(int service) =>
        _services[service].Definition.Name is { Length: > 0 } name ? name : $"item {_serviceIds[service]}";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseTicketNotWaiting(int slot) => RefuseInvalidState(slot, "is not waiting");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseInvalidState(int slot, string what)
    {
        ref readonly var t = ref T(slot);
        return Refuse(QueueError.TicketWrongState, $"Ticket {NumberOf(t)} {what} (it is {StandingOf(t)}).");
    }

    /// <summary>
    /// Where a ticket stands, for a refusal's message ("it is ...", "which is ..."): at a window, which one, so the clerk
    /// who lost a race for the ticket tells the citizen where they went; otherwise its state in words ("a no-show", not
    /// the enum's "noshow").
    /// </summary>
    private string StandingOf(in TicketRecord t) => t.State switch
    {
        TicketState.Called => $"called to window {_windowIds[t.Window]}",
        TicketState.Serving => $"being served at window {_windowIds[t.Window]}",
        TicketState.NoShow => "a no-show",
        var other => other.ToString().ToLowerInvariant(),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseNotEligible(WindowRecord w, int slot)
    {
        ref readonly var t = ref T(slot);
        return Refuse(QueueError.NotEligible, IsWindowList(t.List)
            ? $"Ticket {NumberOf(t)} was sent to another window."
            : $"Window {w.Id} does not serve item {_serviceIds[t.Service]} of ticket {NumberOf(t)}.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseNotWindowsTicket(WindowRecord w, int slot)
    {
        ref readonly var t = ref T(slot);
        var at = t.State switch
        {
            TicketState.Called or TicketState.Serving => $"it is {t.State.ToString().ToLowerInvariant()} at window {_windowIds[t.Window]}",
            TicketState.Waiting when IsWindowList(t.List) => "it waits for another window",
            TicketState.Waiting or TicketState.Parked => $"window {w.Id} does not serve its item {_serviceIds[t.Service]}",
            _ => LastServiceAt(t),
        };
        return Refuse(QueueError.NotEligible, $"Ticket {NumberOf(t)} is not window {w.Id}'s: {at}.");
    }

    /// <summary>Where the ticket's last finished service was, for a refusal's message.</summary>
    private string LastServiceAt(in TicketRecord t) => t.RatableWindow switch
    {
        >= 0 => $"its last service was at window {_windowIds[t.RatableWindow]}",
        TicketRecord.RatableAtRemovedWindow => "its last service was at a window removed since",
        _ => "it has no finished service",
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseRecallLimit(int slot)
    {
        ref readonly var t = ref T(slot);
        return Refuse(QueueError.LimitReached, $"Ticket {NumberOf(t)} has been recalled {t.Recalls} times, the limit; mark it a no-show.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseClerkBusy(int clerk, WindowRecord other) =>
        Refuse(QueueError.ClerkBusy, $"Clerk {clerk} is already at window {other.Id}; close it first.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseDayClosedForWaiting(int slot, string what) =>
        Refuse(QueueError.DayWrongState,
            $"Hall '{Id}' has closed its day: ticket {NumberOf(T(slot))} cannot wait again, so it cannot be {what}; finish it or mark a no-show.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseDayStillLive()
    {
        // Every ticket the manager must see to, grouped by what it needs, the blocking ones first: one being served is
        // finished (it cannot be marked a no-show), one called is started or marked a no-show; only then those a
        // cancelling close takes away. Windows by id, as the manager walks the hall: the windows' definition order,
        // cut at three, left out the fourth window's ticket and named no ticket waiting. After a cancelling close only
        // tickets at windows are left: telling the manager to close with CancelWaiting again sent them to do what they
        // had done. Once a day at most, so built plainly.
        List<string> served = [], called = [], waiting = [], parked = [];
        foreach (var w in _windows.Where(w => w.Ticket >= 0).OrderBy(w => w.Id))
        {
            (w.State == WindowState.Calling ? called : served).Add($"{NumberOf(T(w.Ticket))} at window {w.Id}");
        }

        for (var slot = 0; slot < _tickets.HighWater; slot++)
        {
            ref readonly var t = ref T(slot);
            if (t.Id != 0 && t.State is TicketState.Waiting or TicketState.Parked)
            {
                (t.State == TicketState.Waiting ? waiting : parked).Add(NumberOf(t).ToString());
            }
        }

        var steps = new List<string>(3);
        if (served.Count > 0)
        {
            steps.Add($"finish {Listed(served, 10)} (being served)");
        }

        if (called.Count > 0)
        {
            steps.Add($"serve or mark a no-show {Listed(called, 10)} (called)");
        }

        if (waiting.Count + parked.Count > 0)
        {
            var left = string.Join(" and ", new[] { (waiting, "waiting"), (parked, "parked") }
                .Where(g => g.Item1.Count > 0).Select(g => $"{g.Item1.Count} {g.Item2} ({Listed(g.Item1, 5)})"));
            steps.Add(_day != HallDayState.Closed ? $"close the day with {nameof(DayClosePolicy.CancelWaiting)}, which cancels {left}" : $"cancel {left}");
        }

        var tickets = _live == 1 ? "1 ticket" : $"{_live} tickets";
        return Refuse(QueueError.DayWrongState,
            $"Hall '{Id}' still has {tickets} of the previous day, and numbering restarts only once none is left: {(steps.Count > 0 ? string.Join("; ", steps) : "finish or cancel them")}.");

        // "A, B and C", at most max named ("A, B and 3 more"), so the message stays short enough to be read (and sent) whole.
        static string Listed(List<string> items, int max) => items.Count <= max
            ? items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}"
            : $"{string.Join(", ", items.Take(max))} and {items.Count - max} more";
    }

    /// <summary>
    /// A window in the wrong state for a command. Clerks press keys twice and call on empty queues all day, so these
    /// messages are built once per window, refusal and state and then reused: such a refusal allocates nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefuseWindowState(WindowRecord w, WindowRefusal refusal)
    {
        if (refusal == WindowRefusal.AlreadyOpen)
        {
            // Built once per opening (the clerk is the opening's; OpenWindow forgets it): a terminal that opens its
            // window again, a retry without a request id, allocates nothing.
            return Refuse(QueueError.WindowWrongState, w.Message(refusal, static w => w.Clerk == 0
                ? $"Window {w.Id} is already open."
                : $"Window {w.Id} is already open (clerk {w.Clerk})."));
        }

        if (refusal == WindowRefusal.NothingWaiting)
        {
            return Refuse(QueueError.NothingWaiting, w.Message(refusal, static w => $"No ticket that window {w.Id} may serve is waiting."));
        }

        if (refusal == WindowRefusal.NotPaused)
        {
            return Refuse(QueueError.WindowWrongState, w.Message(refusal, static w => $"Window {w.Id} is not paused (it is {WindowRecord.StateName(w.State)})."));
        }

        if (w.State is WindowState.Closed or WindowState.Paused)
        {
            return Refuse(QueueError.WindowNotOpen, w.Message(WindowRefusal.NotOpen, static w => $"Window {w.Id} is {WindowRecord.StateName(w.State)}."));
        }

        return Refuse(QueueError.WindowWrongState, w.Message(refusal, refusal switch
        {
            // What the clerk can do with the ticket in its state: a called one cannot be finished or parked yet, nor a
            // served one marked a no-show.
            WindowRefusal.HasTicket => static w => w.State == WindowState.Calling
                ? $"Window {w.Id} has a ticket (it is calling); start serving it, mark a no-show, or transfer or cancel it, first."
                : $"Window {w.Id} has a ticket (it is {WindowRecord.StateName(w.State)}); finish, park or transfer it first.",
            WindowRefusal.NothingCalled => static w => $"Window {w.Id} has no called ticket (it is {WindowRecord.StateName(w.State)}).",
            _ => static w => $"Window {w.Id} is not serving a ticket (it is {WindowRecord.StateName(w.State)}).",
        }));
    }
}
