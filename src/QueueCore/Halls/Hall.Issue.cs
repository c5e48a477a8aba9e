namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>The most tickets a hall may issue in its life: ids carry the serial above the slot bits.</summary>
    private const long MaxSerial = (1L << (63 - TicketTable.SlotBits)) - 1;

    private int IssueTicket(in HallCommand command)
    {
        if (_day != HallDayState.Open)
        {
            return RefuseIssueClosed();
        }

        var list = command.Services;
        var requested = list.AsSpan();
        if (requested.IsEmpty)
        {
            return RefuseInvalid("A ticket needs at least one service item.");
        }

        if ((command.Flags & ~HallCompiler.AllFlags) != 0)
        {
            return RefuseUnknownFlags(command.Flags);
        }

        if (command.Appointment is not null && AppointmentRefused(command.Appointment, command.AppointmentSlot))
        {
            return Refusal; // empty, without its slot, or checked in already today (Hall.Appointments.cs)
        }

        // Judged once, for the cap, the class and the result: a check-in not on time queues as a walk-in, and is told so.
        var onTime = command.Appointment is null || AppointmentOnTime(command.AppointmentSlot);

        // A booking reserved its citizen's place: an on-time check-in is not turned away because the day's walk-ins took
        // every ticket the cap allows (it still counts as issued). One not on time is a walk-in, and the cap applies.
        var booked = command.Appointment is not null && onTime;

        // A buffer in a local rather than stackalloc: a method that allocates on the stack is compiled fully optimised
        // at once and so misses the profile-guided tier the rest of the hot path gets.
        var buffer = default(ServiceItemList.Buffer);
        Span<int> items = buffer;
        for (var i = 0; i < requested.Length; i++)
        {
            var id = requested[i];
            if (!_serviceIndex.TryGet(id, out var s))
            {
                return RefuseUnknownService(id);
            }

            if (items[..i].Contains(s))
            {
                return RefuseItemTwice(id);
            }

            var svc = _services[s];
            if (svc.IssuedToday >= svc.DailyCap && !booked)
            {
                return RefuseCapReached(svc);
            }

            if (svc.Hours.Length > 0 && !WithinIssuingHours(svc.Hours))
            {
                return RefuseOutsideHours(svc);
            }

            items[i] = s;
        }

        var cls = _normalClass;
        if (command.PriorityClass is not null && !_classIndex.TryGetValue(command.PriorityClass, out cls))
        {
            return RefuseUnknownClass(command.PriorityClass);
        }

        if (command.PriorityClass is null)
        {
            cls = ClassFor(command, onTime);
        }

        var slot = _serial < MaxSerial ? _tickets.Allocate(_serial + 1) : -1;
        if (slot < 0)
        {
            return RefuseHallFull();
        }

        _serial++;
        _live++;
        var first = _services[items[0]];
        ref var t = ref T(slot);
        var category = _categories[first.Category];
        t.Category = (short)first.Category;
        t.NumberSequence = ++category.Sequence;
        t.NumberPrefix = (ushort)category.PrefixText;
        t.NumberWidth = (byte)category.Width;
        t.Class = (byte)cls;
        t.Items.Assign(items[..requested.Length]);
        t.Service = items[0];
        t.IssuedAt = _now;
        t.Rank = _now - _headStart[cls];
        if (command.Appointment is not null)
        {
            CheckIn(slot, command.Appointment);
        }

        foreach (var s in items[..requested.Length])
        {
            _services[s].IssuedToday++;
        }

        var position = Position(slot);
        var estimate = EstimateTicks(t, position);
        Emit(HallEventKind.TicketIssued, slot, -1, position);
        EnqueueForService(slot);
        _checkInNotOnTime = !onTime;
        return Waiting(slot, position, estimate);
    }

    /// <summary>Whether the hall-local time of day is within one of the [from, to) spans (time-of-day ticks).</summary>
    private bool WithinIssuingHours(long[] hours)
    {
        // The zone's offset changes only on quarter hours of UTC in every real time zone, so it is looked up once per
        // quarter hour rather than per ticket.
        var block = _now / (15 * TimeSpan.TicksPerMinute);
        if (block != _zoneBlock)
        {
            _zoneOffsetTicks = _zone.GetUtcOffset(new DateTime(_now, DateTimeKind.Utc)).Ticks;
            _zoneBlock = block;
        }

        var local = ((_now + _zoneOffsetTicks) % TimeSpan.TicksPerDay + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay;
        for (var i = 0; i < hours.Length; i += 2)
        {
            if (local >= hours[i] && local < hours[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The class the hall's rules give a kiosk's attributes (the highest head start of the matching rules), or the
    /// appointment class for an on-time check-in (<paramref name="onTime"/>) unless a rule gave a longer head start;
    /// normal otherwise. A match gives its class whatever its head start (a class without one still goes to its
    /// dedicated windows and is counted apart). Kiosks never pick a class.
    /// </summary>
    private int ClassFor(in HallCommand command, bool onTime)
    {
        const int none = ClassRules.NoMatch;
        var rules = _rules;
        var cls = rules.ByFlags[(int)command.Flags & 15];
        var age = command.Age;
        if (age > 0)
        {
            for (var i = 0; i < rules.AgeMin.Length; i++)
            {
                if (age >= rules.AgeMin[i] && (cls == none || _headStart[rules.AgeClass[i]] > _headStart[cls]))
                {
                    cls = rules.AgeClass[i];
                }
            }
        }

        if (command.Appointment is not null && onTime && _appointmentClass >= 0 && (cls == none || _headStart[_appointmentClass] >= _headStart[cls]))
        {
            cls = _appointmentClass;
        }

        return cls == none ? _normalClass : cls;
    }

    /// <summary>Whether a check-in now for the slot starting at <paramref name="slot"/> is on time: from the policy's
    /// <see cref="PriorityPolicy.AppointmentEarlyWindow"/> before it through its <see cref="PriorityPolicy.AppointmentGracePeriod"/>
    /// after it (the day export writes what the hall found, for a replay whose hall may judge otherwise).</summary>
    internal bool AppointmentOnTime(DateTimeOffset slot)
    {
        // As distances from the slot: the slot plus a grace period of TimeSpan.MaxValue overflowed, and an on-time
        // check-in lost its class. Both instants lie within DateTimeOffset's range, so their difference cannot.
        var start = slot.UtcTicks;
        return start - _now <= _earlyTicks && _now - start <= _graceTicks;
    }
}
