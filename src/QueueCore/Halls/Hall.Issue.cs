namespace QueueCore;

public sealed partial class Hall
{
    private CommandResult IssueTicket(in HallCommand command)
    {
        if (_day != HallDayState.Open)
        {
            return CommandResult.Fail(QueueError.Closed, _day == HallDayState.Closed
                ? $"Hall '{Id}' has no open day; tickets are issued only after the day is opened."
                : $"Hall '{Id}' is closed for new tickets; the windows are serving the remaining ones.");
        }

        var count = command.Services.Count;
        if (count == 0)
        {
            return CommandResult.Fail(QueueError.InvalidArgument, "A ticket needs at least one service item.");
        }

        Span<int> items = stackalloc int[ServiceItemList.Capacity];
        for (var i = 0; i < count; i++)
        {
            var id = command.Services[i];
            if (!_serviceIndex.TryGetValue(id, out var s))
            {
                return CommandResult.Fail(QueueError.UnknownService, $"Hall '{Id}' has no service item {id}.");
            }

            if (items[..i].Contains(s))
            {
                return CommandResult.Fail(QueueError.InvalidArgument, $"Service item {id} is listed twice on one ticket.");
            }

            var svc = _services[s];
            if (svc.Definition.DailyCap is { } cap && svc.IssuedToday >= cap)
            {
                return CommandResult.Fail(QueueError.LimitReached, $"Service item {id} has reached its daily cap of {cap} tickets.");
            }

            if (svc.Definition.IssuingHours.Count > 0 && !WithinIssuingHours(svc.Definition.IssuingHours))
            {
                return CommandResult.Fail(QueueError.Closed, $"Service item {id} is outside its issuing hours.");
            }

            items[i] = s;
        }

        if (!TryResolveClass(command, out var cls, out var error))
        {
            return error;
        }

        var slot = _tickets.Allocate(_serial + 1);
        if (slot < 0)
        {
            return CommandResult.Fail(QueueError.LimitReached, $"Hall '{Id}' holds the most live tickets it can.");
        }

        _serial++;
        var first = _services[items[0]];
        var category = _categories[first.Category];
        ref var t = ref T(slot);
        t.Category = (short)first.Category;
        t.NumberSequence = ++category.Sequence;
        t.Class = (byte)cls;
        t.Items = new ServiceItemList(items[..count]);
        t.Service = items[0];
        t.IssuedAt = _now;
        t.Rank = _now - _headStart[cls];
        _tickets.Appointment(slot) = command.Appointment;
        foreach (var s in items[..count])
        {
            _services[s].IssuedToday++;
        }

        var position = Position(slot);
        var estimate = EstimateTicks(t.Service, position);
        Emit(HallEventKind.TicketIssued, slot, -1, position);
        EnqueueForService(slot);
        return Ok(slot, position, estimate);
    }

    private bool WithinIssuingHours(IReadOnlyList<IssuingHours> hours)
    {
        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(_nowOffset, _zone).TimeOfDay);
        foreach (var h in hours)
        {
            if (local.IsBetween(h.From, h.To))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The ticket's class: an explicit class (staff), else the best of the classes the hall's rules give for the
    /// kiosk's attributes and of the appointment class for an on-time check-in, else normal.
    /// </summary>
    private bool TryResolveClass(in HallCommand command, out int cls, out CommandResult error)
    {
        error = default;
        if (command.PriorityClass is not null)
        {
            if (_classIndex.TryGetValue(command.PriorityClass, out cls))
            {
                return true;
            }

            error = CommandResult.Fail(QueueError.UnknownClass, $"Hall '{Id}' has no priority class '{command.PriorityClass}'.");
            return false;
        }

        cls = _normalClass;
        var rules = Definition.Priority.Rules;
        for (var i = 0; i < _ruleClass.Length; i++)
        {
            var rule = rules[i];
            var matches = (rule.MinAge is { } age && command.Age > 0 && command.Age >= age)
                          || (rule.AnyFlags != TicketFlags.None && (command.Flags & rule.AnyFlags) != 0);
            if (matches && _headStart[_ruleClass[i]] > _headStart[cls])
            {
                cls = _ruleClass[i];
            }
        }

        if (command.Appointment is not null && _appointmentClass >= 0 && OnTime(command.AppointmentSlot)
            && _headStart[_appointmentClass] > _headStart[cls])
        {
            cls = _appointmentClass;
        }

        return true;
    }

    private bool OnTime(DateTimeOffset slotStart)
    {
        var p = Definition.Priority;
        var start = slotStart.UtcTicks;
        return _now >= start - p.AppointmentEarlyWindow.Ticks && _now <= start + p.AppointmentGracePeriod.Ticks;
    }
}
