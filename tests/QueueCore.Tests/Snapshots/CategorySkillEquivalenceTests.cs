namespace QueueCore.Tests.Snapshots;

/// <summary>
/// A category skill "covers every item of the category" (<see cref="WindowSkill.Category"/>): a hall whose windows
/// serve whole categories behaves exactly as the same hall with each category skill written out item by item (the
/// item's tier and delay as the documented overlap rules give them). The two are driven by the same random commands
/// (every kind, valid or not, with auto windows, timers, transfers, park, day close) and must give the same results
/// and events, command for command. The written-out hall dispatches through per-item tournaments, the other through
/// the per-(category, class) queues: neither is a model of the other.
/// </summary>
public class CategorySkillEquivalenceTests
{
    private static HallDefinition Categories(int seed) => new()
    {
        Id = "equivalence",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }, new() { Id = "C", Prefix = "C" }],
        Services = [.. Enumerable.Range(1, 8).Select(i => new ServiceItem
        {
            Id = i, Category = i <= 3 ? "A" : i <= 6 ? "B" : "C",
            WaitLimit = i % 3 == 0 ? TimeSpan.FromMinutes(12) : null,
        })],
        Windows =
        [
            new() { Id = 1, Skills = [new() { Category = "A" }, new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(3) }] },
            new() { Id = 2, Skills = [new() { Category = "B" }, new() { Service = 7 }, new() { Category = "A", Tier = SkillTier.Overflow }], AutoAssign = true },
            new() { Id = 3, Skills = [new() { Category = "C" }, new() { Service = 1 }, new() { Category = "A", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(6) }], DedicatedClass = PriorityPolicy.Elderly },
            new() { Id = 4, Skills = [new() { Service = 2 }, new() { Category = "C", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) },
                new() { Service = 8, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(1) }] },
            new() { Id = 5, Comprehensive = true, Skills = [new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
        ],
        WindowIdleLimit = TimeSpan.FromMinutes(7),
        WindowSelection = (WindowSelection)(seed % Enum.GetValues<WindowSelection>().Length),
        Priority = new PriorityPolicy
        {
            MaxWait = seed % 4 == 0 ? null : TimeSpan.FromMinutes(30),
            Interleave = (seed % 3) switch
            {
                0 => null,
                1 => new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 },
                _ => new InterleaveRule { PriorityCalls = 2, NormalCalls = 1 },
            },
        },
        NoShow = new NoShowPolicy { RequeuePlacesBack = seed % 3 },
        RememberedRequests = 64,
    };

    /// <summary>Each category skill written out as one skill per item of the category, with the documented overlap rules applied.</summary>
    private static HallDefinition WrittenOut(HallDefinition d, bool comprehensiveToo = false) => d with
    {
        Windows = [.. d.Windows.Select(w =>
        {
            var perItem = new Dictionary<int, (SkillTier Tier, TimeSpan Delay)>();
            if (comprehensiveToo && w.Comprehensive)
            {
                foreach (var s in d.Services)
                {
                    perItem[s.Id] = (SkillTier.Primary, TimeSpan.Zero);
                }
            }

            foreach (var skill in w.Skills)
            {
                var items = skill.Category is null ? [skill.Service] : d.Services.Where(s => s.Category == skill.Category).Select(s => s.Id).ToArray();
                foreach (var item in items)
                {
                    var mine = (skill.Tier, skill.Tier == SkillTier.Overflow ? skill.OverflowDelay : TimeSpan.Zero);
                    perItem[item] = perItem.TryGetValue(item, out var had) ? Better(had, mine) : mine;
                }
            }

            if (comprehensiveToo && w.Comprehensive)
            {
                // Listed overflow skills set the tier of their items at a comprehensive window (Fix 3).
                foreach (var skill in w.Skills.Where(k => k.Tier == SkillTier.Overflow))
                {
                    foreach (var item in skill.Category is null ? [skill.Service] : d.Services.Where(s => s.Category == skill.Category).Select(s => s.Id).ToArray())
                    {
                        perItem[item] = w.Skills.Any(k => k.Tier == SkillTier.Primary && (k.Category is null ? k.Service == item : d.Services.Any(s => s.Id == item && s.Category == k.Category)))
                            ? (SkillTier.Primary, TimeSpan.Zero)
                            : (SkillTier.Overflow, w.Skills.Where(k => k.Tier == SkillTier.Overflow && (k.Category is null ? k.Service == item : d.Services.Any(s => s.Id == item && s.Category == k.Category))).Min(k => k.OverflowDelay));
                    }
                }
            }

            return w with
            {
                Comprehensive = w.Comprehensive && !comprehensiveToo,
                Skills = [.. perItem.OrderBy(p => p.Key).Select(p => new WindowSkill { Service = p.Key, Tier = p.Value.Tier, OverflowDelay = p.Value.Delay })],
            };
        })],
    };

    private static (SkillTier, TimeSpan) Better((SkillTier Tier, TimeSpan Delay) a, (SkillTier Tier, TimeSpan Delay) b) =>
        a.Tier == SkillTier.Primary || b.Tier == SkillTier.Primary ? (SkillTier.Primary, TimeSpan.Zero) : (SkillTier.Overflow, a.Delay < b.Delay ? a.Delay : b.Delay);

    /// <summary>What a clerk at a random window would press next, or a citizen's ticket.</summary>
    private static HallCommand Clerk(Random r, Hall hall, DateTimeOffset now)
    {
        if (r.Next(3) == 0)
        {
            var items = Enumerable.Range(0, 1 + r.Next(3)).Select(_ => 1 + r.Next(9)).Distinct().ToArray();
            return HallCommand.IssueTicket(new ServiceItemList(items), age: (byte)(r.Next(5) == 0 ? 75 : 30), flags: r.Next(15) == 0 ? TicketFlags.GreenChannel : TicketFlags.None);
        }

        var window = 1 + r.Next(5);
        var state = hall.GetSnapshot(now, SnapshotDetail.Full).Windows.Single(w => w.Window == window).State;
        return state switch
        {
            WindowState.Idle => r.Next(6) == 0 ? HallCommand.FinishAndCallNext(window) : HallCommand.CallNext(window),
            WindowState.Calling => r.Next(5) == 0 ? HallCommand.NoShow(window) : HallCommand.StartServing(window),
            WindowState.Serving => r.Next(8) switch
            {
                0 => HallCommand.TransferToService(window, 1 + r.Next(8)),
                1 => HallCommand.TransferToWindow(window, 1 + r.Next(5)),
                2 => HallCommand.Park(window, "doc"),
                3 => HallCommand.FinishAndCallNext(window),
                _ => HallCommand.Finish(window),
            },
            WindowState.Closed => HallCommand.OpenWindow(window, clerk: window),
            _ => HallCommand.ResumeWindow(window),
        };
    }

    public static TheoryData<int, bool> Seeds()
    {
        var data = new TheoryData<int, bool>();
        foreach (var seed in Enumerable.Range(1, 12))
        {
            data.Add(seed, seed % 2 == 0);
        }

        return data;
    }

    /// <summary>
    /// Half-way the hall serving by category is saved and restored (its category queues rebuilt from the state), and
    /// later both halls are redefined the same way: an item added to a category served whole, and an item moved to
    /// another category. With <paramref name="comprehensiveToo"/> the comprehensive window is written out as well (every
    /// item listed), so its hall-wide queues are checked against per-item tournaments too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Apply_CategorySkillsOrTheSameWrittenOutItemByItem_SameResultsAndEvents(int seed, bool comprehensiveToo)
    {
        var d = Categories(seed);
        var byCategory = new Hall(d);
        var byItem = new Hall(WrittenOut(d, comprehensiveToo));
        var random = new Random(seed);
        var now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        var tickets = new List<long>();
        var calls = 0;
        Same(HallCommand.OpenDay(), -1);
        for (var w = 1; w <= 5; w++)
        {
            Same(HallCommand.OpenWindow(w, clerk: w), -1);
        }

        for (var i = 0; i < 4000; i++)
        {
            if (i == 1500)
            {
                byCategory = Hall.Restore(d, MessagePack.MessagePackSerializer.Deserialize<HallState>(MessagePack.MessagePackSerializer.Serialize(byCategory.SaveState())));
            }

            if (i == 2500)
            {
                var next = d with
                {
                    Services = [.. d.Services.Select(s => s.Id == 3 ? s with { Category = "C" } : s), new ServiceItem { Id = 9, Category = "B" }],
                };
                Hall? x = null, y = null;
                var ex = Record.Exception(() => x = byCategory.Redefine(next, now));
                var ey = Record.Exception(() => y = byItem.Redefine(WrittenOut(next, comprehensiveToo), now));
                Assert.True((ex is null) == (ey is null), $"seed {seed}: redefinition by category {ex?.Message ?? "applied"}; item by item {ey?.Message ?? "applied"}");
                if (x is not null)
                {
                    (byCategory, byItem, d) = (x, y!, next);
                    Assert.Equal(byItem.LastEvents.ToArray(), byCategory.LastEvents.ToArray());
                }
            }

            now = now.AddSeconds(random.Next(0, 50));
            var due = byCategory.NextDue;
            Assert.True(due == byItem.NextDue, $"seed {seed}, before command {i}: next due {due} by category, {byItem.NextDue} item by item");
            if (due is { } at && at <= now)
            {
                var tickAt = now;
                now = at;
                Same(HallCommand.Tick(), i);
                now = tickAt;
            }

            var command = random.Next(3) == 0 ? RandomHallTraffic.Next(random, tickets, now) : Clerk(random, byCategory, now);
            var result = Same(command, i);
            if (result.Ticket != 0 && !tickets.Contains(result.Ticket))
            {
                tickets.Add(result.Ticket);
            }

            if (i % 50 == 0)
            {
                for (var w = 1; w <= 5; w++)
                {
                    var x = byCategory.GetWindowQueue(w, byCategory.Now, 0, Hall.MaxQueueViewPage);
                    var y = byItem.GetWindowQueue(w, byItem.Now, 0, Hall.MaxQueueViewPage);
                    Assert.True(x.Tickets.SequenceEqual(y.Tickets), $"seed {seed}, after command {i}: window {w}'s queue differs");
                }
            }
        }

        Assert.True(calls > 100, $"seed {seed}: only {calls} calls");

        CommandResult Same(HallCommand command, int i)
        {
            var x = byCategory.Apply(command, now);
            var y = byItem.Apply(command, now);
            Assert.True(x == y, $"seed {seed}, command {i} ({command.Kind} w{command.Window} t{command.Ticket}) at {now:HH:mm:ss}: by category {x}; item by item {y}");
            Assert.Equal(byItem.LastEvents.ToArray(), byCategory.LastEvents.ToArray());
            foreach (var e in byCategory.LastEvents)
            {
                calls += e.Kind == HallEventKind.TicketCalled ? 1 : 0;
            }

            return x;
        }
    }
}
