using System.Text;

namespace QueueCore;

/// <summary>
/// The windows busy with a ticket (called or serving), counted for estimates: per group of items that the same skill
/// profiles serve as primary, how many such windows are busy and the sum of their services' start instants
/// (<see cref="TicketRecord.ServingAt"/>, from which a finish measures the handling time). Items of a group see the same
/// windows, so an estimate reads one group: O(1) whatever the number of windows, and a window's call, start or finish
/// updates the few groups its profile serves, not every item it serves (thousands, at a comprehensive window).
/// </summary>
/// <remarks>
/// Derived from the windows alone (their state and their ticket's start), so a restored hall rebuilds the same counts
/// from its saved windows: nothing of it is saved. Sums are 128-bit: a start is some 6.4e17 ticks, and a thousand of them
/// overflow a long.
/// </remarks>
internal sealed class BusyWindows
{
    private const long NotBusy = long.MinValue;

    private readonly int[] _groupOf; // per item: its group
    private readonly int[] _profileOf; // per window: its profile's number
    private readonly int[] _groups; // profile p's groups: _groups[_groupsStart[p] .. _groupsStart[p + 1])
    private readonly int[] _groupsStart;
    private readonly int[] _busy; // per group: windows busy
    private readonly Int128[] _startSum; // per group: the sum of their starts
    private readonly long[] _since; // per window: the start it counts, or NotBusy

    public BusyWindows(WindowRecord[] windows, int services)
    {
        // Built once per hall, when a window first takes a ticket: a look at every (item, profile) pair.
        var profiles = new List<SkillProfile>();
        _profileOf = new int[windows.Length];
        _since = new long[windows.Length];
        Array.Fill(_since, NotBusy);
        foreach (var w in windows)
        {
            var p = profiles.IndexOf(w.Profile); // by reference: windows with the same skills share one profile
            if (p < 0)
            {
                p = profiles.Count;
                profiles.Add(w.Profile);
            }

            _profileOf[w.Index] = p;
        }

        _groupOf = new int[services];
        var groupsByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var profilesOfGroup = new List<List<int>>();
        var key = new StringBuilder();
        var primary = new List<int>();
        for (var s = 0; s < services; s++)
        {
            key.Clear();
            primary.Clear();
            for (var p = 0; p < profiles.Count; p++)
            {
                if (profiles[p].TierOf[s] == SkillProfile.PrimaryTier)
                {
                    key.Append(p).Append(',');
                    primary.Add(p);
                }
            }

            if (!groupsByKey.TryGetValue(key.ToString(), out var g))
            {
                g = profilesOfGroup.Count;
                groupsByKey.Add(key.ToString(), g);
                profilesOfGroup.Add([.. primary]);
            }

            _groupOf[s] = g;
        }

        _groupsStart = new int[profiles.Count + 1];
        foreach (var members in profilesOfGroup)
        {
            foreach (var p in members)
            {
                _groupsStart[p + 1]++;
            }
        }

        for (var p = 0; p < profiles.Count; p++)
        {
            _groupsStart[p + 1] += _groupsStart[p];
        }

        _groups = new int[_groupsStart[profiles.Count]];
        var next = _groupsStart[..^1];
        for (var g = 0; g < profilesOfGroup.Count; g++)
        {
            foreach (var p in profilesOfGroup[g])
            {
                _groups[next[p]++] = g;
            }
        }

        _busy = new int[profilesOfGroup.Count];
        _startSum = new Int128[profilesOfGroup.Count];
    }

    /// <summary>The window took a ticket whose service counts from <paramref name="start"/> (ticks).</summary>
    public void Add(int window, long start)
    {
        if (_since[window] != NotBusy)
        {
            Restart(window, start);
            return;
        }

        _since[window] = start;
        foreach (var g in GroupsOf(window))
        {
            _busy[g]++;
            _startSum[g] += start;
        }
    }

    /// <summary>The window's service counts from <paramref name="start"/> now (the citizen came: it started).</summary>
    public void Restart(int window, long start)
    {
        var since = _since[window];
        if (since == NotBusy)
        {
            return;
        }

        _since[window] = start;
        foreach (var g in GroupsOf(window))
        {
            _startSum[g] += start - (Int128)since;
        }
    }

    /// <summary>The window no longer holds a ticket.</summary>
    public void Remove(int window)
    {
        var since = _since[window];
        if (since == NotBusy)
        {
            return;
        }

        _since[window] = NotBusy;
        foreach (var g in GroupsOf(window))
        {
            _busy[g]--;
            _startSum[g] -= since;
        }
    }

    /// <summary>
    /// How long the ticket first in line for <paramref name="service"/> waits for a window at <paramref name="now"/>
    /// (ticks), given the <paramref name="open"/> windows that serve it as primary and its
    /// <paramref name="average"/> handling time: 0 while one of them is idle; otherwise the average less the mean time
    /// their services have run so far (never below 0: an overdue service is about to end, nor above the average),
    /// shared over them, as the earliest of several ends comes sooner than one.
    /// </summary>
    public long UntilFree(int service, int open, long average, long now)
    {
        var g = _groupOf[service];
        var busy = _busy[g];
        if (busy == 0 || busy < open)
        {
            return 0;
        }

        // busy * (average - elapsed / busy) / busy, in whole ticks: (busy * average - elapsed) / busy².
        var expected = (Int128)busy * average;
        var elapsed = Int128.Clamp((busy * (Int128)now) - _startSum[g], 0, expected);
        return (long)(expected - elapsed) / ((long)busy * busy); // at most busy * average: a long
    }

    private ReadOnlySpan<int> GroupsOf(int window)
    {
        var p = _profileOf[window];
        return _groups.AsSpan(_groupsStart[p], _groupsStart[p + 1] - _groupsStart[p]);
    }
}
