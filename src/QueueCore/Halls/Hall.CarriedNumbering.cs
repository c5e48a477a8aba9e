namespace QueueCore;

/// <remarks>
/// This part: numbering a hall takes over from a hall with its id removed from the engine the same day. The numbers that
/// hall gave are on paper in the hands of citizens still in the building (a removal drops its tickets, not its
/// citizens), so a hall added again with the id and opened the same day (on its own clocks) numbers on after them, as
/// the hall would have had it been kept: it starts again at 001 only on a later day, or when the removed hall's day had
/// been closed with no ticket left in it (a kept hall opened again then starts at 001 too).
/// </remarks>
public sealed partial class Hall
{
    /// <summary>Per prefix, the last number a removed hall with this id gave on its last day; empty when none. Taken
    /// when this hall's day opens (or at once, for a hall restored with its day open) if before <see cref="_carriedUntil"/>.</summary>
    private SavedCategory[] _carried = [];

    /// <summary>The end of the removed hall's date on the hall's clocks (UTC ticks): the next midnight after its removal.</summary>
    private long _carriedUntil;

    /// <summary>
    /// What this hall, being removed at <paramref name="removedAt"/> (UTC ticks; 0 when the engine's clock failed: its
    /// own then), leaves to a hall added again with its id: its numbering per prefix and the end of its date; null when a
    /// kept hall's next day would start at 001 anyway (its day closed, no ticket left in it), or it numbered nothing.
    /// </summary>
    internal CarriedNumbering? NumberingLeftAtRemoval(long removedAt)
    {
        if (_day == HallDayState.Closed && _live == 0)
        {
            return null;
        }

        var at = Math.Max(removedAt, _now);
        var last = new Dictionary<string, SavedCategory>(StringComparer.Ordinal);
        var carried = _carriedUntil > at ? _carried : []; // added again, then removed again before its day opened
        foreach (var saved in _categories.Select(c => new SavedCategory { Id = c.Id, Prefix = c.Prefix, Sequence = c.Sequence })
            .Concat(_removedNumbering).Concat(carried))
        {
            if (saved.Sequence > 0 && (!last.TryGetValue(saved.Prefix, out var seen) || saved.Sequence > seen.Sequence))
            {
                last[saved.Prefix] = saved;
            }
        }

        return last.Count == 0 ? null : new CarriedNumbering([.. last.Values.OrderBy(s => s.Prefix, StringComparer.Ordinal)], EndOfHallDate(at));
    }

    /// <summary>
    /// Takes over <paramref name="numbering"/> from a removed hall with this id (before this hall is placed on its
    /// shard): at the next opening of its day if that comes before the numbering's date ends, or at once when its day is
    /// open already (a hall added from a saved state).
    /// </summary>
    internal void CarryNumbering(CarriedNumbering numbering)
    {
        _carried = numbering.Numbering;
        _carriedUntil = numbering.Until;
        if (_day != HallDayState.Closed)
        {
            TakeCarriedNumbering();
        }
    }

    /// <summary>Numbers on after the carried numbering if its date has not ended (each category past the number its
    /// prefix gave, a prefix no category carries kept as a removed category's); then forgets it.</summary>
    private void TakeCarriedNumbering()
    {
        if (_carried.Length != 0 && _now < _carriedUntil)
        {
            var removed = _removedNumbering.ToDictionary(s => s.Prefix, StringComparer.Ordinal);
            foreach (var saved in _carried)
            {
                var c = Array.Find(_categories, c => c.Prefix == saved.Prefix);
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

        _carried = [];
        _carriedUntil = 0;
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
