namespace QueueCore.Tests.Audit;

/// <summary>
/// Fifth audit: every number of a definition that can be negative, NaN or out of range is refused with a message naming
/// its entry, rather than taken (and shown, or acted on) as given.
/// </summary>
public sealed class DefinitionNumbersAuditTests
{
    private static HallDefinition Hall(ServiceItem? item = null, WindowSkill? skill = null) => new()
    {
        Id = "numbers",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [item ?? new ServiceItem { Id = 1, Category = "A" }],
        Windows = [new() { Id = 7, Skills = [skill ?? new WindowSkill { Service = 1 }] }],
    };

    private static readonly ServiceItem Item = new() { Id = 1, Category = "A" };

    public static TheoryData<string, HallDefinition> Bad() => new()
    {
        { "Proficiency", Hall(skill: new WindowSkill { Service = 1, Proficiency = -1 }) },
        { "OverflowDelay", Hall(skill: new WindowSkill { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(-1) }) },
        { "DailyCap", Hall(item: Item with { DailyCap = -1 }) },
        { "QueueWarningLength", Hall(item: Item with { QueueWarningLength = -1 }) },
        { "WaitLimit", Hall(item: Item with { WaitLimit = TimeSpan.FromMinutes(-1) }) },
        { "ServiceTimeLimit", Hall(item: Item with { ServiceTimeLimit = TimeSpan.FromMinutes(-1) }) },
        { "ExpectedHandlingTime", Hall(item: Item with { ExpectedHandlingTime = TimeSpan.FromMinutes(-1) }) },
        { "WindowIdleLimit", Hall() with { WindowIdleLimit = TimeSpan.FromMinutes(-1) } },
        { "RetainedCompletedTickets", Hall() with { RetainedCompletedTickets = -1 } },
        { "RememberedRequests", Hall() with { RememberedRequests = -1 } },
        { "InitialTicketCapacity", Hall() with { InitialTicketCapacity = -1 } },
        { "NumberWidth", Hall() with { Categories = [new() { Id = "A", Prefix = "A", NumberWidth = 0 }] } },
        { "AgingRate", Hall() with { Priority = new() { AgingRate = double.NaN } } },
        { "AgingRate", Hall() with { Priority = new() { AgingRate = -1 } } },
        { "MaxWait", Hall() with { Priority = new() { MaxWait = TimeSpan.FromMinutes(-1) } } },
        { "AppointmentEarlyWindow", Hall() with { Priority = new() { AppointmentEarlyWindow = TimeSpan.FromMinutes(-1) } } },
        { "AppointmentGracePeriod", Hall() with { Priority = new() { AppointmentGracePeriod = TimeSpan.FromMinutes(-1) } } },
        { "MaxRecalls", Hall() with { NoShow = new() { MaxRecalls = -1 } } },
        { "MaxNoShows", Hall() with { NoShow = new() { MaxNoShows = -1 } } },
        { "RequeuePlacesBack", Hall() with { NoShow = new() { RequeuePlacesBack = -1 } } },
        { "PauseWindowAfter", Hall() with { NoShow = new() { PauseWindowAfter = -1 } } },
        { "CallBackAfter", Hall() with { NoShow = new() { CallBackAfter = TimeSpan.FromMinutes(-1) } } },
        { "AutoResumeAfter", Hall() with { Park = new() { AutoResumeAfter = TimeSpan.FromMinutes(-1) } } },
        { "ResumeHeadStart", Hall() with { Park = new() { ResumeHeadStart = TimeSpan.FromMinutes(-1) } } },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Definition_NumberOutOfRange_RefusedWithAClearMessage(string field, HallDefinition definition)
    {
        var error = Assert.Throws<ArgumentException>(() => new Hall(definition));

        Assert.Contains("numbers", error.Message, StringComparison.Ordinal); // the hall
        Assert.False(string.IsNullOrWhiteSpace(error.Message), field);
    }

    [Fact]
    public void Definition_NegativeProficiency_RefusedNamingTheWindowAndItsSkill()
    {
        var error = Assert.Throws<ArgumentException>(() => new Hall(Hall(skill: new WindowSkill { Service = 1, Proficiency = -3 })));

        Assert.Contains("window 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("Proficiency", error.Message, StringComparison.Ordinal);
        Assert.Contains("-3", error.Message, StringComparison.Ordinal);
    }
}
