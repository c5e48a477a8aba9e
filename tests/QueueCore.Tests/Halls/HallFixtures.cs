namespace QueueCore.Tests.Halls;

/// <summary>Small halls and a clock for hall tests.</summary>
internal static class HallFixtures
{
    public static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Two categories (A: items 1, 2; B: item 3), windows 1 and 2 serving 1 and 2, window 3 serving 3 with overflow on 1.</summary>
    public static HallDefinition SmallHall(Func<HallDefinition, HallDefinition>? tweak = null)
    {
        var d = new HallDefinition
        {
            Id = "small",
            Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
            Services =
            [
                new() { Id = 1, Category = "A", Name = "Business registration" },
                new() { Id = 2, Category = "A", Name = "Seal" },
                new() { Id = 3, Category = "B", Name = "Social insurance" },
            ],
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
                new() { Id = 2, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
                new() { Id = 3, Skills = [new() { Service = 3 }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
            ],
        };
        return tweak is null ? d : tweak(d);
    }

    /// <summary>A hall with its day open and the given windows open (manual mode).</summary>
    public static Hall OpenHall(HallDefinition definition, DateTimeOffset now, params int[] windows)
    {
        var hall = new Hall(definition);
        Assert.True(hall.Apply(HallCommand.OpenDay(), now).IsSuccess);
        foreach (var w in windows)
        {
            Assert.True(hall.Apply(HallCommand.OpenWindow(w, clerk: 100 + w), now).IsSuccess);
        }

        return hall;
    }
}
