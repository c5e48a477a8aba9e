using System.Globalization;

namespace QueueCore.Simulation;

/// <summary>Checks a scenario's meaning and compiles it; every problem is reported with its field path.</summary>
internal sealed partial class ScenarioCompiler
{
    /// <summary>The highest window and service id a scenario may use: the simulation finds windows and services by id
    /// in tables as long as the highest id (a window 2147483647 crashed the run, 2000000000 ran out of memory).</summary>
    private const int MaxId = 999_999;

    /// <summary>The default of a required id left out of the file. Not -1: a file that gives -1 is told that it is out
    /// of range, not that it is missing.</summary>
    internal const int NotGiven = int.MinValue;

    private readonly List<string> _errors = [];
    private readonly List<string> _notices = [];
    private readonly string? _baseDirectory;
    private readonly List<int> _serviceIds = [];
    private readonly List<string> _serviceNames = [];
    private readonly List<long> _waitLimits = [];
    private readonly List<string> _classIds = [];

    private ScenarioCompiler(string? baseDirectory) => _baseDirectory = baseDirectory;

    /// <summary>Compiles <paramref name="scenario"/>; trace paths are relative to <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="ScenarioException">Every problem found.</exception>
    public static SimulationPlan Compile(Scenario scenario, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var compiler = new ScenarioCompiler(baseDirectory);
        compiler.CheckNulls(scenario);
        var plan = compiler._errors.Count == 0 ? compiler.Build(scenario) : null;
        return compiler._errors.Count > 0 || plan is null ? throw new ScenarioException(compiler._errors) : plan;
    }

    private SimulationPlan? Build(Scenario s)
    {
        Check(s.SlotMinutes > 0, "slotMinutes", $"must be greater than 0 (was {s.SlotMinutes})");
        var dayStart = Time(s.DayStart, "dayStart");
        Check(s.WarmupMinutes >= 0, "warmupMinutes", $"must not be negative (was {s.WarmupMinutes})");
        Check(s.WaitLimitMinutes > 0, "waitLimitMinutes", $"must be greater than 0 (was {s.WaitLimitMinutes})");
        Check(s.RecallSeconds >= 0, "recallSeconds", $"must not be negative (was {s.RecallSeconds})");
        Check(!(s.RecallSeconds > MaxMinutes * 60), "recallSeconds", $"must be at most {MaxMinutes * 60} seconds (was {s.RecallSeconds})");
        AtMost(s.WaitLimitMinutes, "waitLimitMinutes");
        Check(s.Halls.Count > 0, "halls", "must list at least one hall");
        Check(s.Halls.Count < (1 << 24), "halls", $"at most {(1 << 24) - 1} halls (was {s.Halls.Count})");
        var slotTicks = (long)(Math.Max(AtMost(s.SlotMinutes, "slotMinutes"), 1e-6) * TimeSpan.TicksPerMinute);
        var halls = new List<HallPlan>();
        var ids = new HashSet<string>();
        for (var i = 0; i < s.Halls.Count; i++)
        {
            var path = $"halls[{i}]";
            var h = s.Halls[i];
            Check(ids.Add(h.Id), $"{path}.id", $"'{h.Id}' is already the id of another hall");
            if (BuildHall(h, i, path, s, dayStart, slotTicks) is { } plan)
            {
                halls.Add(plan);
            }
        }

        if (_errors.Count > 0)
        {
            return null;
        }

        NoteHallsWithoutArrivals(halls);
        CheckHallsOpenAfterDayStart(halls, dayStart, s.DayStart);

        // Where the arrivals end, exclusive: the slots' end (an arrival comes before it), or just after a trace's last
        // ticket, which comes at its time. Taken as the end of the slots, a last ticket at 10:00:00 sharp ended the
        // hourly rows with 09:00-10:00 and was counted there.
        var lastArrival = halls.Max(h => Math.Max(
            dayStart + (h.Services.Max(x => x.RatePerTick.Length) * slotTicks),
            h.Trace is { Length: > 0 } t ? t[^1].Arrival.Ticks + 1 : 0));
        var warmupEnd = dayStart + (long)(AtMost(s.WarmupMinutes, "warmupMinutes") * TimeSpan.TicksPerMinute);
        Check(s.WarmupMinutes == 0 || warmupEnd < lastArrival, "warmupMinutes", // else every figure is empty, and nothing says why
            $"{s.WarmupMinutes} minutes from dayStart end at {Clock(warmupEnd)}, {(warmupEnd == lastArrival ? "when" : "after")} the last arrivals come ({Clock(lastArrival)}): nothing would be counted; make the warm-up shorter than the arrivals");
        return new SimulationPlan
        {
            Name = s.Name,
            Halls = [.. halls],
            ServiceIds = [.. _serviceIds],
            ServiceNames = [.. _serviceNames],
            ClassIds = [.. _classIds],
            Hours = (int)Math.Clamp((lastArrival + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour, 1, 10_000),
            UtilisationHours = (int)Math.Clamp((Math.Max(lastArrival, halls.Max(h => h.DayEnd)) + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour, 1, 10_000),
            SlotStart = dayStart,
            SlotTicks = slotTicks,
            WarmupEnd = warmupEnd,
            RecallTicks = (long)(Math.Min(s.RecallSeconds, MaxMinutes * 60) * TimeSpan.TicksPerSecond),
            WaitLimitTicks = [.. _waitLimits],
            Notices = [.. _notices],
        };
    }

    private HallPlan? BuildHall(HallScenario h, int index, string path, Scenario s, long dayStart, long slotTicks)
    {
        var errorsBefore = _errors.Count; // a hall with problems builds no definition: the engine would repeat them
        Check(h.Id.Length > 0, $"{path}.id", "must not be empty");
        var policy = BuildPolicy(h.Priority, $"{path}.priority");
        // By name only: Enum.TryParse also reads "3" (a choice the file does not name) and "9" (none at all).
        var selection = Enum.GetValues<WindowSelection>().FirstOrDefault(v => string.Equals(v.ToString(), h.WindowSelection, StringComparison.OrdinalIgnoreCase));
        Check(string.Equals(selection.ToString(), h.WindowSelection, StringComparison.OrdinalIgnoreCase), $"{path}.windowSelection",
            $"'{h.WindowSelection}' is not one of {string.Join(", ", Enum.GetNames<WindowSelection>())}");
        var classIds = policy.Classes.Select(c => c.Id).ToHashSet();
        Check(h.Services.Count > 0, $"{path}.services", "must list at least one service");
        var serviceIds = new HashSet<int>();
        foreach (var (svc, i) in h.Services.Select((x, i) => (x, i)))
        {
            Check(svc.Id is NotGiven or (>= 0 and <= MaxId), $"{path}.services[{i}].id", $"must be a service item number from 0 to {MaxId} (was {svc.Id})");
            Check(svc.Id != NotGiven, $"{path}.services[{i}].id", "is required (the service item number, 0 or more)");
            Check(svc.Id < 0 || serviceIds.Add(svc.Id), $"{path}.services[{i}].id", $"{svc.Id} is already the id of another service in this hall");
        }

        // Problems of the trace name its file as the planner gave it (a replay's trace is no field they wrote).
        var traceFile = h.Trace is null ? "" : TraceFile(h.Trace);
        var trace = LoadTrace(h.Trace, traceFile, serviceIds, classIds);
        if (trace is [var first, ..] && dayStart >= 0 && first.Arrival.Ticks < dayStart)
        {
            // Counted as warm-up, as the scenario's rules say of every ticket before dayStart + warmupMinutes; but a
            // real day's tickets before dayStart are most likely a dayStart set too late, so the planner is told.
            var early = trace.Count(t => t.Arrival.Ticks < dayStart);
            _notices.Add(string.Create(CultureInfo.InvariantCulture,
                $"{traceFile}: {early} {(early == 1 ? "ticket arrives" : "tickets arrive")} before dayStart {s.DayStart}, the earliest at {TraceClock.Format(first.Arrival)}; {(early == 1 ? "it is" : "they are")} replayed but not counted (as warm-up): set dayStart to {TraceClock.Format(first.Arrival)[..^3]} or earlier to count them"));
        }

        var services = new List<ServicePlan>();
        for (var i = 0; i < h.Services.Count; i++)
        {
            // A traced hall needs no handling times even when its trace failed to load (that is its own error).
            services.Add(BuildService(h.Services[i], $"{path}.services[{i}]", s, serviceIds, classIds, policy, h.Trace is not null));
        }

        if (h.Trace is null)
        {
            NoteServicesWithoutArrivals(h.Services, path);
        }
        else
        {
            NoteIgnoredInReplay(h.Services, path);
        }

        if (trace is not null)
        {
            WithStandInHandling(trace, services, h.Services, traceFile, path);
        }

        if (h.NoShow is { } noShow)
        {
            Check(noShow.RequeuePlacesBack >= 0, $"{path}.noShow.requeuePlacesBack", $"must be 0 or more (was {noShow.RequeuePlacesBack})");
            Check(noShow.MaxNoShows >= 1, $"{path}.noShow.maxNoShows", $"must be at least 1 (was {noShow.MaxNoShows})");
        }

        var issuing = h.Services.Select((x, i) => IssuingHours(x.IssuingHours, $"{path}.services[{i}].issuingHours")).ToArray();
        var windows = BuildWindows(h, path, serviceIds, classIds, out var windowDefinitions);
        if (_errors.Count > errorsBefore)
        {
            return null;
        }

        var definition = new HallDefinition
        {
            Id = h.Id,
            Name = h.Id,
            Categories = [new ServiceCategory { Id = "all", Prefix = "S", NumberWidth = 4 }],
            Services = [.. h.Services.Select((x, i) => new ServiceItem { Id = x.Id, Name = x.Name, Category = "all", DailyCap = x.DailyCap, IssuingHours = issuing[i] })],
            Windows = windowDefinitions,
            Priority = policy,
            WindowSelection = selection,
            NoShow = new NoShowPolicy
            {
                PauseWindowAfter = 0, // simulated clerks stay at their windows
                RequeuePlacesBack = h.NoShow?.RequeuePlacesBack ?? new NoShowPolicy().RequeuePlacesBack,
                MaxNoShows = h.NoShow?.MaxNoShows ?? new NoShowPolicy().MaxNoShows,
            },
            RetainedCompletedTickets = 16, // nobody rates in a simulation: keep few finished tickets addressable
            RememberedRequests = 0,
        };
        try
        {
            _ = new Hall(definition);
        }
        catch (ArgumentException e)
        {
            _errors.Add($"{path}: {ArgumentMessage.Of(e)}");
            return null;
        }

        var classGlobal = policy.Classes.ToDictionary(c => c.Id, c => GlobalClass(c.Id));
        var maxWindowId = windows.Max(w => w.Id);
        var windowIndex = Enumerable.Repeat(-1, maxWindowId + 1).ToArray();
        for (var i = 0; i < windows.Length; i++)
        {
            windowIndex[windows[i].Id] = i;
        }

        var serviceIndex = Enumerable.Repeat(-1, h.Services.Max(x => x.Id) + 1).ToArray();
        for (var i = 0; i < h.Services.Count; i++)
        {
            serviceIndex[h.Services[i].Id] = i;
        }

        var hallPlan = new HallPlan
        {
            Index = index,
            Definition = definition,
            Services = [.. services],
            Windows = windows,
            WindowIndexById = windowIndex,
            ServiceIndexById = serviceIndex,
            ClassGlobal = classGlobal,
            NormalClass = classGlobal[policy.NormalClass],
            AppointmentClass = policy.AppointmentClass is { } a ? classGlobal[a] : -1,
            Trace = trace,
            DayEnd = windows.Max(w => w.Open.Length == 0 ? 0 : w.Open[^1].To),
        };
        NoteOverload(hallPlan, path, dayStart, slotTicks);
        return hallPlan;
    }

    private PriorityPolicy BuildPolicy(PriorityScenario? p, string path)
    {
        var policy = new PriorityPolicy();
        if (p is null)
        {
            return policy;
        }

        if (p.Classes is { } classes)
        {
            var seen = new HashSet<string>();
            for (var i = 0; i < classes.Count; i++)
            {
                Check(classes[i].Id.Length > 0, $"{path}.classes[{i}].id", "must not be empty");
                Check(seen.Add(classes[i].Id), $"{path}.classes[{i}].id", $"'{classes[i].Id}' is listed twice");
                Check(classes[i].HeadStartMinutes >= 0 && classes[i].HeadStartMinutes <= PriorityPolicy.MaxHeadStart.TotalMinutes,
                    $"{path}.classes[{i}].headStartMinutes", $"must be from 0 to {PriorityPolicy.MaxHeadStart.TotalMinutes} (was {classes[i].HeadStartMinutes})");
            }

            Check(seen.Contains(PriorityPolicy.Normal), $"{path}.classes", "must include the class 'normal'");
            policy = policy with
            {
                Classes = [.. classes.Select(c => new PriorityClass { Id = c.Id, Name = c.Id, HeadStart = TimeSpan.FromMinutes(Math.Min(c.HeadStartMinutes, PriorityPolicy.MaxHeadStart.TotalMinutes)) })], // refused above when longer
                AppointmentClass = seen.Contains(PriorityPolicy.Appointment) ? PriorityPolicy.Appointment : null,
                Rules = [.. policy.Rules.Where(r => seen.Contains(r.Class))],
            };
        }

        if (p.MaxWaitMinutes is { } maxWait)
        {
            Check(maxWait >= 0, $"{path}.maxWaitMinutes", $"must not be negative (was {maxWait})");
            policy = policy with { MaxWait = maxWait > 0 ? TimeSpan.FromMinutes(AtMost(maxWait, $"{path}.maxWaitMinutes")) : null };
        }

        if (p.InterleaveAfter is { } n)
        {
            Check(n >= 1, $"{path}.interleaveAfter", $"must be at least 1 (was {n})");
            policy = policy with { InterleaveAfter = n };
        }

        if (p.Interleave is { } rule)
        {
            Check(p.InterleaveAfter is null, $"{path}.interleave", "set interleave or interleaveAfter, not both (interleaveAfter n is interleave { priorityCalls: n, normalCalls: 1 })");
            Check(rule.PriorityCalls >= 1, $"{path}.interleave.priorityCalls", $"must be at least 1 (was {rule.PriorityCalls})");
            Check(rule.NormalCalls >= 1, $"{path}.interleave.normalCalls", $"must be at least 1 (was {rule.NormalCalls})");
            policy = policy with { Interleave = new InterleaveRule { PriorityCalls = rule.PriorityCalls, NormalCalls = rule.NormalCalls } };
        }

        return policy;
    }

    /// <summary>How problems of a trace name it: "trace file 'monday.csv'", its path as the scenario (or the command line) gave it.</summary>
    private static string TraceFile(string file) => $"trace file '{file}'";

    /// <summary>Reads a hall's trace; its problems read "trace file 'monday.csv', line 14, column 'arrival': ...", where
    /// <paramref name="path"/> is the "trace file '...'" part.</summary>
    private TraceTicket[]? LoadTrace(string? file, string path, HashSet<int> serviceIds, HashSet<string> classIds)
    {
        if (file is null)
        {
            return null;
        }

        var full = Path.Combine(_baseDirectory ?? "", file);
        if (Directory.Exists(full))
        {
            _errors.Add($"{path}: a directory, not a CSV file");
            return null;
        }

        try
        {
            var trace = DayTrace.Load(full, serviceIds, classIds).Tickets.ToArray();
            if (trace.Length == 0)
            {
                // A day export of a day without tickets reads as an empty trace; replaying it would show a table of
                // zeros as if the staffing had been judged.
                _errors.Add($"{path}: a header row (line 1) but no ticket rows: nothing to replay");
                return null;
            }

            var (returns, example) = (0, "");
            for (var k = 0; k < trace.Length; k++)
            {
                var t = trace[k];

                // The citizen came back to an item (a transfer back to an item already handled: the journal's day
                // export lists it again). The hall refuses a ticket that lists an item twice, so the whole visit would
                // vanish from the replay; its later rows' time goes to the item's first row instead.
                if (t.Items.GroupBy(item => item.Service).FirstOrDefault(g => g.Count() > 1) is { } twice)
                {
                    (returns, example) = (returns + 1, returns == 0 ? $"{t.Ticket} to service {twice.Key}" : example);
                    trace[k] = Folded(t);
                }
            }

            if (returns > 0)
            {
                _notices.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: {returns} {(returns == 1 ? "ticket comes" : "tickets come")} back to an item already on it (e.g. {example}); a ticket holds each item once, so each return's handling time is added to the item's first row and replayed in that one visit to a window (the return's own wait is not replayed)"));
            }

            return trace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _errors.Add($"{path}: cannot be read: {e.Message}");
        }
        catch (FormatException e)
        {
            _errors.Add($"{path}, {e.Message}"); // "line 14, column 'arrival': ..."
        }

        return null;
    }

    /// <summary>
    /// Gives the unserved items of present citizens a handling time: a cancelled one (<see cref="TraceOutcome.Cancelled"/>:
    /// the citizen came to the call and the clerk cancelled the ticket) none, so the replay calls them, counts them
    /// served and the window goes on at once, not as an absent citizen's no-show (the replay's clerk cancels the ticket
    /// at that call, so its later cancelled items never come to wait); those of the citizens who left (<see
    /// cref="TraceTicket.Left"/>), so a replay that calls them before they left serves them, and those still waiting at
    /// the day's close (<see cref="TraceOutcome.WaitingAtClose"/>), real demand a replay with more windows may serve.
    /// They take the mean handling time of the trace's served rows of their service, else the mean of the service's
    /// <c>handling</c> in the scenario. An item of a citizen who left without either stays unserved (an absent
    /// citizen's); one waiting at close without either is an error, since replaying it as absent would count real
    /// demand as no-shows.
    /// </summary>
    private void WithStandInHandling(TraceTicket[] trace, List<ServicePlan> plans, IReadOnlyList<ServiceScenario> services, string path, string hallPath)
    {
        var served = new Dictionary<int, (double Seconds, int Count)>();
        foreach (var t in trace)
        {
            foreach (var item in t.Items)
            {
                if (item.HandlingTime is { } handled)
                {
                    var (sum, count) = served.GetValueOrDefault(item.Service);
                    served[item.Service] = (sum + handled.TotalSeconds, count + 1);
                }
            }
        }

        TimeSpan? StandIn(int service)
        {
            if (served.TryGetValue(service, out var s))
            {
                return TimeSpan.FromSeconds(s.Seconds / s.Count);
            }

            var i = plans.FindIndex(p => p.Id == service);
            return plans[i].Handling is { } handling ? TimeSpan.FromTicks((long)handling.Mean) : null;
        }

        var missing = new Dictionary<int, (int Count, string Example)>();
        for (var k = 0; k < trace.Length; k++)
        {
            var t = trace[k];
            if (t.Items.All(i => i.HandlingTime is not null || (i.Outcome is not (TraceOutcome.WaitingAtClose or TraceOutcome.Cancelled) && t.Left is null)))
            {
                continue;
            }

            var items = new List<TraceItem>(t.Items.Count);
            foreach (var i in t.Items)
            {
                var present = i.Outcome == TraceOutcome.WaitingAtClose || (t.Left is not null && i.Outcome is not (TraceOutcome.NoShow or TraceOutcome.Cancelled));
                var standIn = i.HandlingTime is not null ? null
                    : i.Outcome == TraceOutcome.Cancelled ? TimeSpan.Zero // came when called, and the clerk sent them off: no window time
                    : present ? StandIn(i.Service) : null;
                if (i.HandlingTime is null && standIn is null && i.Outcome == TraceOutcome.WaitingAtClose)
                {
                    var (count, example) = missing.GetValueOrDefault(i.Service);
                    missing[i.Service] = (count + 1, count == 0 ? t.Ticket : example);
                }

                items.Add(standIn is null ? i : i with { HandlingTime = standIn });
            }

            trace[k] = t with { Items = items };
        }

        foreach (var (service, (count, example)) in missing)
        {
            var index = services.ToList().FindIndex(x => x.Id == service);
            _errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {count} {(count == 1 ? "ticket was" : "tickets were")} still waiting at the day's close for service {service} (e.g. {example}), and no row of the trace serves it, so how long it takes is unknown: give {hallPath}.services[{index}].handling (a replay serves such citizens if a window calls them before closing)"));
        }
    }

    /// <summary>
    /// Notes the behaviour settings a traced hall's services give that its replay does not use, since the trace says it
    /// of each citizen: a planner who set them would otherwise believe they took effect. <c>patience</c> does apply
    /// (see <see cref="Replication"/>'s trace arrivals), so it is not noted.
    /// </summary>
    private void NoteIgnoredInReplay(IReadOnlyList<ServiceScenario> services, string path)
    {
        void Note(string field, Func<ServiceScenario, bool> set, string why)
        {
            var ids = services.Where(set).Select(x => x.Id.ToString(CultureInfo.InvariantCulture)).ToList();
            if (ids.Count > 0)
            {
                _notices.Add($"{path}: the replay ignores {field} (service{(ids.Count == 1 ? "" : "s")} {string.Join(", ", ids)}): {why}");
            }
        }

        Note("classMix", x => x.ClassMix.Count > 0, "the trace gives each arrival's class (its age, flags, appointment or class column)");
        Note("appointmentShare", x => x.AppointmentShare > 0, "the trace gives each arrival's appointment");
        Note("multiItem", x => x.MultiItem is { Share: > 0 }, "the trace gives each ticket's items");
        Note("noShowShare", x => x.NoShowShare > 0, "the trace says who did not come when called (outcome no_show)");
        Note("arrivalsPerHour", x => x.ArrivalsPerHour.Any(r => r > 0), "the trace's arrivals replace them");
    }

    /// <summary>The ticket with each item once, where it first came: a repeated item's handling time is added to it
    /// (none only when no row of the item was served) and its window is the first one known.</summary>
    private static TraceTicket Folded(TraceTicket ticket)
    {
        var items = new List<TraceItem>(ticket.Items.Count);
        foreach (var item in ticket.Items)
        {
            var i = items.FindIndex(x => x.Service == item.Service);
            if (i < 0)
            {
                items.Add(item);
                continue;
            }

            var first = items[i];
            items[i] = first with
            {
                HandlingTime = first.HandlingTime is null && item.HandlingTime is null ? null : (first.HandlingTime ?? TimeSpan.Zero) + (item.HandlingTime ?? TimeSpan.Zero),
                Window = first.Window ?? item.Window,
                RecallTimes = [.. first.RecallTimes, .. item.RecallTimes],
                Outcome = first.HandlingTime is not null || item.HandlingTime is not null ? TraceOutcome.Served : item.Outcome, // how the item ended: its last row's
            };
        }

        return ticket with { Items = items };
    }

    /// <summary>"H:mm" from midnight as ticks; -1 (and an error) when malformed.</summary>
    private long Time(string text, string path)
    {
        var parts = text.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h < 10_000
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60 && parts[1].Length == 2)
        {
            return (h * TimeSpan.TicksPerHour) + (m * TimeSpan.TicksPerMinute);
        }

        _errors.Add($"{path}: '{text}' is not a time \"H:mm\" (e.g. \"08:30\")");
        return -1;
    }

    private int GlobalService(int id, string name, long limit)
    {
        var i = _serviceIds.IndexOf(id);
        if (i >= 0)
        {
            return i;
        }

        _serviceIds.Add(id);
        _serviceNames.Add(name.Length > 0 ? name : $"service {id}");
        _waitLimits.Add(limit);
        return _serviceIds.Count - 1;
    }

    private int GlobalClass(string id)
    {
        var i = _classIds.IndexOf(id);
        if (i >= 0)
        {
            return i;
        }

        _classIds.Add(id);
        return _classIds.Count - 1;
    }

    /// <summary>
    /// The longest duration a scenario gives, in minutes (about 694 days; a simulated day's times run to 10,000 hours):
    /// longer ones overflowed the simulation's clock, and the run crashed with a stack trace (or a warm-up wrapped
    /// round and counted everything) instead of refusing the field.
    /// </summary>
    internal const double MaxMinutes = 1_000_000;

    /// <summary>Refuses <paramref name="minutes"/> past <see cref="MaxMinutes"/>, naming <paramref name="path"/>; returns
    /// it capped there, so the rest of the plan is still built while the errors are collected.</summary>
    private double AtMost(double minutes, string path)
    {
        Check(!(minutes > MaxMinutes), path, $"must be at most {MaxMinutes} minutes (was {minutes})");
        return Math.Min(minutes, MaxMinutes);
    }

    private void Check(bool condition, string path, string message)
    {
        if (!condition)
        {
            _errors.Add($"{path}: {message}");
        }
    }
}
