namespace QueueCore;

/// <remarks>
/// This part: the day a hall takes over from a hall with its id removed from the engine the same day. The numbers that
/// hall gave are on paper in the hands of citizens still in the building (a removal drops its tickets, not its
/// citizens), its items' daily caps have given what they gave, and the appointments that checked in have had their
/// visit. So a hall added again with the id and opened the same day (on its own clocks) numbers on after those numbers,
/// counts those tickets against each item's <see cref="ServiceItem.DailyCap"/> and refuses those references as
/// <see cref="QueueError.AlreadyCheckedIn"/>, as the hall would have had it been kept: it starts fresh only on a later
/// day, or when the removed hall's day had been closed with no ticket left in it (a kept hall opened again then starts
/// fresh too).
/// </remarks>
public sealed partial class Hall
{
    /// <summary>Per prefix, the last number a removed hall with this id gave on its last day; empty when none. Taken
    /// when this hall's day opens (or at once, for a hall restored with its day open) if before <see cref="_carriedUntil"/>.</summary>
    private SavedCategory[] _carried = [];

    /// <summary>Per item, the tickets that removed hall issued on its last day (for the daily caps); taken with <see cref="_carried"/>.</summary>
    private SavedService[] _carriedIssued = [];

    /// <summary>The appointment references that removed hall checked in on its last day; taken with <see cref="_carried"/>.</summary>
    private SavedCheckIn[] _carriedCheckIns = [];

    /// <summary>The end of the removed hall's date on the hall's clocks (UTC ticks): the next midnight after its removal.</summary>
    private long _carriedUntil;

    /// <summary>
    /// What this hall, being removed at <paramref name="removedAt"/> (UTC ticks; 0 when the engine's clock failed: its
    /// own then), leaves to a hall added again with its id: its day's numbering, issued counts and check-ins, and the end
    /// of its date, and its ticket serial. Only the serial when a kept hall's next day would start fresh anyway (its day
    /// closed, no ticket left in it) and it carries nothing itself, or it numbered nothing; null when it gave no id either.
    /// </summary>
    internal CarriedDay? DayLeftAtRemoval(long removedAt)
    {
        var at = Math.Max(removedAt, _now);
        var pending = _carriedUntil > at; // added again, then removed again before its day opened: pass on what it carries
        if (_day == HallDayState.Closed && _live == 0)
        {
            return pending ? new CarriedDay(_carried, _carriedIssued, _carriedCheckIns, _carriedUntil, _serial) : CarriedDay.SerialOnly(_serial);
        }

        var last = new Dictionary<string, SavedCategory>(StringComparer.OrdinalIgnoreCase); // a prefix in either case, as a redefinition's
        foreach (var saved in _categories.Select(c => new SavedCategory { Id = c.Id, Prefix = c.Prefix, Sequence = c.Sequence })
            .Concat(_removedNumbering).Concat(pending ? _carried : []))
        {
            if (saved.Sequence > 0 && (!last.TryGetValue(saved.Prefix, out var seen) || saved.Sequence > seen.Sequence))
            {
                last[saved.Prefix] = saved;
            }
        }

        if (last.Count == 0)
        {
            return CarriedDay.SerialOnly(_serial);
        }

        var issued = new Dictionary<int, int>();
        foreach (var saved in _services.Select(s => new SavedService { Id = s.Id, IssuedToday = s.IssuedToday })
            .Concat(_removedIssued).Concat(pending ? _carriedIssued : []))
        {
            if (saved.IssuedToday > 0)
            {
                issued[saved.Id] = Math.Max(saved.IssuedToday, issued.GetValueOrDefault(saved.Id));
            }
        }

        var checkIns = SaveCheckIns().Select(c => c with { Ticket = 0 }); // its tickets go with it: the numbers stay, for the message
        return new CarriedDay(
            [.. last.Values.OrderBy(s => s.Prefix, StringComparer.Ordinal)],
            [.. issued.OrderBy(i => i.Key).Select(i => new SavedService { Id = i.Key, IssuedToday = i.Value })],
            [.. (pending ? _carriedCheckIns : []).Concat(checkIns)],
            EndOfHallDate(at),
            _serial);
    }

    /// <summary>
    /// Takes over <paramref name="day"/> from a removed hall with this id (before this hall is placed on its shard): at
    /// the next opening of its day if that comes before the day's date ends, or at once when its day is open already (a
    /// hall added from a saved state).
    /// </summary>
    internal void CarryDay(CarriedDay day)
    {
        (_carried, _carriedIssued, _carriedCheckIns, _carriedUntil) = (day.Numbering, day.Issued, day.CheckIns, day.Until);

        // At once, not at the opening: the removed hall's ids are in citizens' and devices' hands (a query, a cancellation,
        // a terminal's shown ticket), and restarting the serial gave them to this hall's tickets. Saved with the state.
        _serial = Math.Max(_serial, day.Serial);
        if (_day != HallDayState.Closed)
        {
            TakeCarriedDay();
        }
    }

    /// <summary>Restore: what the saved hall carried and had not taken yet (its day not opened since it was added).</summary>
    private void RestoreCarriedDay(HallState state)
    {
        var any = state.CarriedNumbering.Length != 0 || state.CarriedIssued.Length != 0 || state.CarriedCheckIns.Length != 0;
        (_carried, _carriedIssued, _carriedCheckIns, _carriedUntil) = any
            ? (state.CarriedNumbering, state.CarriedIssued, state.CarriedCheckIns, state.CarriedNumberingUntil)
            : ([], [], [], 0);
    }

    /// <summary>
    /// If the carried day's date has not ended: numbers on after its numbering (each category past the number its prefix
    /// gave, a prefix no category carries kept as a removed category's), counts its issued tickets against the items'
    /// caps (an item not in the definition kept as a removed item's) and holds its check-ins as today's. Then forgets it.
    /// </summary>
    private void TakeCarriedDay()
    {
        if (_now < _carriedUntil)
        {
            TakeCarriedNumbering();
            TakeCarriedIssued();
            foreach (var c in _carriedCheckIns)
            {
                // Ticket 0 marks it carried: the refusal then names the number and says whose it was, never an id.
                CheckIns.TryAdd(c.Reference, new AppointmentCheckIn(0, c.Number == 0 && c.Prefix.Length == 0 ? default : TicketNumber.Of(c.Prefix, c.Number, c.Width)));
            }
        }

        (_carried, _carriedIssued, _carriedCheckIns, _carriedUntil) = ([], [], [], 0);
    }

    private void TakeCarriedNumbering()
    {
        var removed = _removedNumbering.ToDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase);
        foreach (var saved in _carried)
        {
            var c = Array.Find(_categories, c => string.Equals(c.Prefix, saved.Prefix, StringComparison.OrdinalIgnoreCase));
            if (c is not null)
            {
                c.Sequence = Math.Max(c.Sequence, saved.Sequence);
            }
            else if (!removed.TryGetValue(saved.Prefix, out var seen) || seen.Sequence < saved.Sequence)
            {
                removed[saved.Prefix] = saved;
            }
        }

        _removedNumbering = [.. removed.Values.OrderBy(s => s.Prefix, StringComparer.Ordinal)];
    }

    private void TakeCarriedIssued()
    {
        var removed = _removedIssued.ToDictionary(s => s.Id);
        foreach (var saved in _carriedIssued)
        {
            if (_serviceIndex.TryGet(saved.Id, out var s))
            {
                _services[s].IssuedToday = Math.Max(_services[s].IssuedToday, saved.IssuedToday);
            }
            else if (saved.IssuedToday > 0 && (!removed.TryGetValue(saved.Id, out var seen) || seen.IssuedToday < saved.IssuedToday))
            {
                removed[saved.Id] = new SavedService { Id = saved.Id, IssuedToday = saved.IssuedToday };
            }
        }

        _removedIssued = [.. removed.Values.OrderBy(s => s.Id)];
    }

    /// <summary>The next midnight on the hall's clocks after <paramref name="utcTicks"/>, as UTC ticks.</summary>
    private long EndOfHallDate(long utcTicks)
    {
        var local = utcTicks + _zone.GetUtcOffset(new DateTime(Math.Clamp(utcTicks, 0, DateTime.MaxValue.Ticks), DateTimeKind.Utc)).Ticks;
        var midnight = local - (((local % TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay;
        midnight = Math.Clamp(midnight, 0, DateTime.MaxValue.Ticks);
        return midnight - _zone.GetUtcOffset(new DateTime(midnight, DateTimeKind.Unspecified)).Ticks; // an Unspecified time is read as the zone's own
    }
}
