namespace QueueCore;

/// <summary>
/// The windows busy with a ticket (called or serving), counted for estimates: per skill profile (windows with the same
/// skills share one), how many of its windows are busy and the sum of the instants their services are expected to end
/// (each window's start, <see cref="TicketRecord.ServingAt"/>, plus the average handling time of the item it serves, as
/// that average stood when the service was called or started). An item reads the profiles that serve it as primary, the
/// same few for every item of a group (items served as primary by the same profiles).
/// </summary>
/// <remarks>
/// <para>Counted per profile, not per group of items: a window's call and finish then touch one profile's two counters
/// (they run once per citizen, at 40 comprehensive windows each in as many groups as the hall has), and an estimate
/// adds the counters of its group's profiles, one to three in a hall of comprehensive and specialised windows.</para>
/// <para>Each window counts with its own item's average, not the waiting ticket's: a window 3 minutes into a 30-minute
/// item has 27 minutes left, whatever item the citizen in line came for. The average is taken when the service starts
/// and kept until it ends: the item's moving average moves at every finish of it, and following it at every busy
/// window serving the item would walk the windows. The hall saves it per window
/// (<see cref="SavedWindow.ExpectedHandlingTicks"/>), so a restored hall counts the same ends.</para>
/// <para>Instants are kept as ticks since <see cref="_epoch"/>, the first start counted, so sums stay far inside a long
/// (a thousand windows a year apart: 3e17); only differences from the time now are read, so the epoch changes nothing
/// in the estimates, and a restored hall, which counts its windows in another order from another first start, tells
/// the same ones.</para>
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
    private readonly long[] _endSum; // per profile: the sum of their services' expected ends, since the epoch
    private readonly long[] _end; // per window: its service's expected end (since the epoch), or NotBusy
    private readonly double[] _perBusySquared; // 1 / busy², by busy: a multiply instead of a 64-bit division per issue

    public BusyWindows(WindowRecord[] windows, int services, long epoch)
    {
        // Built once per hall, when a window first takes a ticket: a look at every (item, profile) pair.
        _epoch = epoch;
        var profiles = new List<SkillProfile>();
        _profileOf = new int[windows.Length];
        _end = new long[windows.Length];
        Array.Fill(_end, NotBusy);
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
        _endSum = new long[profiles.Count];
        _perBusySquared = new double[windows.Length + 1];
        for (var b = 1; b <= windows.Length; b++)
        {
            _perBusySquared[b] = 1.0 / ((double)b * b);
        }
    }

    /// <summary>
    /// The window took a ticket whose service counts from <paramref name="start"/> (ticks) and is expected to take
    /// <paramref name="handling"/> (ticks: its item's average now).
    /// </summary>
    public void Add(int window, long start, long handling)
    {
        if (_end[window] != NotBusy)
        {
            Restart(window, start, handling);
            return;
        }

        var end = start - _epoch + handling;
        _end[window] = end;
        var p = _profileOf[window];
        _busy[p]++;
        _endSum[p] += end;
    }

    /// <summary>
    /// The window's service counts from <paramref name="start"/> now (the citizen came: it started) and is expected to
    /// take <paramref name="handling"/>.
    /// </summary>
    public void Restart(int window, long start, long handling)
    {
        var before = _end[window];
        if (before == NotBusy)
        {
            return;
        }

        var end = start - _epoch + handling;
        _end[window] = end;
        _endSum[_profileOf[window]] += end - before;
    }

    /// <summary>The window no longer holds a ticket.</summary>
    public void Remove(int window)
    {
        var end = _end[window];
        if (end == NotBusy)
        {
            return;
        }

        _end[window] = NotBusy;
        var p = _profileOf[window];
        _busy[p]--;
        _endSum[p] -= end;
    }

    /// <summary>
    /// How long the window's service has left at <paramref name="now"/> (ticks): its expected end less now, never below
    /// 0 (an overdue service is about to end); 0 while the window holds no ticket.
    /// </summary>
    public long Left(int window, long now)
    {
        var end = _end[window];
        return end == NotBusy ? 0 : Math.Max(0, end - (now - _epoch));
    }

    /// <summary>
    /// The handling time the window's service, counted from <paramref name="start"/>, is expected to take (what
    /// <see cref="Add"/> or <see cref="Restart"/> was given), for the saved state; 0 while the window holds no ticket.
    /// </summary>
    public long Handling(int window, long start)
    {
        var end = _end[window];
        return end == NotBusy ? 0 : end - (start - _epoch);
    }

    /// <summary>
    /// How long the ticket first in line for <paramref name="service"/> waits for a window at <paramref name="now"/>
    /// (ticks), given the <paramref name="open"/> windows that serve it as primary: 0 while one of them is idle;
    /// otherwise the mean time their services have left (each its expected end less now; an overdue one counts what it
    /// is overdue against the others, and the mean is never below 0: the services are about to end), shared over them,
    /// as the earliest of several ends comes sooner than one.
    /// </summary>
    public long UntilFree(int service, int open, long now)
    {
        var g = _groupOf[service];
        var busy = 0;
        var endSum = 0L;
        for (var i = _profilesStart[g]; i < _profilesStart[g + 1]; i++)
        {
            var p = _profiles[i];
            busy += _busy[p];
            endSum += _endSum[p];
        }

        if (busy == 0 || busy < open)
        {
            return 0;
        }

        // (the mean left) / busy, in whole ticks: (endSum - busy * now) / busy². No upper bound is needed: every start
        // is at most now (the hall's clock never goes back), so what is left is at most the handling times. One window
        // (a dedicated item, a small hall) needs no division; more take a multiply by 1 / busy² (deterministic: IEEE
        // doubles), which may differ from the exact quotient by a tick.
        var left = Math.Max(0, endSum - (busy * (now - _epoch)));
        return busy == 1 ? left : (long)(left * _perBusySquared[busy]);
    }
}
