namespace QueueCore;

/// <summary>
/// The idle auto-mode windows, grouped by (skill profile, dedicated class) and kept in each group in the hall's
/// window-selection order. Windows of one group are interchangeable for any ticket but for that order, so pushing a
/// ticket reads the best window of each group that may serve its item (a list per item, built once) instead of
/// looking at every idle window. Groups live side by side in one array, each with room for all its windows.
/// </summary>
/// <remarks>
/// A window's key (<see cref="WindowRecord.IdleSince"/> or <see cref="WindowRecord.ServedToday"/>) must not change
/// while it is in the index: the first is set as a window becomes idle, the second changes while it serves, and a
/// new day's reset of it goes through <see cref="Rekey"/>.
/// </remarks>
internal sealed class IdleWindows
{
    private readonly IdleWindow[] _entries; // group g holds _entries[_start[g] .. _start[g] + _count[g]), best first
    private readonly int[] _start;
    private readonly int[] _count;
    private readonly int[] _groupOf; // per window
    private readonly int[] _marks; // per window: the offer that last tried it (Hall.Offer)
    private readonly ServingGroup[] _serving; // item s's groups: _serving[_servingStart[s] .. _servingStart[s + 1])
    private readonly int[] _servingStart;
    private readonly WindowSelection _selection;

    public IdleWindows(WindowRecord[] windows, int services, WindowSelection selection)
    {
        _selection = selection;
        _groupOf = new int[windows.Length];
        _marks = new int[windows.Length];
        var groups = new List<(SkillProfile Profile, int Dedicated, int Size)>();
        foreach (var w in windows)
        {
            var g = groups.FindIndex(x => x.Profile == w.Profile && x.Dedicated == w.DedicatedClass);
            if (g < 0)
            {
                g = groups.Count;
                groups.Add((w.Profile, w.DedicatedClass, 0));
            }

            groups[g] = groups[g] with { Size = groups[g].Size + 1 };
            _groupOf[w.Index] = g;
        }

        _entries = new IdleWindow[windows.Length];
        _count = new int[groups.Count];
        _start = new int[groups.Count];
        for (var g = 1; g < groups.Count; g++)
        {
            _start[g] = _start[g - 1] + groups[g - 1].Size;
        }

        var serving = new List<ServingGroup>();
        _servingStart = new int[services + 1];
        for (var s = 0; s < services; s++)
        {
            _servingStart[s] = serving.Count;
            for (var g = 0; g < groups.Count; g++)
            {
                var (profile, dedicated, _) = groups[g];
                var tier = profile.TierOf[s];
                if (tier != SkillProfile.NotServed)
                {
                    serving.Add(new ServingGroup(profile.DelayOf[s], g, (short)dedicated, tier == SkillProfile.OverflowTier));
                }
            }
        }

        _servingStart[services] = serving.Count;
        _serving = [.. serving];
    }

    /// <summary>The groups whose windows may serve item <paramref name="service"/> (as primary or overflow).</summary>
    public ReadOnlySpan<ServingGroup> GroupsServing(int service) =>
        _serving.AsSpan(_servingStart[service], _servingStart[service + 1] - _servingStart[service]);

    /// <summary>The idle windows of a group, best first.</summary>
    public ReadOnlySpan<IdleWindow> Windows(int group) => _entries.AsSpan(_start[group], _count[group]);

    /// <summary>Whether the offer <paramref name="mark"/> already tried the window.</summary>
    public bool Marked(int window, int mark) => _marks[window] == mark;

    /// <summary>Notes that the offer <paramref name="mark"/> tried the window (or must not).</summary>
    public void Mark(int window, int mark) => _marks[window] = mark;

    /// <summary>Adds a window that became idle in auto mode, in its place in its group.</summary>
    public void Add(WindowRecord w)
    {
        var g = _groupOf[w.Index];
        var entry = new IdleWindow(KeyOf(w), w.Id, w.Index);
        var group = _entries.AsSpan(_start[g], _count[g] + 1);
        var at = Find(group[..^1], entry);
        group[at..^1].CopyTo(group[(at + 1)..]);
        group[at] = entry;
        _count[g]++;
    }

    /// <summary>Removes a window that stops being idle (it must be in the index).</summary>
    public void Remove(WindowRecord w)
    {
        var g = _groupOf[w.Index];
        var group = _entries.AsSpan(_start[g], _count[g]);
        var at = Find(group, new IdleWindow(KeyOf(w), w.Id, w.Index));
        group[(at + 1)..].CopyTo(group[at..]);
        _count[g]--;
    }

    /// <summary>Empties the index (a restore adds its idle windows again).</summary>
    public void Clear() => Array.Clear(_count);

    /// <summary>Re-reads every window's key and restores each group's order (after keys changed: a new day).</summary>
    public void Rekey(WindowRecord[] windows)
    {
        for (var g = 0; g < _count.Length; g++)
        {
            var group = _entries.AsSpan(_start[g], _count[g]);
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
        WindowSelection.FewestServed => w.ServedToday,
        _ => 0,
    };

    /// <summary>Where <paramref name="entry"/> is or belongs in a group ordered best first (binary search; ids are unique).</summary>
    private static int Find(ReadOnlySpan<IdleWindow> group, in IdleWindow entry)
    {
        int low = 0, high = group.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (group[mid].Before(entry))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
