namespace QueueCore.Simulation;

/// <summary>
/// Erlang C's answer for one hour of the staffing search: the fewest windows whose share within the limit reaches the
/// target, the hour taken alone in steady state (M/M/c), offered the work the simulated citizens bring to the windows:
/// <list type="bullet">
/// <item>every item of a ticket: a ticket is one service whose handling time is the sum over its items;</item>
/// <item>no-shows: an absent citizen's ticket brings no handling, only the clerk's recalls (<c>recallSeconds</c> each
/// time it is called, and it is called until the hall drops it: <see cref="NoShowPolicy.MaxNoShows"/> times); its wait
/// is not judged, as in the simulation;</item>
/// <item>abandonment: a citizen whose patience runs out before the call leaves, brings no work and counts as not
/// within the limit. Who leaves depends on the wait and the wait on who stays, so the hour's load is the fixed point
/// of load, Erlang C's wait at that load (none with probability 1 - C, else exponential with rate cμ - λ) and each
/// service's patience against it.</item>
/// </list>
/// What it still ignores is in <see cref="Ignores"/>; the simulation beside it sees all of that.
/// </summary>
internal sealed class ErlangCStaffing
{
    /// <summary>What the estimate does not model, as the staff command and the docs say it.</summary>
    public const string Ignores =
        "that a ticket's later items queue again (each item's wait counts in the simulated share; Erlang C sees one wait " +
        "per ticket), waits carried over from the hour before, priority classes " +
        "(first come, first served) and handling times that are not exponential";

    private const int PatienceSamples = 256;

    private readonly double[] _workMinutes; // per arrival: present citizens' handling, absent ones' recalls
    private readonly double[] _presentShare;
    private readonly double[]?[] _patienceMinutes; // sorted quantiles per service; null: nobody leaves

    /// <summary>The estimate for <paramref name="hall"/>'s services, whose clerks recall an absent citizen for
    /// <paramref name="recallTicks"/> each time.</summary>
    public ErlangCStaffing(HallPlan hall, long recallTicks)
    {
        var services = hall.Services;
        var recalls = hall.Definition.NoShow.MaxNoShows * (double)recallTicks / TimeSpan.TicksPerMinute;
        _presentShare = [.. services.Select(s => 1 - s.NoShowShare)];
        _workMinutes = [.. services.Select((s, i) => (_presentShare[i] * TicketWork(s, hall) / TimeSpan.TicksPerMinute) + (s.NoShowShare * recalls))];
        _patienceMinutes = [.. services.Select(s => s.Patience is { } p ? Quantiles(p) : null)];
    }

    /// <summary>The fewest windows for an hour whose services' arrival rates are <paramref name="perTick"/> (in the
    /// hall's service order); 0 when nobody arrives, else at least 1.</summary>
    public int Windows(double[] perTick, StaffingTarget target)
    {
        var rates = perTick.Select(r => r * TimeSpan.TicksPerMinute).ToArray(); // per minute
        var arrivals = rates.Sum();
        var load = rates.Select((r, s) => r * _workMinutes[s]).Sum(); // Erlangs, before anyone leaves
        if (arrivals <= 0)
        {
            return 0;
        }

        if (load <= 0)
        {
            return 1; // only absent citizens and no recall time: one window calls them
        }

        var (limit, meanMinutes) = (target.WaitLimit.TotalMinutes, load / arrivals);

        // Within the limit is monotone in the windows: walk from the answer without abandonment to the fewest that meet it.
        var windows = ErlangC.ServersFor(arrivals, 1 / meanMinutes, target.Share, limit);
        while (windows > 1 && Within(windows - 1, rates, load, meanMinutes, limit) >= target.Share)
        {
            windows--;
        }

        while (Within(windows, rates, load, meanMinutes, limit) < target.Share)
        {
            windows++;
        }

        return windows;
    }

    /// <summary>
    /// The share of present citizens called within <paramref name="limit"/> minutes, of those served or gone, with
    /// <paramref name="windows"/> windows. A citizen is called after the virtual wait V (the wait if they never left),
    /// 0 with probability 1 - C, else exponential with rate θ = cμ - λ, and leaves when their patience P is shorter:
    /// within = P(V &lt;= min(limit, P)) = 1 - C E[e^(-θ min(limit, P))], and they leave with probability C E[e^(-θ P)].
    /// The mean handling time of who stays is taken as that of all arrivals (one unknown, the load, to solve for).
    /// </summary>
    private double Within(int windows, double[] rates, double offered, double meanMinutes, double limit)
    {
        // The load that stays is the root of a - Staying(a), increasing in a from -offered at 0: bisection. When those
        // who never leave fill the windows alone, there is none below them and nobody is called in time.
        var (low, high) = (0.0, Math.Min(offered, windows));
        if (_patienceMinutes.Any(p => p is not null))
        {
            if (high - Staying(windows, high, rates, meanMinutes) < 0)
            {
                return 0;
            }

            for (var i = 0; i < 60; i++)
            {
                var mid = (low + high) / 2;
                (low, high) = mid - Staying(windows, mid, rates, meanMinutes) < 0 ? (mid, high) : (low, mid);
            }
        }

        var (waits, rate) = Waits(windows, high, meanMinutes);
        var (within, present) = (0.0, 0.0);
        for (var s = 0; s < rates.Length; s++)
        {
            var tail = _patienceMinutes[s] is { } p ? Mean(p, rate, limit) : Math.Exp(-rate * limit);
            within += rates[s] * _presentShare[s] * (1 - (waits * tail));
            present += rates[s] * _presentShare[s];
        }

        return present > 0 ? within / present : 1;
    }

    /// <summary>The load (Erlangs) of those who stay when the windows carry <paramref name="load"/>.</summary>
    private double Staying(int windows, double load, double[] rates, double meanMinutes)
    {
        var (waits, rate) = Waits(windows, load, meanMinutes);
        var staying = 0.0;
        for (var s = 0; s < rates.Length; s++)
        {
            var leave = _patienceMinutes[s] is { } p ? waits * Mean(p, rate, double.PositiveInfinity) : 0;
            staying += rates[s] * _workMinutes[s] * (1 - leave);
        }

        return staying;
    }

    /// <summary>Erlang C's probability of waiting and the rate of the wait's exponential tail (per minute).</summary>
    private static (double Waits, double Rate) Waits(int windows, double load, double meanMinutes) =>
        (ErlangC.ProbabilityOfWaiting(windows, load, 1), Math.Max(0, windows - load) / meanMinutes);

    /// <summary>E[e^(-θ min(cap, P))] over the patience quantiles.</summary>
    private static double Mean(double[] patience, double theta, double cap)
    {
        var sum = 0.0;
        foreach (var p in patience)
        {
            sum += Math.Exp(-theta * Math.Min(cap, p));
        }

        return sum / patience.Length;
    }

    /// <summary>The patience distribution as <see cref="PatienceSamples"/> quantiles, in minutes: the middles of
    /// equal-probability strata of many fixed-seed samples, so the estimate is deterministic and needs no inverse.</summary>
    private static double[] Quantiles(Distribution patience)
    {
        const int PerStratum = 16;
        var random = new Xoshiro256(0x5EED);
        var samples = new double[PatienceSamples * PerStratum];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = patience.Sample(ref random) / (double)TimeSpan.TicksPerMinute;
        }

        Array.Sort(samples);
        return [.. Enumerable.Range(0, PatienceSamples).Select(k => samples[(k * PerStratum) + (PerStratum / 2)])];
    }

    /// <summary>
    /// The expected handling time of one of the service's tickets, in ticks: the sum over its items, so a ticket that
    /// also carries other items offers their work too. A share of tickets carries 1 to maxExtra extra items (uniform),
    /// drawn without repeats from the listed ones, so each listed item is on share * (1 + maxExtra) / 2 / listed of them.
    /// </summary>
    private static double TicketWork(ServicePlan service, HallPlan hall)
    {
        var work = service.Handling!.Mean;
        if (service.MultiShare > 0 && service.MultiItems.Length > 0)
        {
            var each = service.MultiShare * ((1 + service.MaxExtra) / 2.0) / service.MultiItems.Length;
            work += each * service.MultiItems.Sum(id => hall.Services[hall.ServiceIndexById[id]].Handling!.Mean);
        }

        return work;
    }
}
