namespace QueueCore.Simulation;

/// <summary>
/// Finds the fewest windows per hour that meet a service-level target, by simulating the day with the real hall:
/// start from Erlang C's count minus one in every slot, add a window to every slot that misses the target until all
/// meet it, then take windows away one slot at a time while the target still holds. Waits carry over from one hour
/// to the next, which Erlang C (each slot alone, in steady state) cannot see: the two answers side by side show it.
/// </summary>
/// <remarks>The scenario's first hall is staffed with copies of its first window (its skills, without breaks), one
/// slot per hour from the day start; its services' arrivals must be given per hour (slotMinutes 60).</remarks>
public static class StaffingSearch
{
    /// <summary>Runs the search. <paramref name="progress"/> hears each variant simulated.</summary>
    /// <exception cref="ScenarioException">The scenario does not fit the search (see remarks) or is invalid.</exception>
    public static StaffingPlan Run(Scenario scenario, StaffingTarget target, SimulationOptions options, int maxSimulations = 40, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        if (scenario.SlotMinutes != 60)
        {
            throw new ScenarioException($"slotMinutes: the staffing search plans per hour, so arrivals must be per 60-minute slot (was {scenario.SlotMinutes})");
        }

        var plan = ScenarioCompiler.Compile(scenario);
        var hall = scenario.Halls[0];
        var services = plan.Halls[0].Services;
        var slots = services.Max(s => s.RatePerTick.Length);
        var dayStartHours = (double)plan.SlotStart / TimeSpan.TicksPerHour;
        var erlang = new int[slots];
        for (var k = 0; k < slots; k++)
        {
            var perMinute = services.Sum(s => k < s.RatePerTick.Length ? s.RatePerTick[k] * TimeSpan.TicksPerMinute : 0);
            var work = services.Sum(s => k < s.RatePerTick.Length ? s.RatePerTick[k] * s.Handling!.Mean : 0); // Erlangs
            var meanMinutes = perMinute > 0 ? work / perMinute : 1;
            erlang[k] = perMinute > 0 ? Math.Max(1, ErlangC.ServersFor(perMinute, 1 / meanMinutes, target.Share, target.WaitLimit.TotalMinutes)) : 0;
        }

        var windows = erlang.Select(n => Math.Max(n > 0 ? 1 : 0, n - 1)).ToArray();
        var simulations = 0;
        Estimate[] Evaluate(int[] staffing)
        {
            simulations++;
            progress?.Report($"variant {simulations}: {string.Join(' ', staffing)}");
            var result = Simulator.Run(Staffed(scenario, hall, staffing, plan.SlotStart, target), options);
            return [.. Enumerable.Range(0, slots).Select(k => result.Row(new ResultKey(null, null, (int)(dayStartHours + k)))?[Metric.WithinLimit] ?? default)];
        }

        bool Meets(Estimate e) => e.Samples == 0 || e.Mean >= target.Share;
        var within = Evaluate(windows);
        while (simulations < maxSimulations && !within.All(Meets))
        {
            for (var k = 0; k < slots; k++)
            {
                windows[k] += Meets(within[k]) ? 0 : 1;
            }

            within = Evaluate(windows);
        }

        var met = within.All(Meets);
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
                (windows, within) = (fewer, trial);
                k++; // try this slot once more
            }
        }

        return new StaffingPlan([.. Enumerable.Range(0, slots).Select(k => dayStartHours + k)], windows, erlang, within, simulations, met);
    }

    /// <summary>The scenario with window k open in every slot that has more than k windows (contiguous slots merged);
    /// the last slot's windows stay an hour longer to serve who still waits.</summary>
    private static Scenario Staffed(Scenario scenario, HallScenario hall, int[] staffing, long slotStart, StaffingTarget target)
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

                var from = (int)(slotStart / TimeSpan.TicksPerMinute) + (s * 60);
                var to = from + (s == staffing.Length - 1 ? 120 : 60);
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

    private static string Clock(int minutes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes / 60}:{minutes % 60:00}");
}
