namespace QueueCore;

/// <remarks>This part: windows, their skills, and the skill profiles (with their tournaments) windows share.</remarks>
internal static partial class HallCompiler
{
    private static (WindowRecord[] Windows, int ForestSize, int TierCount, int StaleWords) CompileWindows(HallDefinition d, ServiceRecord[] services, Dictionary<string, int> classIndex, string where, List<string>? later)
    {
        Require(d.Windows.Count is >= 1 and <= HallDefinition.MaxWindows,
            $"{where}: between 1 and {HallDefinition.MaxWindows} windows are needed; {d.Windows.Count} were given.");
        var serviceIndex = new Dictionary<int, int>(services.Length);
        foreach (var s in services)
        {
            serviceIndex[s.Id] = s.Index;
        }

        // Most windows share a profile: each window's skills are expanded into these and looked up by their contents,
        // and copied only for a new profile.
        var profiles = new Dictionary<SkillShape, SkillProfile>();
        var tierOf = new byte[services.Length];
        var delayOf = new long[services.Length];
        var listed = new bool[services.Length];
        var windows = new WindowRecord[d.Windows.Count];
        var ids = new Dictionary<int, int>(); // id -> its place, which a duplicate's message names
        var leaves = services.Select(_ => new List<TierLeaf>()).ToArray();
        var served = new bool[services.Length];
        var overflowDelays = new List<long>?[services.Length]; // per item, the distinct delays windows serve it as overflow at
        var skillsSeen = new Dictionary<(string? Category, int Service, SkillTier Tier, long Delay), int>();
        var forestSize = 0;
        var tierCount = 0;
        var staleWords = 0;
        for (var w = 0; w < windows.Length; w++)
        {
            var def = d.Windows[w];
            Require(def is not null, $"{where}: window {w} in the list is null.");
            Require(def!.Id > 0, $"{where}: window id {def.Id} (Windows[{w}]) is not positive; window ids are 1 or more.");
            Require(ids.TryAdd(def.Id, w), $"{where}: window {def.Id} is defined twice (Windows[{ids.GetValueOrDefault(def.Id)}] and Windows[{w}]).");
            RequireName(def.Name, $"{where}: window {def.Id}", later);
            ExpandSkills(def, services, serviceIndex, where, tierOf, delayOf, listed, skillsSeen, later);
            Require(tierOf.AsSpan().ContainsAnyExcept(SkillProfile.NotServed), $"{where}: window {def.Id} serves no service item (give it skills or make it comprehensive).");
            for (var s = 0; s < tierOf.Length; s++)
            {
                served[s] |= tierOf[s] != SkillProfile.NotServed;
                if (tierOf[s] == SkillProfile.OverflowTier && !(overflowDelays[s] ??= []).Contains(delayOf[s]))
                {
                    overflowDelays[s]!.Add(delayOf[s]);
                }
            }

            if (!profiles.TryGetValue(new SkillShape(tierOf, delayOf), out var profile))
            {
                var shape = new SkillShape([.. tierOf], [.. delayOf]);
                profile = BuildProfile(shape.TierOf, shape.DelayOf, classIndex.Count, services, leaves, ref forestSize, ref tierCount, ref staleWords);
                profiles.Add(shape, profile);
            }

            var dedicated = string.IsNullOrEmpty(def.DedicatedClass) ? -1 : ClassOf(classIndex, def.DedicatedClass, $"{where}: window {def.Id} DedicatedClass");
            windows[w] = new WindowRecord(w, def, profile, dedicated);
        }

        for (var s = 0; s < services.Length; s++)
        {
            Require(served[s], $"{where}: no window serves service item {services[s].Id}; its tickets could never be called.");
            services[s].Leaves = [.. leaves[s]];
            services[s].OverflowDelays = overflowDelays[s] is { } delays ? [.. delays.Order()] : [];
        }

        return (windows, forestSize, tierCount, staleWords);
    }

    /// <summary>
    /// Per item, the window's tier and overflow delay. A comprehensive window serves every item as primary, except
    /// the items its listed skills name, which take the listed tier. Otherwise primary wins over overflow, and of
    /// two overflow skills for one item the shorter delay.
    /// </summary>
    private static void ExpandSkills(
        WindowDefinition def, ServiceRecord[] services, Dictionary<int, int> serviceIndex, string hall, byte[] tierOf, long[] delayOf, bool[] listed,
        Dictionary<(string? Category, int Service, SkillTier Tier, long Delay), int> seen, List<string>? later)
    {
        Require(def.Skills is not null, $"{hall}: window {def.Id} Skills may not be null.");
        Array.Fill(tierOf, def.Comprehensive ? SkillProfile.PrimaryTier : SkillProfile.NotServed);
        Array.Clear(delayOf);
        Array.Clear(listed);
        seen.Clear();

        for (var k = 0; k < def.Skills!.Count; k++)
        {
            var skill = def.Skills[k];
            Require(skill is not null, $"{hall}: window {def.Id} skill {k} is null.");
            Require(Enum.IsDefined(skill!.Tier), $"{hall}: window {def.Id} skill {k} has an unknown tier ({(int)skill.Tier}).");
            Require(skill.OverflowDelay >= TimeSpan.Zero, $"{hall}: window {def.Id} skill {k} has a negative overflow delay.");
            RequireLater(later, skill.Proficiency >= 0, // shown to managers as a level: a negative one is a slip, not a level
                $"{hall}: window {def.Id} skill {k} has a Proficiency of {skill.Proficiency}; a proficiency level is 0 (none given) or more.");
            RequireLater(later, skill.Tier == SkillTier.Overflow || skill.OverflowDelay == TimeSpan.Zero,
                $"{hall}: window {def.Id} skill {k} is Primary but has an overflow delay ({skill.OverflowDelay}); only an overflow skill's tickets wait before the window takes them (set Tier Overflow, or leave the delay 0).");
            Require(skill.Category is not null || skill.ServiceGiven,
                $"{hall}: window {def.Id} skill {k} names neither a service item (Service) nor a category (Category).");
            // The same skill twice says nothing the first did not: a slip (a copied line). Overlaps that mean something
            // are WindowSkill.Tier's: an item and its category, one item at both tiers, or at two overflow delays.
            var overflow = skill.Tier == SkillTier.Overflow;
            var key = (skill.Category, skill.Category is null ? skill.Service : 0, skill.Tier, overflow ? skill.OverflowDelay.Ticks : 0);
            RequireLater(later, seen.TryAdd(key, k),
                $"{hall}: window {def.Id} skill {k} lists {(skill.Category is null ? $"service item {skill.Service}" : $"category '{skill.Category}'")} as {skill.Tier}{(overflow ? $" after {skill.OverflowDelay}" : "")} again (as skill {seen[key]} does); list each skill once.");
            if (skill.Category is not null)
            {
                var matched = false;
                foreach (var s in services.Where(s => s.Definition.Category == skill.Category))
                {
                    Apply(s.Index, skill);
                    matched = true;
                }

                Require(matched, $"{hall}: window {def.Id} names category '{skill.Category}', which has no service items.");
            }
            else
            {
                Require(serviceIndex.TryGetValue(skill.Service, out var s), $"{hall}: window {def.Id} names unknown service item {skill.Service}.");
                Apply(s, skill);
            }
        }

        void Apply(int s, WindowSkill skill)
        {
            var first = !listed[s];
            listed[s] = true;
            if (skill.Tier == SkillTier.Primary)
            {
                tierOf[s] = SkillProfile.PrimaryTier;
                delayOf[s] = 0;
            }
            else if (tierOf[s] == SkillProfile.NotServed || (first && def.Comprehensive))
            {
                tierOf[s] = SkillProfile.OverflowTier; // a comprehensive window's listed overflow skill overrides its default
                delayOf[s] = skill.OverflowDelay.Ticks;
            }
            else if (tierOf[s] == SkillProfile.OverflowTier)
            {
                delayOf[s] = Math.Min(delayOf[s], skill.OverflowDelay.Ticks);
            }
        }
    }

    private static SkillProfile BuildProfile(
        byte[] tierOf, long[] delayOf, int classes, ServiceRecord[] services, List<TierLeaf>[] leaves, ref int forestSize, ref int tierCount, ref int staleWords)
    {
        var groups = new List<(bool Overflow, long Delay, int[] Services)>();
        var primary = Enumerable.Range(0, tierOf.Length).Where(s => tierOf[s] == SkillProfile.PrimaryTier).ToArray();
        if (primary.Length > 0)
        {
            groups.Add((false, 0, primary));
        }

        foreach (var group in Enumerable.Range(0, tierOf.Length).Where(s => tierOf[s] == SkillProfile.OverflowTier)
                     .GroupBy(s => delayOf[s]).OrderBy(g => g.Key))
        {
            groups.Add((true, group.Key, [.. group]));
        }

        var categorySize = new int[services.Length == 0 ? 0 : services.Max(s => s.Category) + 1];
        foreach (var s in services)
        {
            categorySize[s.Category]++;
        }

        var tiers = new ProfileTier[groups.Count];
        for (var i = 0; i < tiers.Length; i++)
        {
            var (overflow, delay, tierServices) = groups[i];
            if (!overflow && tierServices.Length == tierOf.Length)
            {
                // A comprehensive window reads the hall-wide class queues: no category queues, no tournaments.
                tiers[i] = new ProfileTier(overflow, true, delay, tierServices, [], [], 0, 0, -1, -1);
                continue;
            }

            // The categories the tier serves whole are read from their queues; a tournament covers the other items. An
            // overflow tier also reads a category whose other items the window serves as primary ("business", overflow
            // "social" but "pension" first): its queue's head is then either an overflow item, or a primary one, which
            // the window calls first anyway (an overflow tier counts only when no primary ticket waits) and which is
            // eligible at least as early there; behind a primary head, no overflow ticket of the class waited longer.
            var kind = overflow ? SkillProfile.OverflowTier : SkillProfile.PrimaryTier;
            var covered = new int[categorySize.Length];
            foreach (var s in services)
            {
                if ((tierOf[s.Index] == kind && delayOf[s.Index] == delay) || (overflow && tierOf[s.Index] == SkillProfile.PrimaryTier))
                {
                    covered[s.Category]++;
                }
            }

            bool Whole(int category) => covered[category] == categorySize[category];
            int[] whole = [.. tierServices.Select(s => services[s].Category).Distinct().Where(Whole)];
            int[] rest = [.. tierServices.Where(s => !Whole(services[s].Category))];
            foreach (var s in services.Where(s => whole.Contains(s.Category)))
            {
                s.CategoryQueue = s.Category;
            }

            if (rest.Length == 0)
            {
                tiers[i] = new ProfileTier(overflow, false, delay, tierServices, whole, [], 0, 0, -1, -1);
                continue;
            }

            var size = TournamentForest.Nodes(rest.Length) / 2;
            var staleWord = rest.Length <= 64 ? -1 : staleWords;
            tiers[i] = new ProfileTier(overflow, false, delay, tierServices, whole, rest, forestSize, size, tierCount, staleWord);
            forestSize += classes * 2 * size;
            for (var leaf = 0; leaf < rest.Length; leaf++)
            {
                leaves[rest[leaf]].Add(new TierLeaf(tierCount, leaf, staleWord < 0 ? -1 : staleWord + (leaf >> 6)));
            }

            if (staleWord >= 0)
            {
                staleWords += (rest.Length + 63) >> 6;
            }

            tierCount++;
        }

        return new SkillProfile(tiers, tierOf, delayOf);
    }
}
