namespace QueueCore;

/// <summary>
/// The windows busy with a ticket (called or serving), counted for estimates: per skill profile (windows with the same
/// skills share one), how many of its windows are busy and the sum of their services' starts
/// (<see cref="TicketRecord.ServingAt"/>, from which a finish measures the handling time). An item reads the profiles
/// that serve it as primary, the same few for every item of a group (items served as primary by the same profiles).
/// </summary>
/// <remarks>
/// <para>Counted per profile, not per group of items: a window's call and finish then touch one profile's two counters
/// (they run once per citizen, at 40 comprehensive windows each in as many groups as the hall has), and an estimate
/// adds the counters of its group's profiles, one to three in a hall of comprehensive and specialised windows.</para>
/// <para>Starts are kept as ticks since <see cref="_epoch"/>, the first start counted, so sums stay far inside a long
/// (a thousand windows a year apart: 3e17); only differences of them are read, so the epoch changes nothing in the
/// estimates, and a restored hall, which counts its windows in another order from another first start, tells the same
/// ones. Derived from the windows alone (their state and their ticket's start): nothing of it is saved.</para>
/// </remarks>
internal sealed class BusyWindows
{
    private const long NotBusy = long.MinValue;

    private readonly long _epoch;
    private readonly int[] _profileOf; // per window: its profile's number
    private readonly int[] _groupOf; // per item: its group
    private readonly int[] _profiles; // group g's profiles: _profiles[_profilesStart[g] .. _profilesStart[g + 1])
    private readonly int[] _profilesStart;
    private readonly int[] _busy; // per profile: its windows busy
    private readonly long[] _startSum; // per profile: the sum of their starts, since the epoch
    private readonly long[] _since; // per window: the start it counts (since the epoch), or NotBusy
    private readonly double[] _perBusySquared; // 1 / busy², by busy: a multiply instead of a 64-bit division per issue

    public BusyWindows(WindowRecord[] windows, int services, long epoch)
    {
        // Built once per hall, when a window first takes a ticket: a look at every (item, profile) pair.
        _epoch = epoch;
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
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<int>();
        var start = new List<int> { 0 };
        var primary = new List<int>();
        for (var s = 0; s < services; s++)
        {
            primary.Clear();
            for (var p = 0; p < profiles.Count; p++)
            {
                if (profiles[p].TierOf[s] == SkillProfile.PrimaryTier)
                {
                    primary.Add(p);
                }
            }

            var key = string.Join(',', primary);
            if (!groups.TryGetValue(key, out var g))
            {
                g = groups.Count;
                groups.Add(key, g);
                members.AddRange(primary);
                start.Add(members.Count);
            }

            _groupOf[s] = g;
        }

        _profiles = [.. members];
        _profilesStart = [.. start];
        _busy = new int[profiles.Count];
        _startSum = new long[profiles.Count];
        _perBusySquared = new double[windows.Length + 1];
        for (var b = 1; b <= windows.Length; b++)
        {
            _perBusySquared[b] = 1.0 / ((double)b * b);
        }
    }

    /// <summary>The window took a ticket whose service counts from <paramref name="start"/> (ticks).</summary>
    public void Add(int window, long start)
    {
        if (_since[window] != NotBusy)
        {
            Restart(window, start);
            return;
        }

        var since = start - _epoch;
        _since[window] = since;
        var p = _profileOf[window];
        _busy[p]++;
        _startSum[p] += since;
    }

    /// <summary>The window's service counts from <paramref name="start"/> now (the citizen came: it started).</summary>
    public void Restart(int window, long start)
    {
        var before = _since[window];
        if (before == NotBusy)
        {
            return;
        }

        var since = start - _epoch;
        _since[window] = since;
        _startSum[_profileOf[window]] += since - before;
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
        var p = _profileOf[window];
        _busy[p]--;
        _startSum[p] -= since;
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
        var busy = 0;
        var startSum = 0L;
        for (var i = _profilesStart[g]; i < _profilesStart[g + 1]; i++)
        {
            var p = _profiles[i];
            busy += _busy[p];
            startSum += _startSum[p];
        }

        if (busy == 0 || busy < open)
        {
            return 0;
        }

        // (average - elapsed / busy) / busy, in whole ticks: (busy * average - elapsed) / busy². One window (a dedicated
        // item, a small hall) needs no division; more take a multiply by 1 / busy² (deterministic: IEEE doubles), which
        // may differ from the exact quotient by a tick.
        var expected = busy * average;
        var left = expected - Math.Clamp((busy * (now - _epoch)) - startSum, 0, expected);
        return busy == 1 ? left : (long)(left * _perBusySquared[busy]);
    }
}
