using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

internal sealed partial class Replication
{
    /// <summary>Mixed with a citizen's seed for the stream of their attributes; the handling times take the seed itself
    /// (plus the item), so the two never share numbers.</summary>
    private const ulong CitizenStream = 0xC1_71_2E_17;

    /// <summary>Schedules the service's next Poisson arrival after <paramref name="from"/>: the rate is constant
    /// within a slot, and the exponential gap is memoryless, so a gap that runs past its slot restarts at the next.</summary>
    private void ScheduleArrival(HallRun h, int s, long from)
    {
        var rates = h.Plan.Services[s].RatePerTick;
        ref var random = ref h.Streams[s];
        var slotStart = _plan.SlotStart;
        from = Math.Max(from, slotStart);
        for (var slot = (int)((from - slotStart) / _plan.SlotTicks); slot < rates.Length; slot++)
        {
            var slotEnd = slotStart + ((slot + 1) * _plan.SlotTicks);
            if (rates[slot] > 0)
            {
                var at = from + (long)random.NextExponential(1 / rates[slot]);
                if (at < slotEnd)
                {
                    _calendar.Push(at, SimEventKind.Arrival, s, 0);
                    return;
                }
            }

            from = slotEnd;
        }
    }

    private void Arrive(HallRun h, int s)
    {
        ScheduleArrival(h, s, _now);
        var plan = h.Plan.Services[s];

        // The service's stream gives each arrival its time and its citizen's own seed, two numbers whatever the citizen
        // is like; the citizen (class, extra items, absence, patience) is drawn from that seed. Drawn from the stream,
        // a what-if of the citizens' behaviour (more multi-item tickets, a patience) drew more numbers per arrival, and
        // every later citizen of the service came at another time: not the same citizens, as a what-if promises.
        var seed = h.Streams[s].NextUInt64();
        var random = new Xoshiro256(Xoshiro256.Mix(seed, CitizenStream));
        var u = random.NextDouble();
        var multi = random.NextDouble();
        var absent = random.NextDouble() < plan.NoShowShare;
        var patience = plan.Patience?.Sample(ref random) ?? 0;

        var global = h.Plan.NormalClass;
        var cumulative = plan.ClassCumulative;
        var picked = cumulative.Length; // the normal class's command, unless a class's share takes u
        var last = 0.0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (u < cumulative[i])
            {
                picked = i;
                global = plan.ClassGlobal[i];
                break;
            }

            last = cumulative[i];
        }

        var appointment = picked == cumulative.Length && u < last + plan.AppointmentShare;
        if (appointment)
        {
            global = h.Plan.AppointmentClass;
        }

        if (multi >= plan.MultiShare && !appointment)
        {
            Issue(h, plan.SingleItemIssues[picked], s, global, seed, -1, absent, patience); // the usual ticket
            return;
        }

        var items = multi < plan.MultiShare ? MultiItems(plan, ref random) : new ServiceItemList(plan.Id);
        var command = appointment
            ? HallCommand.IssueTicket(items, appointment: AppointmentReferences.Get(h.Appointments++), appointmentSlot: new DateTimeOffset(DayTicks + _now, TimeSpan.Zero))
            : HallCommand.IssueTicket(items, priorityClass: picked < cumulative.Length ? plan.ClassIds[picked] : null);
        Issue(h, command, s, global, seed, -1, absent, patience);
    }

    private static ServiceItemList MultiItems(ServicePlan plan, ref Xoshiro256 random)
    {
        Span<int> pool = stackalloc int[plan.MultiItems.Length];
        plan.MultiItems.CopyTo(pool);
        var extra = 1 + random.NextInt(plan.MaxExtra);
        Span<int> items = stackalloc int[1 + extra];
        items[0] = plan.Id;
        for (var i = 0; i < extra; i++)
        {
            var pick = i + random.NextInt(pool.Length - i); // a partial Fisher-Yates shuffle: no repeats
            (pool[i], pool[pick]) = (pool[pick], pool[i]);
            items[1 + i] = pool[i];
        }

        return new ServiceItemList(items);
    }

    private void ArriveFromTrace(HallRun h, int index)
    {
        var trace = h.Plan.Trace!;
        if (index + 1 < trace.Length)
        {
            _calendar.Push(trace[index + 1].Arrival.Ticks, SimEventKind.TraceArrival, index + 1, 0);
        }

        var t = trace[index];
        Span<int> ids = stackalloc int[t.Items.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = t.Items[i].Service;
        }

        var command = HallCommand.IssueTicket(
            new ServiceItemList(ids), t.Age, t.Flags, t.PriorityClass, appointment: t.AppointmentSlot is null ? null : AppointmentReferences.Get(h.Appointments++),
            appointmentSlot: ReplayedSlot(t, h.Plan.Definition.Priority) is { } slot ? new DateTimeOffset(DayTicks + slot.Ticks, TimeSpan.Zero) : default);
        // A citizen who left that day leaves at the same instant unless a window has called them (a traced patience).
        // The others get the first item's service's patience, if the scenario gives one: a what-if of fewer windows
        // then shows who would give up waiting. Drawn from the citizen's own seed, one number per traced ticket from
        // the service's stream whatever the scenario, so two staffings replay the same citizens (common random numbers).
        var s = h.Plan.ServiceIndexById[ids[0]];
        var seed = h.Streams[s].NextUInt64();
        var patience = 0L;
        if (t.Left is { } left)
        {
            patience = Math.Max(1, (left - t.Arrival).Ticks);
        }
        else if (h.Plan.Services[s].Patience is { } given)
        {
            var random = new Xoshiro256(Xoshiro256.Mix(seed, CitizenStream));
            patience = given.Sample(ref random);
        }

        Issue(h, command, s, -1, seed, index, absent: false, patience);
    }

    /// <summary>Whether the ticket is a traced citizen who left that day: they leave at that instant whatever item they
    /// then wait for; any other patience runs until the first call only.</summary>
    private static bool LeavesAtTracedTime(HallRun h, in SimTicket t) => t.Trace >= 0 && h.Plan.Trace![t.Trace].Left is not null;

    /// <summary>The slot a traced check-in gives the hall: the traced one, unless the trace says whether the real hall
    /// found it on time (<see cref="TraceTicket.AppointmentOnTime"/>): then at the arrival (on time by any early window
    /// and grace period) or past the replaying hall's grace period (late), so the hall judges it as the real one did.</summary>
    private static TimeSpan? ReplayedSlot(TraceTicket t, PriorityPolicy policy) => t.AppointmentOnTime switch
    {
        true => t.Arrival,
        false => t.Arrival - policy.AppointmentGracePeriod - TimeSpan.FromTicks(1), // a scenario keeps the default grace period: no overflow
        null => t.AppointmentSlot,
    };

    /// <summary>Issues a ticket whose first item is the hall's service <paramref name="first"/>; <paramref name="cls"/>
    /// is its global class when known, or -1 to read it from the hall's event (classes derived by the hall's rules).</summary>
    private void Issue(HallRun h, in HallCommand command, int first, int cls, ulong seed, int trace, bool absent, long patience)
    {
        var result = Apply(h, command);
        if (!result.IsSuccess)
        {
            if (_now >= _plan.WarmupEnd) // a warm-up's refusals are left out, as its tickets are from every figure
            {
                _stats.Refused++;
                _stats.RefusedCell(h.Plan.Services[first].Global, _now)++;
            }

            return;
        }

        _stats.Issued++;
        if (++_live > _stats.PeakLive)
        {
            _stats.PeakLive = _live;
        }

        if (cls < 0)
        {
            foreach (ref readonly var e in h.Hall.LastEvents)
            {
                if (e.Kind == HallEventKind.TicketIssued)
                {
                    cls = h.Plan.ClassGlobal[e.PriorityClass!];
                    break;
                }
            }
        }

        var service = h.Plan.ServiceIndexById[result.Service];
        ref var t = ref h.Tickets.Add(result.Ticket);
        t.Arrival = _now;
        t.WaitStart = _now;
        t.Seed = seed;
        t.Trace = trace;
        t.Service = (short)service;
        t.Class = (byte)cls;
        t.Absent = absent;
        t.Counted = _now >= _plan.WarmupEnd;
        if (t.Counted)
        {
            _stats.Cell(h.Plan.Services[service].Global, cls, _now).Arrivals++;
        }

        Scan(h);
        if (patience > 0 && ((trace >= 0 && h.Plan.Trace![trace].Left is not null) || h.Tickets.Find(result.Ticket).Phase == TicketPhase.Waiting)) // a traced leaver may leave waiting for a later item
        {
            var deadline = _now + patience;
            h.Deadlines.Enqueue(result.Ticket, deadline);
            if (deadline < h.ScheduledAbandon)
            {
                h.ScheduledAbandon = deadline;
                _calendar.Push(deadline, SimEventKind.Abandon, 0, 0);
            }
        }
    }

    /// <summary>The hall's earliest patience deadline has come: everyone whose patience ran out and who still waits for
    /// their first call (a traced citizen who left: for any call) leaves; then the event is set for the next deadline.</summary>
    private void Abandon(HallRun h, long time)
    {
        if (time != h.ScheduledAbandon)
        {
            return; // superseded by an earlier deadline, which rescheduled this one
        }

        h.ScheduledAbandon = long.MaxValue;
        while (h.Deadlines.TryPeek(out var ticket, out var due))
        {
            // Patience runs until the first call; a ticket gone or on a later item never waits for it again, so its
            // deadline is dropped now rather than given a calendar event of its own (most deadlines are such). A traced
            // citizen's is the instant they left that day, whatever item they then waited for.
            ref var t = ref h.Tickets.Find(ticket);
            var over = Unsafe.IsNullRef(ref t) || (t.Item != 0 && !LeavesAtTracedTime(h, t));
            if (due > _now && !over)
            {
                break;
            }

            h.Deadlines.Dequeue();
            if (over || t.Phase != TicketPhase.Waiting)
            {
                continue; // called (a no-show may bring it back to wait for its first call: hence kept until due)
            }

            t.Abandoning = true;
            Apply(h, HallCommand.Cancel(ticket));
            Scan(h);
        }

        if (h.Deadlines.TryPeek(out _, out var next))
        {
            h.ScheduledAbandon = next;
            _calendar.Push(next, SimEventKind.Abandon, 0, 0);
        }
    }
}
