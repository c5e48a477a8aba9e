using System.Globalization;

namespace QueueCore.Simulation;

/// <summary>Checks a scenario's meaning and compiles it; every problem is reported with its field path.</summary>
internal sealed class ScenarioCompiler
{
    private readonly List<string> _errors = [];
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
        var plan = compiler.Build(scenario);
        return compiler._errors.Count > 0 || plan is null ? throw new ScenarioException(compiler._errors) : plan;
    }

    private SimulationPlan? Build(Scenario s)
    {
        Check(s.SlotMinutes > 0, "slotMinutes", $"must be greater than 0 (was {s.SlotMinutes})");
        var dayStart = Time(s.DayStart, "dayStart");
        Check(s.WarmupMinutes >= 0, "warmupMinutes", $"must not be negative (was {s.WarmupMinutes})");
        Check(s.WaitLimitMinutes > 0, "waitLimitMinutes", $"must be greater than 0 (was {s.WaitLimitMinutes})");
        Check(s.RecallSeconds >= 0, "recallSeconds", $"must not be negative (was {s.RecallSeconds})");
        Check(s.Halls.Count > 0, "halls", "must list at least one hall");
        Check(s.Halls.Count < (1 << 24), "halls", $"at most {(1 << 24) - 1} halls (was {s.Halls.Count})");
        var slotTicks = (long)(Math.Max(s.SlotMinutes, 1e-6) * TimeSpan.TicksPerMinute);
        var halls = new List<HallPlan>();
        var ids = new HashSet<string>();
        for (var i = 0; i < s.Halls.Count; i++)
        {
            var path = $"halls[{i}]";
            var h = s.Halls[i];
            if (h is null)
            {
                _errors.Add($"{path}: must be an object");
                continue;
            }

            Check(h.Id.Length > 0, $"{path}.id", "must not be empty");
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

        var lastArrival = halls.Max(h => Math.Max(
            dayStart + (h.Services.Max(x => x.RatePerTick.Length) * slotTicks),
            h.Trace is { Length: > 0 } t ? t[^1].Arrival.Ticks : 0));
        return new SimulationPlan
        {
            Name = s.Name,
            Halls = [.. halls],
            ServiceIds = [.. _serviceIds],
            ServiceNames = [.. _serviceNames],
            ClassIds = [.. _classIds],
            Hours = (int)Math.Clamp((lastArrival + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour, 1, 10_000),
            SlotStart = dayStart,
            SlotTicks = slotTicks,
            WarmupEnd = dayStart + (long)(s.WarmupMinutes * TimeSpan.TicksPerMinute),
            RecallTicks = (long)(s.RecallSeconds * TimeSpan.TicksPerSecond),
            WaitLimitTicks = [.. _waitLimits],
        };
    }

    private HallPlan? BuildHall(HallScenario h, int index, string path, Scenario s, long dayStart, long slotTicks)
    {
        var errorsBefore = _errors.Count;
        var policy = BuildPolicy(h.Priority, $"{path}.priority");
        Check(Enum.TryParse<WindowSelection>(h.WindowSelection, ignoreCase: true, out var selection), $"{path}.windowSelection",
            $"'{h.WindowSelection}' is not one of {string.Join(", ", Enum.GetNames<WindowSelection>())}");
        var classIds = policy.Classes.Select(c => c.Id).ToHashSet();
        Check(h.Services.Count > 0, $"{path}.services", "must list at least one service");
        var serviceIds = new HashSet<int>();
        foreach (var (svc, i) in h.Services.Select((x, i) => (x, i)))
        {
            Check(svc.Id >= 0, $"{path}.services[{i}].id", $"must be a non-negative number (was {svc.Id})");
            Check(serviceIds.Add(svc.Id), $"{path}.services[{i}].id", $"{svc.Id} is already the id of another service in this hall");
        }

        var trace = LoadTrace(h.Trace, $"{path}.trace", serviceIds);
        var services = new List<ServicePlan>();
        for (var i = 0; i < h.Services.Count; i++)
        {
            services.Add(BuildService(h.Services[i], $"{path}.services[{i}]", s, serviceIds, classIds, policy, trace is not null));
        }

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
            Services = [.. h.Services.Select(x => new ServiceItem { Id = x.Id, Name = x.Name, Category = "all" })],
            Windows = windowDefinitions,
            Priority = policy,
            WindowSelection = selection,
            NoShow = new NoShowPolicy { PauseWindowAfter = 0 }, // simulated clerks stay at their windows
            RetainedCompletedTickets = 16, // nobody rates in a simulation: keep few finished tickets addressable
            RememberedRequests = 0,
        };
        try
        {
            _ = new Hall(definition);
        }
        catch (ArgumentException e)
        {
            _errors.Add($"{path}: {e.Message}");
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

        return new HallPlan
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
                Classes = [.. classes.Select(c => new PriorityClass { Id = c.Id, Name = c.Id, HeadStart = TimeSpan.FromMinutes(c.HeadStartMinutes) })],
                AppointmentClass = seen.Contains(PriorityPolicy.Appointment) ? PriorityPolicy.Appointment : null,
                Rules = [.. policy.Rules.Where(r => seen.Contains(r.Class))],
            };
        }

        if (p.MaxWaitMinutes is { } maxWait)
        {
            Check(maxWait >= 0, $"{path}.maxWaitMinutes", $"must not be negative (was {maxWait})");
            policy = policy with { MaxWait = maxWait > 0 ? TimeSpan.FromMinutes(maxWait) : null };
        }

        if (p.InterleaveAfter is { } n)
        {
            Check(n >= 1, $"{path}.interleaveAfter", $"must be at least 1 (was {n})");
            policy = policy with { InterleaveAfter = n };
        }

        return policy;
    }

    private ServicePlan BuildService(ServiceScenario svc, string path, Scenario s, HashSet<int> serviceIds, HashSet<string> classIds, PriorityPolicy policy, bool traced)
    {
        for (var i = 0; i < svc.ArrivalsPerHour.Count; i++)
        {
            Check(svc.ArrivalsPerHour[i] >= 0 && double.IsFinite(svc.ArrivalsPerHour[i]), $"{path}.arrivalsPerHour[{i}]", $"must be a rate of 0 or more (was {svc.ArrivalsPerHour[i]})");
        }

        Check(svc.Handling is not null || (traced && svc.ArrivalsPerHour.Count == 0), $"{path}.handling", "is required (a distribution of handling times)");
        var handling = svc.Handling is null ? null : BuildDistribution(svc.Handling, $"{path}.handling");
        var patience = svc.Patience is null ? null : BuildDistribution(svc.Patience, $"{path}.patience");
        var cumulative = new List<double>();
        var sum = 0.0;
        foreach (var (id, share) in svc.ClassMix)
        {
            Check(classIds.Contains(id), $"{path}.classMix.{id}", $"'{id}' is not a class of the hall ({string.Join(", ", classIds)})");
            Check(share is >= 0 and <= 1, $"{path}.classMix.{id}", $"must be a share from 0 to 1 (was {share})");
            sum += share;
            cumulative.Add(sum);
        }

        Check(svc.AppointmentShare is >= 0 and <= 1, $"{path}.appointmentShare", $"must be a share from 0 to 1 (was {svc.AppointmentShare})");
        Check(svc.AppointmentShare == 0 || policy.AppointmentClass is not null, $"{path}.appointmentShare", "the hall has no 'appointment' class to give appointment holders");
        Check(sum + svc.AppointmentShare <= 1 + 1e-9, $"{path}.classMix", $"class shares plus appointmentShare add up to {sum + svc.AppointmentShare}, more than 1");
        Check(svc.NoShowShare is >= 0 and <= 1, $"{path}.noShowShare", $"must be a share from 0 to 1 (was {svc.NoShowShare})");
        var multi = svc.MultiItem;
        if (multi is not null)
        {
            Check(multi.Share is >= 0 and <= 1, $"{path}.multiItem.share", $"must be a share from 0 to 1 (was {multi.Share})");
            for (var i = 0; i < multi.Items.Count; i++)
            {
                Check(serviceIds.Contains(multi.Items[i]) && multi.Items[i] != svc.Id, $"{path}.multiItem.items[{i}]", $"{multi.Items[i]} is not another service of this hall");
            }

            Check(multi.MaxExtra >= 1 && multi.MaxExtra <= Math.Min(ServiceItemList.Capacity - 1, Math.Max(1, multi.Items.Distinct().Count())),
                $"{path}.multiItem.maxExtra", $"must be from 1 to the number of distinct items listed (at most {ServiceItemList.Capacity - 1}); was {multi.MaxExtra}");
        }

        var limitMinutes = svc.WaitLimitMinutes ?? s.WaitLimitMinutes;
        Check(limitMinutes > 0, $"{path}.waitLimitMinutes", $"must be greater than 0 (was {limitMinutes})");
        var limit = (long)(limitMinutes * TimeSpan.TicksPerMinute);
        return new ServicePlan
        {
            Id = svc.Id,
            Global = GlobalService(svc.Id, svc.Name, limit),
            RatePerTick = [.. svc.ArrivalsPerHour.Select(r => r / TimeSpan.TicksPerHour)],
            Handling = handling,
            Patience = patience,
            ClassCumulative = [.. cumulative],
            ClassIds = [.. svc.ClassMix.Keys],
            ClassGlobal = [.. svc.ClassMix.Keys.Select(GlobalClass)],
            AppointmentShare = svc.AppointmentShare,
            MultiShare = multi?.Share ?? 0,
            MultiItems = [.. multi?.Items.Distinct() ?? []],
            MaxExtra = multi?.MaxExtra ?? 0,
            NoShowShare = svc.NoShowShare,
            WaitLimitTicks = limit,
        };
    }

    private Distribution? BuildDistribution(DistributionScenario d, string path)
    {
        const double M = TimeSpan.TicksPerMinute;
        bool Positive(double? v, string field)
        {
            Check(v is > 0 && double.IsFinite(v.Value), $"{path}.{field}", v is null ? $"is required for a {d.Kind} distribution" : $"must be greater than 0 (was {v})");
            return v is > 0;
        }

        switch (d.Kind.ToLowerInvariant())
        {
            case "exponential":
                return Positive(d.MeanMinutes, "meanMinutes") ? Distribution.Exponential(d.MeanMinutes!.Value * M) : null;
            case "fixed":
                return Positive(d.Minutes, "minutes") ? Distribution.Fixed(d.Minutes!.Value * M) : null;
            case "lognormal":
                return Positive(d.MeanMinutes, "meanMinutes") & Positive(d.SdMinutes, "sdMinutes")
                    ? Distribution.LogNormal(d.MeanMinutes!.Value * M, d.SdMinutes!.Value * M) : null;
            case "empirical":
                var samples = d.SamplesMinutes ?? [];
                Check(samples.Count > 0, $"{path}.samplesMinutes", "must list at least one observed duration");
                for (var i = 0; i < samples.Count; i++)
                {
                    Check(samples[i] > 0, $"{path}.samplesMinutes[{i}]", $"must be greater than 0 (was {samples[i]})");
                }

                return samples.Count > 0 ? Distribution.Empirical(samples.Select(x => x * M)) : null;
            default:
                _errors.Add($"{path}.kind: '{d.Kind}' is not one of exponential, lognormal, fixed, empirical");
                return null;
        }
    }

    private WindowPlan[] BuildWindows(HallScenario h, string path, HashSet<int> serviceIds, HashSet<string> classIds, out List<WindowDefinition> definitions)
    {
        definitions = [];
        var plans = new List<WindowPlan>();
        var ids = new HashSet<int>();
        Check(h.Windows.Count > 0, $"{path}.windows", "must list at least one window");
        for (var i = 0; i < h.Windows.Count; i++)
        {
            var w = h.Windows[i];
            var wp = $"{path}.windows[{i}]";
            Check(w.Id > 0, $"{wp}.id", $"must be a window number from 1 (was {w.Id})");
            Check(w.Count is >= 1 and <= HallDefinition.MaxWindows, $"{wp}.count", $"must be from 1 to {HallDefinition.MaxWindows} (was {w.Count})");
            Check(w.Comprehensive || w.Skills.Count > 0, $"{wp}.skills", "a window that is not comprehensive needs at least one skill");
            for (var k = 0; k < w.Skills.Count; k++)
            {
                Check(serviceIds.Contains(w.Skills[k].Service), $"{wp}.skills[{k}].service", $"{w.Skills[k].Service} is not a service of this hall");
                Check(w.Skills[k].OverflowDelayMinutes >= 0, $"{wp}.skills[{k}].overflowDelayMinutes", $"must not be negative (was {w.Skills[k].OverflowDelayMinutes})");
            }

            Check(w.DedicatedClass is null || classIds.Contains(w.DedicatedClass), $"{wp}.dedicatedClass", $"'{w.DedicatedClass}' is not a class of the hall");
            Check(w.Shifts.Count > 0, $"{wp}.shifts", "must list at least one shift (\"from\", \"to\")");
            var shifts = Ranges(w.Shifts, $"{wp}.shifts");
            var breaks = Ranges(w.Breaks, $"{wp}.breaks");
            for (var b = 0; b < breaks.Count; b++)
            {
                Check(shifts.Any(x => x.From <= breaks[b].From && breaks[b].To <= x.To), $"{wp}.breaks[{b}]", "must lie inside one of the window's shifts");
            }

            var open = Subtract(shifts, breaks);
            var skills = w.Skills.Select(k => new WindowSkill
            {
                Service = k.Service,
                Tier = k.Overflow ? SkillTier.Overflow : SkillTier.Primary,
                OverflowDelay = TimeSpan.FromMinutes(Math.Max(0, k.OverflowDelayMinutes)),
            }).ToArray();
            for (var n = 0; n < Math.Max(1, w.Count); n++)
            {
                var id = w.Id + n;
                Check(ids.Add(id), $"{wp}.id", $"window {id} is defined twice");
                definitions.Add(new WindowDefinition { Id = id, Comprehensive = w.Comprehensive, Skills = skills, DedicatedClass = w.DedicatedClass, AutoAssign = true });
                plans.Add(new WindowPlan { Id = id, Open = open });
            }
        }

        return [.. plans];
    }

    private List<(long From, long To)> Ranges(IReadOnlyList<TimeRangeScenario> ranges, string path)
    {
        var result = new List<(long, long)>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var from = Time(ranges[i].From, $"{path}[{i}].from");
            var to = Time(ranges[i].To, $"{path}[{i}].to");
            if (from >= 0 && to >= 0)
            {
                Check(to > from, $"{path}[{i}].to", $"'{ranges[i].To}' must be after from '{ranges[i].From}'");
                result.Add((from, to));
            }
        }

        result.Sort();
        for (var i = 1; i < result.Count; i++)
        {
            Check(result[i].Item1 >= result[i - 1].Item2, path, "spans overlap");
        }

        return result;
    }

    /// <summary>The shifts with the breaks cut out, merged where they touch.</summary>
    private static (long From, long To)[] Subtract(List<(long From, long To)> shifts, List<(long From, long To)> breaks)
    {
        var open = new List<(long From, long To)>();
        foreach (var (from, to) in shifts)
        {
            var start = from;
            foreach (var (bf, bt) in breaks.Where(b => b.From < to && b.To > from))
            {
                if (bf > start)
                {
                    open.Add((start, bf));
                }

                start = Math.Max(start, bt);
            }

            if (to > start)
            {
                open.Add((start, to));
            }
        }

        var merged = new List<(long From, long To)>();
        foreach (var span in open)
        {
            if (merged.Count > 0 && merged[^1].To == span.From)
            {
                merged[^1] = (merged[^1].From, span.To);
            }
            else
            {
                merged.Add(span);
            }
        }

        return [.. merged];
    }

    private TraceTicket[]? LoadTrace(string? file, string path, HashSet<int> serviceIds)
    {
        if (file is null)
        {
            return null;
        }

        var full = Path.Combine(_baseDirectory ?? "", file);
        try
        {
            var trace = DayTrace.Load(full).Tickets.ToArray();
            foreach (var t in trace)
            {
                foreach (var item in t.Items.Where(item => !serviceIds.Contains(item.Service)))
                {
                    _errors.Add($"{path}: ticket {t.Ticket} has service {item.Service}, which is not a service of this hall");
                    return null;
                }
            }

            return trace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _errors.Add($"{path}: cannot read '{full}': {e.Message}");
        }
        catch (FormatException e)
        {
            _errors.Add($"{path}: '{full}' {e.Message}");
        }

        return null;
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

    private void Check(bool condition, string path, string message)
    {
        if (!condition)
        {
            _errors.Add($"{path}: {message}");
        }
    }
}
