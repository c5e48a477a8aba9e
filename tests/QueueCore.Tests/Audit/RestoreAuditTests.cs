namespace QueueCore.Tests.Audit;

/// <summary>Restore equality, checked from outside: a restored hall (its definition's lists in another order) gives the
/// same results and events as the hall it was saved from, timers included.</summary>
public sealed class RestoreAuditTests
{
    private static HallDefinition Hall(bool reversed)
    {
        var services = new List<ServiceItem>
        {
            new() { Id = 1, Category = "A", Name = "One", WaitLimit = TimeSpan.FromMinutes(3), DailyCap = 50 },
            new() { Id = 2, Category = "A", Name = "Two", WaitLimit = TimeSpan.FromMinutes(2) },
            new() { Id = 3, Category = "B", Name = "Three", WaitLimit = TimeSpan.FromMinutes(4), ServiceTimeLimit = TimeSpan.FromMinutes(5) },
        };
        var windows = new List<WindowDefinition>
        {
            new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
            new() { Id = 2, Skills = [new() { Service = 3 }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }] },
            new() { Id = 3, Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
        };
        var categories = new List<ServiceCategory> { new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" } };
        if (reversed)
        {
            services.Reverse();
            windows.Reverse();
            categories.Reverse();
        }

        return new HallDefinition
        {
            Id = "restore",
            Categories = categories,
            Services = services,
            Windows = windows,
            WindowIdleLimit = TimeSpan.FromMinutes(4),
        };
    }

    private static (HallCommand Command, double Minute)[] Day(int seed)
    {
        var random = new Random(seed);
        var list = new List<(HallCommand, double)>();
        var minute = 0.0;
        for (var i = 0; i < 400; i++)
        {
            minute += random.Next(0, 3) * 0.5;
            var w = random.Next(1, 4);
            HallCommand c = random.Next(16) switch
            {
                0 or 1 or 2 => HallCommand.IssueTicket(random.Next(1, 4), age: (byte)(random.Next(4) == 0 ? 70 : 30)),
                3 => HallCommand.IssueTicket(new ServiceItemList([random.Next(1, 3), 3])),
                4 or 5 => HallCommand.CallNext(w),
                6 => HallCommand.StartServing(w),
                7 => HallCommand.Finish(w),
                8 => HallCommand.NoShow(w),
                9 => HallCommand.Recall(w),
                10 => HallCommand.TransferToService(w, random.Next(1, 4)),
                11 => HallCommand.Park(w, "doc"),
                12 => HallCommand.OpenWindow(w, 100 + w, auto: random.Next(2) == 0),
                13 => HallCommand.PauseWindow(w),
                14 => HallCommand.Tick(),
                _ => HallCommand.FinishAndCallNext(w),
            };
            list.Add((c, minute));
        }

        return [.. list];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RestoreMidDay_ReorderedDefinition_SameResultsEventsAndNextDue(int seed)
    {
        var day = Day(seed);
        var original = new Hall(Hall(false));
        original.Ok(HallCommand.OpenDay(), 0);
        for (var w = 1; w <= 3; w++)
        {
            original.Ok(HallCommand.OpenWindow(w, 100 + w, auto: w == 2), 0);
        }

        var cut = day.Length / 2;
        for (var i = 0; i < cut; i++)
        {
            original.Apply(day[i].Command, AuditKit.At(day[i].Minute));
        }

        var restored = QueueCore.Hall.Restore(Hall(true), original.SaveState());
        Assert.Equal(original.NextDue, restored.NextDue);
        for (var i = cut; i < day.Length; i++)
        {
            var at = AuditKit.At(day[i].Minute);
            if (original.NextDue is { } due && due <= at)
            {
                var a0 = original.Apply(HallCommand.Tick(), due);
                var b0 = restored.Apply(HallCommand.Tick(), due);
                Assert.Equal(a0, b0);
                Assert.Equal(original.LastEvents.ToArray(), restored.LastEvents.ToArray());
            }

            var a = original.Apply(day[i].Command, at);
            var b = restored.Apply(day[i].Command, at);
            Assert.True(a.Equals(b), $"command {i} {day[i].Command.Kind}: {a} vs {b}");
            Assert.Equal(original.LastEvents.ToArray(), restored.LastEvents.ToArray());
            Assert.Equal(original.NextDue, restored.NextDue);
        }
    }
}
