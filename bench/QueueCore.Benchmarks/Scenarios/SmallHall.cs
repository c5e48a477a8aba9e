namespace QueueCore.Benchmarks.Scenarios;

/// <summary>
/// A realistic small hall (a district office) with the library's default hall options: 3 categories, 12 service
/// items, 8 windows (2 comprehensive; 6 specialised, two per category, each with the next category as overflow after
/// 10 minutes). For memory and many-halls runs, where <see cref="EngineTraffic"/>'s large ticket table would dominate.
/// </summary>
internal static class SmallHall
{
    public const int Windows = 8;
    public const int Services = 12;
    private const int Categories = 3;

    public static HallDefinition Definition(int index) => new()
    {
        Id = $"small-{index}",
        Categories = [.. Enumerable.Range(0, Categories).Select(c => new ServiceCategory { Id = $"c{c}", Prefix = ((char)('A' + c)).ToString() })],
        Services = [.. Enumerable.Range(0, Services).Select(i => new ServiceItem { Id = i, Category = $"c{i % Categories}" })],
        Windows = [.. Enumerable.Range(1, Windows).Select(w => w <= 2
            ? new WindowDefinition { Id = w, Comprehensive = true }
            : new WindowDefinition
            {
                Id = w,
                Skills =
                [
                    new() { Category = $"c{w % Categories}" },
                    new() { Category = $"c{(w + 1) % Categories}", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) },
                ],
            })],
    };
}
