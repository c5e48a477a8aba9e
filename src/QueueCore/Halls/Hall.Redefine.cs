namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// A hall for <paramref name="definition"/> that continues this one: the day's queue, numbering, windows, timers and
    /// request ids carry over, matched by id. Windows, items, categories, priority classes and skills may be added,
    /// changed or removed (a removed window must be closed; a removed item, category or class must have no live ticket;
    /// a category's prefix may change only while none of its tickets is live). Numbering goes on per prefix until the next
    /// day opens: a category removed and added back the same day, or another category given its prefix, goes on after
    /// the last number that prefix gave today (B002 after the B001 already served), so no number is given twice in a
    /// day; the saved state keeps the prefixes of removed categories for this. Until then they count as the
    /// definition's own for the rule that no prefix is another followed by digits ("B" and "B1" could both print
    /// B101): a category given "B" the day "B1" was removed is refused. Likewise an item removed and added back the same
    /// day counts the tickets it issued before against its daily cap. A priority class whose head start changes has its
    /// live tickets re-ranked by the difference: the new head start applies to them too, and their waits (for the
    /// maximum wait and overflow delays) still count from when they were issued. The new hall's
    /// <see cref="LastEvents"/> hold a <see cref="HallEventKind.HallRedefined"/> event and any calls idle auto windows
    /// make with their new skills. This hall is left unchanged (discard it).
    /// </summary>
    /// <exception cref="ArgumentException">The definition is invalid, has another id, leaves out or renumbers something
    /// live, or gives a prefix that clashes with one removed today; the message names it and what to do first (e.g.
    /// "Hall 'x' cannot take the new definition while its day runs: window 2 is serving A012 but not in the definition;
    /// finish A012, park or transfer it at the window, then close the window before removing it."), ParamName
    /// "definition".</exception>
    public Hall Redefine(HallDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id != Id)
        {
            throw new ArgumentException($"A redefinition of hall '{Id}' must keep its id ('{definition.Id}' was given).", nameof(definition));
        }

        var next = new Hall(definition) { _redefining = true };
        next.RestoreFrom(KeepingStandings(SaveState(), next));
        next._eventCount = 0;
        if (now.UtcTicks > next._now)
        {
            next._now = now.UtcTicks;
        }

        next.ApplyChangedLimits(this);
        next.EmitHall(HallEventKind.HallRedefined, -1, 0);
        next.WarnOfLongQueues();
        foreach (var w in next._windows)
        {
            next.AutoCallIfIdle(w); // new skills may make waiting tickets eligible for idle auto windows
        }

        return next;
    }

    /// <summary>
    /// A ticket's rank is its standing (issue time, less resume bonuses and no-show places) minus its class's head start,
    /// and the hall counts its wait (for the maximum wait and overflow delays) from rank plus head start. A class whose
    /// head start the redefinition changes has its live tickets re-ranked by the difference, so their waits still count
    /// from their standing and the new head start applies to them as to the tickets issued after: kept as they were,
    /// a lowered head start made them overdue at once (a green ticket issued a minute ago "waited" an hour) and a raised
    /// one put their maximum wait off by the difference.
    /// </summary>
    private HallState KeepingStandings(HallState state, Hall next)
    {
        var tickets = state.Tickets;
        for (var i = 0; i < tickets.Length; i++)
        {
            var t = tickets[i];
            if (IsLive(t.State) && _classIndex.TryGetValue(t.Class, out var before) && next._classIndex.TryGetValue(t.Class, out var after)
                && _headStart[before] != next._headStart[after])
            {
                tickets[i] = t with { Rank = t.Rank + _headStart[before] - next._headStart[after] };
            }
        }

        return state;
    }

    /// <summary>
    /// The saved state carries the timers the old limits set; a limit the redefinition adds or changes applies to the
    /// tickets and windows already waiting, idle or serving too (counted from when they started, so one already past
    /// the new limit raises its alert at the next tick). The saved state carries the items' measured handling times too:
    /// an item whose expected handling time the redefinition changes has its estimates start from the new one (the
    /// manager corrected it), where the saved average, seeded from the old one, had kept it from having any effect; its
    /// services under way are expected to take the new time too.
    /// </summary>
    private void ApplyChangedLimits(Hall previous)
    {
        foreach (var s in _services)
        {
            var kept = previous._serviceIndex.TryGet(s.Id, out var old);
            var before = kept ? previous._services[old].WaitLimitTicks : 0;
            if (before == 0 && s.WaitLimitTicks > 0)
            {
                WatchWaitingFor(s.Index); // none was watched under no limit
            }

            if (ExpectedHandlingChanged(previous, s))
            {
                s.SetAverageHandling(s.Definition.ExpectedHandlingTime.Ticks);
            }
        }

        foreach (var w in _windows)
        {
            if (w.State is WindowState.Calling or WindowState.Serving && _services[T(w.Ticket).Service] is var served
                && ExpectedHandlingChanged(previous, served))
            {
                _busy?.Restart(w.Index, T(w.Ticket).ServingAt, served.AverageHandlingTicks);
            }

            if (w.State == WindowState.Idle && !w.IdleTimeAlerted && _idleLimitTicks != previous._idleLimitTicks)
            {
                _timers.Set(AlertTimer(w), _idleLimitTicks > 0 ? Later(IdleSpellStart(w), _idleLimitTicks) : long.MaxValue);
            }
            else if (w.State == WindowState.Serving && !w.ServiceTimeAlerted)
            {
                ref readonly var t = ref T(w.Ticket);
                var limit = _services[t.Service].ServiceTimeLimitTicks;
                var before = previous._serviceIndex.TryGet(_serviceIds[t.Service], out var old) ? previous._services[old].ServiceTimeLimitTicks : 0;
                if (limit != before)
                {
                    _timers.Set(AlertTimer(w), limit > 0 ? Later(t.ServingAt, limit) : long.MaxValue);
                }
            }
        }
    }

    /// <summary>Whether the redefinition changes the expected handling time of an item the running hall has too.</summary>
    private static bool ExpectedHandlingChanged(Hall previous, ServiceRecord s) =>
        previous._serviceIndex.TryGet(s.Id, out var old) && previous._services[old].Definition.ExpectedHandlingTime != s.Definition.ExpectedHandlingTime;

    /// <summary>
    /// A queue-length warning the redefinition adds or lowers applies to the queue as it is: a queue already at or past
    /// it warns now (a new ticket would otherwise be the first to), and one below a raised length is re-armed.
    /// </summary>
    private void WarnOfLongQueues()
    {
        foreach (var s in _services)
        {
            if (s.Waiting >= s.WarningLength && !s.WarningRaised)
            {
                s.WarningRaised = true;
                s.WarningRaisedAt = _now;
                EmitHall(HallEventKind.QueueLengthWarning, s.Index, s.Waiting);
            }
            else if (s.WarningRaised && s.Waiting < s.WarningLength)
            {
                s.WarningRaised = false;
            }
        }
    }

    /// <summary>Watches every ticket waiting for <paramref name="service"/> that has not raised its alert, in the order they
    /// started to wait (the order the watch list keeps live).</summary>
    private void WatchWaitingFor(int service)
    {
        var items = _tickets.Items;
        var waiting = new List<int>();
        for (var slot = 0; slot < _tickets.HighWater; slot++)
        {
            ref readonly var t = ref items[slot];
            if (t.Id != 0 && t.State == TicketState.Waiting && t.Service == service && !t.WaitAlerted)
            {
                waiting.Add(slot);
            }
        }

        waiting.Sort((a, b) => (items[a].EnqueuedAt, items[a].Serial).CompareTo((items[b].EnqueuedAt, items[b].Serial)));
        foreach (var slot in waiting)
        {
            _watch.Append(service, slot);
        }

        RearmWatch(service);
    }
}
