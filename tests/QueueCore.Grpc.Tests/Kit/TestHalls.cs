namespace QueueCore.Grpc.Tests.Kit;

/// <summary>Small halls for tests that need something other than the demo hall.</summary>
internal static class TestHalls
{
    /// <summary>The demo hall's id (served when a test configures no halls).</summary>
    public const string Demo = "city-center";

    /// <summary>
    /// One category "A", service 1 (with the given cap and limits) and service 2, <paramref name="windows"/> windows
    /// serving both.
    /// </summary>
    public static HallDefinition Small(
        string id, int windows = 3, int? dailyCap = null, TimeSpan? waitLimit = null, int? queueWarningLength = null)
    {
        ServiceItem one = new() { Id = 1, Category = "a", Name = "Service one", DailyCap = dailyCap, WaitLimit = waitLimit, QueueWarningLength = queueWarningLength };
        ServiceItem two = new() { Id = 2, Category = "a", Name = "Service two" };
        return new()
        {
            Id = id,
            Name = $"Hall {id}",
            Categories = [new() { Id = "a", Prefix = "A", Name = "General" }],
            Services = [one, two],
            Windows = [.. Enumerable.Range(1, windows).Select(w => new WindowDefinition { Id = w, Name = $"Window {w}", Skills = [new() { Category = "a" }] })],
        };
    }

    /// <summary>A two-window hall where window 1 serves item 1 and takes item 2 (category "b") as overflow after 10 minutes.</summary>
    public static HallDefinition Overflow(string id)
    {
        var small = Small(id, windows: 2);
        return small with
        {
            Services = [small.Services[0], small.Services[1] with { Category = "b" }],
            Categories = [.. small.Categories, new() { Id = "b", Prefix = "B", Name = "Other" }],
            Windows =
            [
                new() { Id = 1, Skills = [new() { Category = "a" }, new() { Category = "b", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
                new() { Id = 2, Skills = [new() { Category = "b" }] },
            ],
        };
    }
}
