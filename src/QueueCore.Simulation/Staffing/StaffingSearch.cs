namespace QueueCore.Simulation;

/// <summary>
/// Finds the fewest windows per hour that meet a service-level target, by simulating the day with the real hall:
/// start from Erlang C's count minus one in every slot, add a window to every slot that misses the target until all
/// meet it, then take windows away one slot at a time while the target still holds. Waits carry over from one hour
/// to the next, which Erlang C (each slot alone, in steady state) cannot see: the two answers side by side show it.
/// </summary>
/// <remarks>
/// <para>The slots are the clock hours the day's arrivals touch, as the results count them (by the hour a wait
/// began): a day from 08:30 to 16:30 has a partial first slot 08:30-09:00, then 09:00-10:00 and so on to a partial
/// last slot 16:00-16:30, which also holds the waits that begin after the arrivals end (later items of multi-item
/// tickets), since the last slot's windows serve them.</para>
/// <para>A slot meets the target when a lower 95% bound on its share within the limit does: the lower of its share of
/// all the replications' waits pooled less the half-width of the Student-t interval over the replications' shares, and
/// the Wilson score bound over all the replications'
/// waits in the slot (<see cref="StaffingPlan.LowerBounds"/>, <see cref="StaffingPlan.Waits"/>). The t interval alone
/// called a slot met on two replications whose few waits were all within the limit (100% ± 0); the Wilson bound asks
/// for enough waits (all within the limit, 35 for a 90% target). A wide interval can cost a window the mean alone
/// would not ask for; more replications narrow it. A slot that misses with every wait within the limit gets no more
/// windows (they cannot help: it needs more replications); when no missing slot can take one, the search stops.</para>
/// <para>Erlang C is offered each slot's tickets with a ticket's handling time summed over its items, absent
/// citizens' recalls instead of their handling, and without those expected to leave before their call (patience against
/// Erlang C's wait); it still ignores that a ticket's later items queue again, waits carried over from the hour before,
/// priority classes and handling times that are not exponential.</para>
/// <para>The last slot's windows stay open an hour after the arrivals end, to serve those still waiting
/// (<see cref="StaffingPlan.LastWindowsUntil"/>): the plan holds when staffed so.</para>
/// <para>A hall is staffed with copies of its first window (its skills, without breaks); its services' arrivals must
/// be given per hour (slotMinutes 60), not by a trace. <see cref="Run"/> plans a scenario of one hall,
/// <see cref="RunEachHall"/> each hall of a scenario of several, alone (they share no citizens).</para>
/// </remarks>
public static class StaffingSearch
{
    /// <summary>Plans a scenario of one hall. <paramref name="progress"/> hears each variant simulated.</summary>
    /// <exception cref="ScenarioException">The scenario does not fit the search (see remarks), is invalid, or has several
    /// halls (<see cref="RunEachHall"/> plans each).</exception>
    public static StaffingPlan Run(Scenario scenario, StaffingTarget target, SimulationOptions options, int maxSimulations = 40, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        if (scenario.Halls.Count > 1)
        {
            // It planned the first hall and returned that as the plan, the others unseen.
            throw new ScenarioException($"halls: the staffing search plans one hall, and the scenario has {scenario.Halls.Count} ({string.Join(", ", scenario.Halls.Select(h => h?.Id))}): plan each with StaffingSearch.RunEachHall");
        }

        var plan = Check(scenario, out _);
        return Search(scenario, plan, 0, target, options, maxSimulations, progress);
    }

    /// <summary>Plans each hall of the scenario alone, in the scenario's order: the halls share no citizens, and each
    /// service's arrivals are its hall's and its own (seeded from both), so a hall's plan is the one a scenario of that
    /// hall alone gets. Every hall is checked before any is searched; <paramref name="maxSimulations"/> bounds each
    /// hall's search, and <paramref name="progress"/> hears each variant simulated, named by its hall when there are several.</summary>
    /// <exception cref="ScenarioException">Some hall does not fit the search (see remarks; every such problem is listed,
    /// named by its hall's path), or the scenario is invalid.</exception>
    public static IReadOnlyList<StaffingPlan> RunEachHall(Scenario scenario, StaffingTarget target, SimulationOptions options, int maxSimulations = 40, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        var plan = Check(scenario, out var count);
        var plans = new StaffingPlan[count];
        for (var i = 0; i < count; i++)
        {
            var id = scenario.Halls[i].Id;
            var heard = progress is null || count == 1 ? progress : new Named(progress, $"hall {id}: ");
            plans[i] = Search(scenario, plan, i, target, options, maxSimulations, heard);
        }

        return plans;
    }

    /// <summary>Checks, without searching, that the search can plan every hall of the scenario (see remarks), as
    /// <see cref="RunEachHall"/> does before it begins.</summary>
    /// <exception cref="ScenarioException">Every problem found, named by its field path, or the scenario is invalid.</exception>
    public static void Validate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Check(scenario, out _);
    }

    /// <summary>Compiles the scenario and checks that the search can plan each of its halls.</summary>
    private static SimulationPlan Check(Scenario scenario, out int halls)
    {
        if (scenario.SlotMinutes != 60)
        {
            throw new ScenarioException($"slotMinutes: the staffing search plans per hour, so arrivals must be per 60-minute slot (was {scenario.SlotMinutes})");
        }

        // Before compiling: the compiler would read the trace, relative to a directory the search is not given, and
        // report it missing instead of saying that the search does not take one.
        var traced = scenario.Halls.Select((h, i) => h?.Trace is null ? null : $"halls[{i}].trace: the staffing search plans from the services' arrivalsPerHour, not from a trace (to try other staffing on a traced day: replay)")
            .OfType<string>().ToArray();
        if (traced.Length > 0)
        {
            throw new ScenarioException(traced);
        }

        var plan = ScenarioCompiler.Compile(scenario);
        var errors = new List<string>();
        for (var i = 0; i < plan.Halls.Length; i++)
        {
            var (hall, services) = (scenario.Halls[i], plan.Halls[i].Services);
            if (services.All(s => s.RatePerTick.Length == 0))
            {
                errors.Add($"halls[{i}]: the staffing search plans from the services' arrivalsPerHour, which none gives");
            }
            else if (services.All(s => s.RatePerTick.All(r => r == 0)))
            {
                // Erlang C would ask for no window in any hour, and a hall without windows cannot be simulated: said here, or
                // the planner read that their scenario (which run takes) has no window.
                errors.Add($"halls[{i}].services: the staffing search plans from the services' arrivalsPerHour, and they bring nobody (every rate is 0)");
            }

            var template = hall.Windows[0];
            if (!template.Comprehensive && hall.Services.FirstOrDefault(x => !template.Skills.Any(k => k.Service == x.Id)) is { } unserved)
            {
                // Checked here: the staffed variants, not the scenario, would lack a window for it.
                errors.Add($"halls[{i}].windows[0]: the staffing search staffs copies of the hall's first window, which does not serve service {unserved.Id}; list first a window that serves every service (e.g. a comprehensive one)");
            }
        }

        halls = plan.Halls.Length;
        return errors.Count > 0 ? throw new ScenarioException(errors) : plan;
    }

    /// <summary>The search for hall <paramref name="index"/> of <paramref name="scenario"/> (compiled as <paramref name="compiled"/>), simulated alone.</summary>
    private static StaffingPlan Search(Scenario scenario, SimulationPlan compiled, int index, StaffingTarget target, SimulationOptions options, int maxSimulations, IProgress<string>? progress)
    {
        var (hall, plan) = (scenario.Halls[index], compiled.Halls[index]);
        var services = plan.Services;
        const long Hour = TimeSpan.TicksPerHour;
        var dayStart = compiled.SlotStart;
        var dayEnd = dayStart + (services.Max(s => s.RatePerTick.Length) * Hour);
        var firstHour = dayStart / Hour;
        var slots = (int)(((dayEnd - 1) / Hour) - firstHour + 1);
        var starts = Enumerable.Range(0, slots).Select(k => Math.Max(dayStart, (firstHour + k) * Hour)).ToArray();
        var ends = Enumerable.Range(0, slots).Select(k => Math.Min(dayEnd, (firstHour + k + 1) * Hour)).ToArray();
        var estimate = new ErlangCStaffing(plan, compiled.RecallTicks);
        var erlang = new int[slots];
        for (var k = 0; k < slots; k++)
        {
            erlang[k] = estimate.Windows([.. services.Select(s => MeanRate(s.RatePerTick, dayStart, starts[k], ends[k]))], target);
        }

        var windows = erlang.Select(n => Math.Max(n > 0 ? 1 : 0, n - 1)).ToArray();
        var simulations = 0;
        IReadOnlyList<string> lastNotices = [];
        SlotLevel[] Evaluate(int[] staffing)
        {
            simulations++;
            progress?.Report($"variant {simulations}: {string.Join(' ', staffing)}");
            var result = Simulator.Run(Staffed(scenario, hall, staffing, starts, ends, target), options);
            lastNotices = [.. result.Notices.Select(n => InScenario(n, index))];
            return [.. Enumerable.Range(0, slots).Select(k => SlotLevel.Of(result, new ResultKey(null, null, (int)(firstHour + k))))];
        }

        bool Meets(SlotLevel e) => e.LowerBound >= target.Share;
        var within = Evaluate(windows);
        var notices = lastNotices; // the plan's own run's, as run would give them for it
        while (simulations < maxSimulations && !within.All(Meets))
        {
            // A slot that misses with every wait within the limit lacks waits, not windows: more replications help it.
            var added = 0;
            for (var k = 0; k < slots; k++)
            {
                var more = !Meets(within[k]) && within[k].CanImprove;
                windows[k] += more ? 1 : 0;
                added += more ? 1 : 0;
            }

            if (added == 0)
            {
                break;
            }

            within = Evaluate(windows);
            notices = lastNotices;
        }

        var met = within.All(Meets);
        var fewest = new bool[slots]; // one window fewer was simulated and missed the target (or none can go)
        for (var k = slots - 1; met && k >= 0 && simulations < maxSimulations; k--)
        {
            if (windows[k] <= 1)
            {
                continue;
            }

            var fewer = (int[])windows.Clone();
            fewer[k]--;
            var trial = Evaluate(fewer);
            if (trial.All(Meets))
            {
                (windows, within, notices) = (fewer, trial, lastNotices);
                k++; // try this slot once more
            }
            else
            {
                fewest[k] = true;
            }
        }

        for (var k = 0; k < slots; k++)
        {
            fewest[k] |= windows[k] <= 1;
        }

        double Hours(long ticks) => (double)ticks / Hour;
        return new StaffingPlan([.. starts.Select(Hours)], [.. ends.Select(Hours)], windows, erlang, [.. within.Select(e => e.Share)], simulations, met)
        {
            Hall = hall.Id,
            LowerBounds = [.. within.Select(e => e.LowerBound)],
            Waits = [.. within.Select(e => e.Waits)],
            LastWindowsUntil = Hours(ends[^1] + StayAfterArrivals),
            Fewest = fewest,
            Notices = notices,
        };
    }

    /// <summary>A note of the staffed run, which simulates the hall alone (as <c>halls[0]</c>), with the hall's path in
    /// the planner's scenario.</summary>
    private static string InScenario(string notice, int index) =>
        index > 0 && notice.StartsWith("halls[0]", StringComparison.Ordinal) ? $"halls[{index}]{notice["halls[0]".Length..]}" : notice;

    /// <summary>A progress whose reports are named (by their hall).</summary>
    private sealed class Named(IProgress<string> inner, string prefix) : IProgress<string>
    {
        public void Report(string value) => inner.Report(prefix + value);
    }

    /// <summary>How long the last slot's windows stay open after the arrivals end, to serve who still waits.</summary>
    private const long StayAfterArrivals = TimeSpan.TicksPerHour;

    /// <summary>A service's mean arrival rate over [from, to): its per-hour rates weighted by their overlap.</summary>
    private static double MeanRate(double[] ratePerTick, long dayStart, long from, long to)
    {
        var sum = 0.0;
        for (var j = 0; j < ratePerTick.Length; j++)
        {
            var overlap = Math.Min(to, dayStart + ((j + 1) * TimeSpan.TicksPerHour)) - Math.Max(from, dayStart + (j * TimeSpan.TicksPerHour));
            sum += overlap > 0 ? ratePerTick[j] * overlap : 0;
        }

        return sum / (to - from);
    }

    /// <summary>The scenario with window k open in every slot that has more than k windows (contiguous slots merged);
    /// the last slot's windows stay an hour longer to serve who still waits.</summary>
    private static Scenario Staffed(Scenario scenario, HallScenario hall, int[] staffing, long[] starts, long[] ends, StaffingTarget target)
    {
        var template = hall.Windows[0];
        var windows = new List<WindowScenario>();
        for (var k = 0; k < staffing.Max(); k++)
        {
            var shifts = new List<TimeRangeScenario>();
            for (var s = 0; s < staffing.Length; s++)
            {
                if (staffing[s] <= k)
                {
                    continue;
                }

                var from = (int)(starts[s] / TimeSpan.TicksPerMinute);
                var to = (int)((ends[s] + (s == staffing.Length - 1 ? StayAfterArrivals : 0)) / TimeSpan.TicksPerMinute);
                if (shifts.Count > 0 && shifts[^1].To == Clock(from))
                {
                    shifts[^1] = shifts[^1] with { To = Clock(to) };
                }
                else
                {
                    shifts.Add(new TimeRangeScenario { From = Clock(from), To = Clock(to) });
                }
            }

            windows.Add(new WindowScenario { Id = k + 1, Comprehensive = template.Comprehensive, Skills = template.Skills, DedicatedClass = template.DedicatedClass, Shifts = shifts });
        }

        var staffedHall = hall with { Windows = windows, Services = [.. hall.Services.Select(s => s with { WaitLimitMinutes = null })] };
        return scenario with { Halls = [staffedHall], WaitLimitMinutes = target.WaitLimit.TotalMinutes };
    }

    private static string Clock(int minutes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
}
