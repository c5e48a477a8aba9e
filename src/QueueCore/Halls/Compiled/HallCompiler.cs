using System.Text;

namespace QueueCore;

/// <summary>
/// Validates a <see cref="HallDefinition"/> and compiles it to dense indices, ticks and shared skill profiles.
/// Every problem is reported as an <see cref="ArgumentException"/> that names the offending entry.
/// </summary>
internal static class HallCompiler
{
    public static CompiledHall Compile(HallDefinition d)
    {
        Require(!string.IsNullOrWhiteSpace(d.Id), "The hall needs an id.");
        var (classIds, classIndex, headStart) = CompileClasses(d.Priority, d.Id);
        var categories = CompileCategories(d);
        var (services, serviceIndex) = CompileServices(d, categories);
        var windows = CompileWindows(d, services, serviceIndex, classIndex);
        Require(d.RetainedCompletedTickets >= 1, $"Hall '{d.Id}': RetainedCompletedTickets must be at least 1.");
        Require(d.InitialTicketCapacity >= 1, $"Hall '{d.Id}': InitialTicketCapacity must be at least 1.");
        Require(d.NoShow.MaxRecalls >= 0 && d.NoShow.RequeuePlacesBack >= 0 && d.NoShow.PauseWindowAfter >= 0,
            $"Hall '{d.Id}': no-show limits cannot be negative.");
        Require(d.NoShow.MaxNoShows >= 1, $"Hall '{d.Id}': NoShow.MaxNoShows must be at least 1.");
        Require(d.Park.AutoResumeAfter is null || d.Park.AutoResumeAfter > TimeSpan.Zero, $"Hall '{d.Id}': Park.AutoResumeAfter must be positive.");

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(d.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Hall '{d.Id}': unknown time zone '{d.TimeZone}'.", nameof(d), e);
        }

        var p = d.Priority;
        var rules = new int[p.Rules.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = ClassOf(classIndex, p.Rules[i].Class, $"Hall '{d.Id}': class rule {i}");
        }

        return new CompiledHall(
            services, categories, windows, serviceIndex,
            windows.Select((w, i) => (w.Id, i)).ToDictionary(x => x.Id, x => x.i),
            classIndex, classIds, headStart,
            ClassOf(classIndex, p.NormalClass, $"Hall '{d.Id}': NormalClass"),
            p.AppointmentClass is null ? -1 : ClassOf(classIndex, p.AppointmentClass, $"Hall '{d.Id}': AppointmentClass"),
            rules, zone);
    }

    private static (string[] Ids, Dictionary<string, int> Index, long[] HeadStart) CompileClasses(PriorityPolicy p, string hall)
    {
        Require(p.Classes.Count is >= 1 and <= 16, $"Hall '{hall}': between 1 and 16 priority classes are needed; {p.Classes.Count} were given.");
        Require(p.AgingRate > 0 && double.IsFinite(p.AgingRate), $"Hall '{hall}': AgingRate must be positive.");
        Require(p.MaxWait is null || p.MaxWait > TimeSpan.Zero, $"Hall '{hall}': MaxWait must be positive.");
        Require(p.InterleaveAfter is null or >= 1, $"Hall '{hall}': InterleaveAfter must be at least 1.");
        var ids = new string[p.Classes.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var headStart = new long[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var c = p.Classes[i];
            Require(!string.IsNullOrWhiteSpace(c.Id), $"Hall '{hall}': priority class {i} needs an id.");
            Require(index.TryAdd(c.Id, i), $"Hall '{hall}': priority class '{c.Id}' is defined twice.");
            Require(c.HeadStart >= TimeSpan.Zero, $"Hall '{hall}': class '{c.Id}' has a negative head start.");
            ids[i] = c.Id;
            headStart[i] = (long)(c.HeadStart.Ticks / p.AgingRate);
        }

        return (ids, index, headStart);
    }

    private static CategoryRecord[] CompileCategories(HallDefinition d)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in d.Categories)
        {
            Require(!string.IsNullOrWhiteSpace(c.Id) && seen.Add(c.Id), $"Hall '{d.Id}': category ids must be unique and non-empty ('{c.Id}').");
            Require(!string.IsNullOrEmpty(c.Prefix), $"Hall '{d.Id}': category '{c.Id}' needs a ticket prefix.");
            Require(c.NumberWidth is >= 1 and <= 9, $"Hall '{d.Id}': category '{c.Id}' NumberWidth must be 1 to 9.");
        }

        return [.. d.Categories.Select(c => new CategoryRecord(c))];
    }

    private static (ServiceRecord[] Services, Dictionary<int, int> Index) CompileServices(HallDefinition d, CategoryRecord[] categories)
    {
        Require(d.Services.Count is >= 1 and <= HallDefinition.MaxServices,
            $"Hall '{d.Id}': between 1 and {HallDefinition.MaxServices} service items are needed; {d.Services.Count} were given.");
        var index = new Dictionary<int, int>(d.Services.Count);
        var services = new ServiceRecord[d.Services.Count];
        for (var i = 0; i < services.Length; i++)
        {
            var s = d.Services[i];
            Require(s.Id >= 0, $"Hall '{d.Id}': service item ids must be non-negative ({s.Id}).");
            Require(index.TryAdd(s.Id, i), $"Hall '{d.Id}': service item {s.Id} is defined twice.");
            var category = Array.FindIndex(categories, c => c.Definition.Id == s.Category);
            Require(category >= 0, $"Hall '{d.Id}': service item {s.Id} names unknown category '{s.Category}'.");
            Require(s.DailyCap is null or >= 1, $"Hall '{d.Id}': service item {s.Id} DailyCap must be at least 1.");
            Require(s.QueueWarningLength is null or >= 1, $"Hall '{d.Id}': service item {s.Id} QueueWarningLength must be at least 1.");
            Require(s.WaitLimit is null || s.WaitLimit > TimeSpan.Zero, $"Hall '{d.Id}': service item {s.Id} WaitLimit must be positive.");
            Require(s.ServiceTimeLimit is null || s.ServiceTimeLimit > TimeSpan.Zero, $"Hall '{d.Id}': service item {s.Id} ServiceTimeLimit must be positive.");
            Require(s.ExpectedHandlingTime > TimeSpan.Zero, $"Hall '{d.Id}': service item {s.Id} ExpectedHandlingTime must be positive.");
            services[i] = new ServiceRecord(i, s, category);
        }

        return (services, index);
    }

    private static WindowRecord[] CompileWindows(
        HallDefinition d, ServiceRecord[] services, Dictionary<int, int> serviceIndex, Dictionary<string, int> classIndex)
    {
        Require(d.Windows.Count <= HallDefinition.MaxWindows, $"Hall '{d.Id}': at most {HallDefinition.MaxWindows} windows; {d.Windows.Count} were given.");
        var classes = classIndex.Count;
        var profiles = new Dictionary<string, SkillProfile>(StringComparer.Ordinal);
        var windows = new WindowRecord[d.Windows.Count];
        var ids = new HashSet<int>();
        var leaves = services.Select(_ => new List<TierLeaf>()).ToArray();
        var delays = services.Select(_ => new SortedSet<long>()).ToArray();
        for (var w = 0; w < windows.Length; w++)
        {
            var def = d.Windows[w];
            Require(def.Id > 0 && ids.Add(def.Id), $"Hall '{d.Id}': window ids must be positive and unique ({def.Id}).");
            var (tierOf, delayOf) = ExpandSkills(d, def, services, serviceIndex);
            var key = ProfileKey(tierOf, delayOf);
            if (!profiles.TryGetValue(key, out var profile))
            {
                profile = BuildProfile(key, tierOf, delayOf, classes, leaves);
                profiles.Add(key, profile);
            }

            for (var s = 0; s < tierOf.Length; s++)
            {
                if (tierOf[s] == SkillProfile.OverflowTier && delayOf[s] > 0)
                {
                    delays[s].Add(delayOf[s]);
                }
            }

            var dedicated = def.DedicatedClass is null ? -1 : ClassOf(classIndex, def.DedicatedClass, $"Hall '{d.Id}': window {def.Id} DedicatedClass");
            windows[w] = new WindowRecord(w, def, profile, dedicated);
        }

        for (var s = 0; s < services.Length; s++)
        {
            services[s].Leaves = [.. leaves[s]];
            services[s].OverflowDelays = [.. delays[s]];
        }

        return windows;
    }

    private static (byte[] TierOf, long[] DelayOf) ExpandSkills(
        HallDefinition d, WindowDefinition def, ServiceRecord[] services, Dictionary<int, int> serviceIndex)
    {
        var tierOf = new byte[services.Length];
        var delayOf = new long[services.Length];
        if (def.Comprehensive)
        {
            Array.Fill(tierOf, SkillProfile.PrimaryTier);
        }

        foreach (var skill in def.Skills)
        {
            Require(skill.OverflowDelay >= TimeSpan.Zero, $"Hall '{d.Id}': window {def.Id} has a negative overflow delay.");
            if (skill.Category is not null)
            {
                var matched = false;
                foreach (var s in services.Where(s => s.Definition.Category == skill.Category))
                {
                    Apply(s.Index, skill);
                    matched = true;
                }

                Require(matched, $"Hall '{d.Id}': window {def.Id} names category '{skill.Category}', which has no service items.");
            }
            else
            {
                Require(serviceIndex.TryGetValue(skill.Service, out var s), $"Hall '{d.Id}': window {def.Id} names unknown service item {skill.Service}.");
                Apply(s, skill);
            }
        }

        return (tierOf, delayOf);

        void Apply(int s, WindowSkill skill)
        {
            if (skill.Tier == SkillTier.Primary)
            {
                tierOf[s] = SkillProfile.PrimaryTier;
                delayOf[s] = 0;
            }
            else if (tierOf[s] == SkillProfile.NotServed)
            {
                tierOf[s] = SkillProfile.OverflowTier;
                delayOf[s] = skill.OverflowDelay.Ticks;
            }
            else if (tierOf[s] == SkillProfile.OverflowTier)
            {
                delayOf[s] = Math.Min(delayOf[s], skill.OverflowDelay.Ticks);
            }
        }
    }

    private static string ProfileKey(byte[] tierOf, long[] delayOf)
    {
        var key = new StringBuilder();
        for (var s = 0; s < tierOf.Length; s++)
        {
            if (tierOf[s] != SkillProfile.NotServed)
            {
                key.Append(s).Append(':').Append(tierOf[s]).Append(':').Append(delayOf[s]).Append(';');
            }
        }

        return key.ToString();
    }

    private static SkillProfile BuildProfile(string key, byte[] tierOf, long[] delayOf, int classes, List<TierLeaf>[] leaves)
    {
        var tiers = new List<ProfileTier>();
        var primary = Enumerable.Range(0, tierOf.Length).Where(s => tierOf[s] == SkillProfile.PrimaryTier).ToArray();
        if (primary.Length > 0)
        {
            tiers.Add(new ProfileTier(false, 0, primary, classes, allServices: primary.Length == tierOf.Length));
        }

        foreach (var group in Enumerable.Range(0, tierOf.Length).Where(s => tierOf[s] == SkillProfile.OverflowTier)
                     .GroupBy(s => delayOf[s]).OrderBy(g => g.Key))
        {
            tiers.Add(new ProfileTier(true, group.Key, [.. group], classes, allServices: false));
        }

        foreach (var tier in tiers.Where(t => !t.AllServices))
        {
            for (var leaf = 0; leaf < tier.Services.Length; leaf++)
            {
                leaves[tier.Services[leaf]].Add(new TierLeaf(tier, leaf));
            }
        }

        return new SkillProfile(key, [.. tiers], tierOf, delayOf);
    }

    private static int ClassOf(Dictionary<string, int> classIndex, string id, string where)
    {
        Require(classIndex.TryGetValue(id, out var c), $"{where} names unknown priority class '{id}'.");
        return c;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
