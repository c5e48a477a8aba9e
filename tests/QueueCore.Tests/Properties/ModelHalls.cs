namespace QueueCore.Tests.Properties;

/// <summary>
/// The halls the model properties run against: the classic one of the first property test, and halls whose policies
/// are drawn from a seed (so a failing seed names its hall). Six items in two categories; windows with primary,
/// overflow, category and comprehensive skills (tiers of whole categories, of single items, and of both), one
/// dedicated to elderly citizens.
/// </summary>
internal static class ModelHalls
{
    /// <summary>Manual windows, a 25-minute maximum wait, optionally one normal call after <paramref name="interleave"/> priority ones.</summary>
    public static HallDefinition Classic(int? interleave) => new()
    {
        Id = "model",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [.. Enumerable.Range(1, 6).Select(i => new ServiceItem { Id = i, Category = i <= 3 ? "A" : "B" })],
        Windows =
        [
            new() { Id = 1, Comprehensive = true },
            new() { Id = 2, Skills = [new() { Service = 1 }, new() { Service = 2 }, new() { Service = 3 }] },
            new() { Id = 3, Skills = [new() { Service = 4 }, new() { Service = 5 }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }] },
            new() { Id = 4, Skills = [new() { Service = 6 }, new() { Service = 2 }], DedicatedClass = "elderly" },
            new() { Id = 5, Skills = [new() { Service = 6 }, new() { Service = 3, Tier = SkillTier.Overflow }] },
        ],
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(25), InterleaveAfter = interleave },
        NoShow = new NoShowPolicy { MaxRecalls = 1, RequeuePlacesBack = 2, MaxNoShows = 2, PauseWindowAfter = 0 },
        Park = new ParkPolicy { AutoResumeAfter = null },
    };

    /// <summary>
    /// A hall drawn from <paramref name="seed"/>: wait, service and idle limits, auto-mode windows (none, some or all),
    /// the window selection, the maximum wait, the interleave rule either way, the aging rate, no-show, call-back and
    /// park policies. <paramref name="autoWindows"/>: whether any window may work in auto mode.
    /// </summary>
    public static HallDefinition Drawn(int seed, out bool autoWindows)
    {
        var r = new Random(seed);
        TimeSpan Minutes(params double[] choices) => TimeSpan.FromMinutes(choices[r.Next(choices.Length)]);
        TimeSpan? Maybe(int inN, params double[] choices) => r.Next(inN) == 0 ? Minutes(choices) : null;
        var autoMode = r.Next(3); // 0 none, 1 some, 2 all
        autoWindows = autoMode > 0;
        bool Auto() => autoMode == 2 || (autoMode == 1 && r.Next(2) == 0);
        var interleave = r.Next(4) switch
        {
            0 => null,
            1 => new InterleaveRule { PriorityCalls = 1 + r.Next(3), NormalCalls = 1 },
            2 => new InterleaveRule { PriorityCalls = 1, NormalCalls = 1 + r.Next(3) },
            _ => new InterleaveRule { PriorityCalls = 1 + r.Next(3), NormalCalls = 1 + r.Next(3) },
        };
        var drawn = new HallDefinition
        {
            Id = $"drawn-{seed}",
            Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B", NumberWidth = 2 }],
            Services = [.. Enumerable.Range(1, 6).Select(i => new ServiceItem
            {
                Id = i, Category = i <= 3 ? "A" : "B", WaitLimit = Maybe(2, 6, 12, 20), ServiceTimeLimit = Maybe(3, 3, 8),
            })],
            Windows =
            [
                new() { Id = 1, Comprehensive = true, AutoAssign = Auto(),
                    Skills = r.Next(3) == 0 ? [new() { Service = 6, Tier = SkillTier.Overflow, OverflowDelay = Minutes(2, 4) }] : [] },
                new() { Id = 2, AutoAssign = Auto(), Skills = [new() { Service = 1 }, new() { Service = 2 }, new() { Service = 3 }] },
                new() { Id = 3, AutoAssign = Auto(), Skills = [new() { Service = 4 }, new() { Service = 5 },
                    new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = Minutes(0, 2, 5) }] },
                new() { Id = 4, AutoAssign = Auto(), Skills = [new() { Service = 6 }, new() { Service = 2 }], DedicatedClass = "elderly" },
                new() { Id = 5, AutoAssign = Auto(), Skills = [new() { Service = 6 },
                    new() { Service = 3, Tier = SkillTier.Overflow, OverflowDelay = Minutes(0, 1) }] },
                new() { Id = 6, AutoAssign = Auto(), Skills = [new() { Category = "B" },
                    new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = Minutes(3, 6) },
                    new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = Minutes(1, 8) }] },
            ],
            WindowSelection = (WindowSelection)r.Next(Enum.GetValues<WindowSelection>().Length),
            WindowIdleLimit = Maybe(2, 1.5, 4),
            Priority = new PriorityPolicy
            {
                MaxWait = r.Next(4) == 0 ? null : Minutes(15, 25, 30),
                Interleave = interleave,
                AgingRate = new[] { 1.0, 1.0, 2.0, 0.5 }[r.Next(4)],
            },
            NoShow = DrawnNoShow(r),
            Park = new ParkPolicy
            {
                AutoResumeAfter = Maybe(2, 5, 20),
                ResumeHeadStart = Minutes(0, 5, 10),
                ReturnToSameWindow = r.Next(2) == 0,
            },
        };

        // Drawn last, so the draws above (and the halls of the seeds the tests name) stay as they were: a tier of a
        // whole category and an item (read from the category's queues and a tournament), and a whole category as
        // overflow.
        WindowDefinition[] more =
        [
            new() { Id = 7, AutoAssign = Auto(), Skills = [new() { Category = "A" }, new() { Service = 5 },
                new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = Minutes(1, 4) }] },
            new() { Id = 8, AutoAssign = Auto(), Skills = [new() { Service = 4 },
                new() { Category = "A", Tier = SkillTier.Overflow, OverflowDelay = Minutes(0, 3) }] },
        ];
        return drawn with { Windows = [.. drawn.Windows, .. more] };
    }

    /// <summary>
    /// A hall whose shape is drawn from <paramref name="seed"/> too: 2 to 6 items (ids drawn, 0 possible) in one or two
    /// categories; 1 to 5 windows with drawn skills (items or categories, primary or overflow with drawn delays), some
    /// comprehensive, some dedicated to a drawn class; 2 to 5 classes with drawn head starts (equal ones, zero ones and a
    /// "strict" one of years included) and a drawn normal class, which need not be the last nor have no head start; class
    /// rules over age and flags; a maximum wait and an interleave rule sometimes; daily caps and issuing hours on some items. <paramref name="autoWindows"/>: whether
    /// any window may work in auto mode.
    /// </summary>
    public static HallDefinition Shaped(int seed, out bool autoWindows)
    {
        var r = new Random(seed);
        TimeSpan Minutes(params double[] choices) => TimeSpan.FromMinutes(choices[r.Next(choices.Length)]);
        T Pick<T>(IReadOnlyList<T> from) => from[r.Next(from.Count)];

        var categories = r.Next(2) == 0 ? new[] { "A" } : ["A", "B"];
        var ids = Enumerable.Range(0, 12).OrderBy(_ => r.Next()).Take(2 + r.Next(5)).ToArray();
        ServiceItem[] services = [.. ids.Select(id => new ServiceItem { Id = id, Category = Pick(categories) })];
        services = [.. services.Select((s, i) => i < categories.Length ? s with { Category = categories[i] } : s)]; // no empty category

        var classes = Enumerable.Range(0, 2 + r.Next(4)).Select(i => new PriorityClass
        {
            Id = $"c{i}",
            HeadStart = r.Next(8) switch { 0 => TimeSpan.FromDays(3650), < 3 => TimeSpan.Zero, _ => Minutes(1, 3, 5, 10, 15, 30) },
        }).ToList();
        var normal = r.Next(classes.Count);
        if (r.Next(5) != 0)
        {
            classes[normal] = classes[normal] with { HeadStart = TimeSpan.Zero };
        }

        var autoMode = r.Next(3); // 0 none, 1 some, 2 all
        autoWindows = autoMode > 0;
        var windows = new List<WindowDefinition>();
        for (var w = 1 + r.Next(5); w > 0; w--)
        {
            var skills = new List<WindowSkill>();
            var comprehensive = r.Next(5) == 0;
            for (var k = comprehensive ? r.Next(2) : 1 + r.Next(3); k > 0; k--)
            {
                var tier = r.Next(3) == 0 || comprehensive ? SkillTier.Overflow : SkillTier.Primary;
                var skill = r.Next(4) == 0 ? new WindowSkill { Category = Pick(categories), Tier = tier } : new WindowSkill { Service = Pick(ids), Tier = tier };
                skill = tier == SkillTier.Overflow ? skill with { OverflowDelay = Minutes(0, 1, 2, 5, 10) } : skill;
                if (!skills.Any(x => (x.Category, x.Category is null ? x.Service : -1, x.Tier, x.OverflowDelay) == (skill.Category, skill.Category is null ? skill.Service : -1, skill.Tier, skill.OverflowDelay)))
                {
                    skills.Add(skill);
                }
            }

            windows.Add(new WindowDefinition
            {
                Id = (windows.Count > 0 ? windows[^1].Id : 0) + 1 + r.Next(2),
                Comprehensive = comprehensive,
                Skills = skills,
                DedicatedClass = r.Next(4) == 0 ? Pick(classes).Id : null,
                AutoAssign = autoMode == 2 || (autoMode == 1 && r.Next(2) == 0),
            });
        }

        // Every item needs a window: an item no skill names becomes a primary skill of a drawn window.
        foreach (var s in services)
        {
            if (!windows.Any(w => w.Comprehensive || w.Skills.Any(k => k.Category is null ? k.Service == s.Id : k.Category == s.Category)))
            {
                var at = r.Next(windows.Count);
                windows[at] = windows[at] with { Skills = [.. windows[at].Skills, new WindowSkill { Service = s.Id }] };
            }
        }

        var interleave = r.Next(6) switch
        {
            < 3 => null,
            3 => new InterleaveRule { PriorityCalls = 1 + r.Next(3), NormalCalls = 1 },
            4 => new InterleaveRule { PriorityCalls = 1, NormalCalls = 1 + r.Next(3) },
            _ => new InterleaveRule { PriorityCalls = 1 + r.Next(3), NormalCalls = 1 + r.Next(3) },
        };
        ClassRule[] rules = [.. Enumerable.Range(0, r.Next(4)).Select(_ => r.Next(3) switch
        {
            0 => new ClassRule { Class = Pick(classes).Id, MinAge = 60 + r.Next(3) * 5 },
            1 => new ClassRule { Class = Pick(classes).Id, AnyFlags = (TicketFlags)(1 << r.Next(4)) },
            _ => new ClassRule { Class = Pick(classes).Id, MinAge = 70, AnyFlags = (TicketFlags)(1 << r.Next(4)) },
        })];
        // Daily caps and issuing hours on some items, in UTC or in a zone eight hours ahead (the runs start at 01:00 UTC).
        var zone = r.Next(2) == 0 ? "UTC" : "Asia/Shanghai";
        var local = zone == "UTC" ? 0 : 8;
        services = [.. services.Select(s => s with
        {
            DailyCap = r.Next(3) == 0 ? 3 + r.Next(10) : null,
            IssuingHours = r.Next(3) != 0 ? [] : r.Next(2) == 0
                ? [new() { From = new TimeOnly(local + 1, 30), To = new TimeOnly(local + 3, 0) }]
                : [new() { From = new TimeOnly(local + 1, 0), To = new TimeOnly(local + 2, 0) }, new() { From = new TimeOnly(local + 2, 30), To = new TimeOnly(local + 4, 15) }],
        })];

        return new HallDefinition
        {
            Id = $"shaped-{seed}",
            TimeZone = zone,
            Categories = [.. categories.Select(c => new ServiceCategory { Id = c, Prefix = c })],
            Services = services,
            Windows = windows,
            WindowSelection = (WindowSelection)r.Next(Enum.GetValues<WindowSelection>().Length),
            Priority = new PriorityPolicy
            {
                Classes = classes,
                NormalClass = classes[normal].Id,
                AppointmentClass = null,
                Rules = rules,
                MaxWait = r.Next(2) == 0 ? null : Minutes(5, 10, 20, 30),
                Interleave = interleave,
                AgingRate = new[] { 1.0, 1.0, 2.0, 0.5 }[r.Next(4)],
            },
            NoShow = DrawnNoShow(r),
            Park = new ParkPolicy
            {
                AutoResumeAfter = r.Next(2) == 0 ? Minutes(5, 20) : null,
                ResumeHeadStart = Minutes(0, 5, 10),
                ReturnToSameWindow = r.Next(2) == 0,
            },
        };
    }

    /// <summary>
    /// <paramref name="current"/> with other window definitions and wait limits drawn from <paramref name="seed"/>, as a
    /// manager changes them at run time: some items' wait limits change (or are added or removed); some windows' skills
    /// change tier (primary to overflow with a drawn delay, or back) or delay; some windows get a skill (an item, primary
    /// or overflow, mostly one of <paramref name="waitedFor"/>, the items tickets wait for; the idle auto windows
    /// <paramref name="idleAuto"/> always get one, so they may take a waiting ticket at once); a window gets or loses its
    /// dedicated class; auto-assign flips. Window 1 and every id stay, so each item keeps a window.
    /// </summary>
    public static HallDefinition Variant(HallDefinition current, int seed, int[] waitedFor, int[] idleAuto)
    {
        var r = new Random(seed);
        TimeSpan Delay() => TimeSpan.FromMinutes(new[] { 0, 1, 3, 6 }[r.Next(4)]);
        WindowSkill Changed(WindowSkill k) => r.Next(3) != 0 ? k
            : k.Tier == SkillTier.Overflow && r.Next(2) == 0 ? k with { Tier = SkillTier.Primary, OverflowDelay = TimeSpan.Zero }
            : k with { Tier = SkillTier.Overflow, OverflowDelay = Delay() };
        var classes = current.Priority.Classes.Select(c => c.Id).ToArray();
        var items = waitedFor.Length > 0 && r.Next(4) != 0 ? waitedFor : [.. current.Services.Select(s => s.Id)];
        WindowSkill Added() => r.Next(2) == 0
            ? new WindowSkill { Service = items[r.Next(items.Length)] }
            : new WindowSkill { Service = items[r.Next(items.Length)], Tier = SkillTier.Overflow, OverflowDelay = Delay() };
        return current with
        {
            Services = [.. current.Services.Select(s => r.Next(4) != 0 ? s
                : s with { WaitLimit = new TimeSpan?[] { null, TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(20) }[r.Next(4)] })],
            Windows = [.. current.Windows.Select((w, i) => i == 0 || (r.Next(2) == 0 && !idleAuto.Contains(w.Id)) ? w : w with
            {
                // The same skill listed twice the same way is one skill: kept once.
                Skills = [.. w.Skills.Select(Changed).Concat(r.Next(idleAuto.Contains(w.Id) ? 1 : 3) == 0 ? [Added()] : []).Distinct()],
                DedicatedClass = r.Next(4) != 0 ? w.DedicatedClass : w.DedicatedClass is null ? classes[r.Next(classes.Length)] : null,
                AutoAssign = r.Next(4) == 0 ? !w.AutoAssign : w.AutoAssign,
            })],
        };
    }

    /// <summary>A no-show policy drawn from <paramref name="r"/> (the draws in the order the seeds' halls were made with).</summary>
    private static NoShowPolicy DrawnNoShow(Random r) => new()
    {
        MaxRecalls = r.Next(3),
        RequeuePlacesBack = r.Next(4),
        MaxNoShows = 1 + r.Next(3),
        PauseWindowAfter = r.Next(3) == 0 ? 2 + r.Next(2) : 0,
        CallBackAfter = TimeSpan.FromMinutes(new[] { 0, 0.5, 1, 3 }[r.Next(4)]),
    };
}
