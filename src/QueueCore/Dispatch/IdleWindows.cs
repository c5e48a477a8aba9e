namespace QueueCore;

/// <summary>
/// The idle auto-mode windows, grouped by (skill profile, dedicated class) and kept in each group in the hall's
/// window-selection order. Windows of one group are interchangeable for any ticket but for that order, so pushing a
/// ticket reads the best window of each group that may serve its item (a list per item, built once) instead of
/// looking at every idle window. Groups live side by side in one array, each with room for all its windows.
/// </summary>
/// <remarks>
/// A window's key (<see cref="WindowRecord.IdleSince"/>, <see cref="DayFigures.Served"/> or
/// <see cref="DayFigures.HandlingTicks"/> of its <see cref="WindowRecord.Today"/>, or <see cref="WindowRecord.LastTurn"/>)
/// must not change while it is in the index: the first is set as a window becomes idle, the others change while it
/// calls or serves, and a new day's reset of them goes through <see cref="Rekey"/>.
/// </remarks>
internal sealed class IdleWindows
{
    private readonly IdleWindow[] _entries; // group g holds _entries[Start .. Start + Count) of _groups[g], best first
    private readonly (int Start, int Count)[] _groups;
    private readonly int[] _roomStart, _roomEnd; // per group: its room in _entries, in which its windows slide
    private readonly int[] _groupOf; // per window
    private readonly int[] _marks; // per window: the offer that last tried it (Hall.Offer)
    private readonly long[] _lookBy; // per group: every window in it looks again (auto timer) by then; MaxValue: unknown
    private readonly ServingGroup[] _serving; // item s's groups: _serving[_servingStart[s] .. _servingStart[s + 1])
    private readonly int[] _servingStart;
    private readonly WindowSelection _selection;

    public IdleWindows(WindowRecord[] windows, int services, WindowSelection selection)
    {
        // Plain arrays rather than lists of tuples: every generic instantiation over a struct is JIT-compiled on
        // its own, a cost paid at start-up by every process that builds a hall.
        _selection = selection;
        _groupOf = new int[windows.Length];
        _marks = new int[windows.Length];
        var first = new int[windows.Length]; // per group: its first window
        var size = new int[windows.Length];
        var groups = 0;
        foreach (var w in windows)
        {
            var g = 0;
            while (g < groups && (windows[first[g]].Profile != w.Profile || windows[first[g]].DedicatedClass != w.DedicatedClass))
            {
                g++;
            }

            if (g == groups)
            {
                first[groups++] = w.Index;
            }

            size[g]++;
            _groupOf[w.Index] = g;
        }

        _entries = new IdleWindow[windows.Length];
        _groups = new (int, int)[groups];
        _lookBy = new long[groups];
        Array.Fill(_lookBy, long.MaxValue);
        _roomStart = new int[groups];
        _roomEnd = new int[groups];
        for (var g = 0; g < groups; g++)
        {
            _roomStart[g] = g == 0 ? 0 : _roomEnd[g - 1];
            _roomEnd[g] = _roomStart[g] + size[g];
            _groups[g].Start = _roomStart[g];
        }

        _servingStart = new int[services + 1];
        for (var s = 0; s < services; s++)
        {
            _servingStart[s + 1] = _servingStart[s];
            for (var g = 0; g < groups; g++)
            {
                _servingStart[s + 1] += windows[first[g]].TierOf[s] != SkillProfile.NotServed ? 1 : 0;
            }
        }

        _serving = new ServingGroup[_servingStart[services]];
        for (var s = 0; s < services; s++)
        {
            var n = _servingStart[s];
            for (var g = 0; g < groups; g++)
            {
                var w = windows[first[g]]; // windows of a group share its profile and class
                if (w.TierOf[s] != SkillProfile.NotServed)
                {
                    _serving[n++] = new ServingGroup(w.DelayOf[s], g, (short)w.DedicatedClass, w.TierOf[s] == SkillProfile.OverflowTier);
                }
            }
        }
    }

    /// <summary>How many windows are in the index.</summary>
    public int Count { get; private set; }

    /// <summary>The groups whose windows may serve item <paramref name="service"/> (as primary or overflow).</summary>
    public ReadOnlySpan<ServingGroup> GroupsServing(int service) =>
        _serving.AsSpan(_servingStart[service], _servingStart[service + 1] - _servingStart[service]);

    /// <summary>The idle windows of a group, best first.</summary>
    public ReadOnlySpan<IdleWindow> Windows(int group)
    {
        var (start, count) = _groups[group];
        return _entries.AsSpan(start, count);
    }

    /// <summary>Whether the offer <paramref name="mark"/> already tried the window.</summary>
    public bool Marked(int window, int mark) => _marks[window] == mark;

    /// <summary>Notes that the offer <paramref name="mark"/> tried the window (or must not).</summary>
    public void Mark(int window, int mark) => _marks[window] = mark;

    /// <summary>
    /// An instant by which every window of the group has its auto timer set (long.MaxValue: not known). A ticket that
    /// becomes eligible as overflow for the group no earlier than this needs no timer lowered: at city scale a fresh
    /// ticket met every idle specialised window this way, once per overflow group of its item.
    /// </summary>
    public long LookBy(int group) => _lookBy[group];

    /// <summary>Every window of the group now looks again by <paramref name="due"/>.</summary>
    public void SetLookBy(int group, long due) => _lookBy[group] = due;

    /// <summary>The window's auto timer was set to <paramref name="due"/>: its group's bound no longer holds if later.</summary>
    public void TimerSet(int window, long due)
    {
        ref var bound = ref _lookBy[_groupOf[window]];
        if (due > bound)
        {
            bound = long.MaxValue;
        }
    }

    /// <summary>Adds a window that found nothing to call, in its place in its group (found from the end: a window
    /// idle since now goes last in the longest-idle order).</summary>
    public void Add(WindowRecord w)
    {
        var g = _groupOf[w.Index];
        ref var group = ref _groups[g];
        if (group.Start + group.Count == _roomEnd[g])
        {
            // No room after the last: the group moves back to the start of its room (it slid on by removals of firsts).
            _entries.AsSpan(group.Start, group.Count).CopyTo(_entries.AsSpan(_roomStart[g]));
            group.Start = _roomStart[g];
        }

        var entries = _entries.AsSpan(group.Start, group.Count + 1);
        var entry = new IdleWindow(KeyOf(w), w.Id, w.Index);
        var at = group.Count;
        for (; at > 0 && entry.Before(entries[at - 1]); at--)
        {
            entries[at] = entries[at - 1];
        }

        entries[at] = entry;
        group.Count++;
        _lookBy[g] = long.MaxValue; // its timer is not known to be within the group's bound
        Count++;
    }

    /// <summary>Removes a window that stops being idle (it must be in the index). The windows on the shorter side of it
    /// close the gap: the one that leaves is most often its group's first (pushes take the best), and then none moves.</summary>
    public void Remove(WindowRecord w)
    {
        ref var group = ref _groups[_groupOf[w.Index]];
        var entries = _entries.AsSpan(group.Start, group.Count);
        var at = 0;
        while (entries[at].Window != w.Index)
        {
            at++;
        }

        if (at < entries.Length / 2)
        {
            entries[..at].CopyTo(entries[1..]);
            group.Start++;
        }
        else
        {
            entries[(at + 1)..].CopyTo(entries[at..]);
        }

        group.Count--;
        Count--;
    }

    /// <summary>Re-reads every window's key and restores each group's order (after keys changed: a new day).</summary>
    public void Rekey(WindowRecord[] windows)
    {
        foreach (var (start, count) in _groups)
        {
            var group = _entries.AsSpan(start, count);
            foreach (ref var entry in group)
            {
                entry = entry with { Key = KeyOf(windows[entry.Window]) };
            }

            group.Sort(static (a, b) => a.Before(b) ? -1 : b.Before(a) ? 1 : 0);
        }
    }

    private long KeyOf(WindowRecord w) => _selection switch
    {
        WindowSelection.LongestIdle => w.IdleSince,
        WindowSelection.FewestServed => w.Today.Served,
        WindowSelection.LeastBusy => w.Today.HandlingTicks,
        WindowSelection.RoundRobin => w.LastTurn,
        _ => 0,
    };
}
