namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The hall the server serves when none is configured: a city government service center with four categories,
/// a dozen windows (some comprehensive, one caring window for the elderly), so that a fresh
/// <c>dotnet run</c> serves something at once.
/// </summary>
public static class DemoHall
{
    /// <summary>The demo hall's id.</summary>
    public const string Id = "city-center";

    /// <summary>The demo hall's definition.</summary>
    public static HallDefinition Definition() => new()
    {
        Id = Id,
        Name = "City Government Service Center",
        // A busy morning's waiting tickets plus the 256 completed ones kept for ratings: the ticket table never doubles
        // during the day (README, "Halls").
        InitialTicketCapacity = 512,
        Categories =
        [
            new() { Id = "business", Prefix = "A", Name = "Business" },
            new() { Id = "tax", Prefix = "B", Name = "Tax" },
            new() { Id = "social", Prefix = "C", Name = "Social insurance" },
            new() { Id = "civil", Prefix = "D", Name = "Civil affairs" },
        ],
        Services =
        [
            new() { Id = 101, Category = "business", Name = "Business registration", WaitLimit = TimeSpan.FromMinutes(20), ExpectedHandlingTime = TimeSpan.FromMinutes(9) },
            new() { Id = 102, Category = "business", Name = "Company seal", ExpectedHandlingTime = TimeSpan.FromMinutes(4) },
            new() { Id = 103, Category = "business", Name = "Bank account", ExpectedHandlingTime = TimeSpan.FromMinutes(6) },
            new() { Id = 201, Category = "tax", Name = "Tax registration", WaitLimit = TimeSpan.FromMinutes(20), ExpectedHandlingTime = TimeSpan.FromMinutes(7) },
            new() { Id = 202, Category = "tax", Name = "Invoices", ExpectedHandlingTime = TimeSpan.FromMinutes(5) },
            new() { Id = 301, Category = "social", Name = "Pension", WaitLimit = TimeSpan.FromMinutes(25), ExpectedHandlingTime = TimeSpan.FromMinutes(8) },
            new() { Id = 302, Category = "social", Name = "Medical insurance", ExpectedHandlingTime = TimeSpan.FromMinutes(6), QueueWarningLength = 12 },
            new() { Id = 401, Category = "civil", Name = "Residence permit", ExpectedHandlingTime = TimeSpan.FromMinutes(7) },
            new() { Id = 402, Category = "civil", Name = "Certificates", ExpectedHandlingTime = TimeSpan.FromMinutes(3) },
        ],
        Windows =
        [
            new() { Id = 1, Name = "Comprehensive 1", Comprehensive = true },
            new() { Id = 2, Name = "Comprehensive 2", Comprehensive = true },
            new() { Id = 3, Name = "Comprehensive 3", Comprehensive = true },
            new() { Id = 4, Name = "Comprehensive 4", Comprehensive = true, AutoAssign = true },
            new() { Id = 5, Name = "Business 1", Skills = [new() { Category = "business" }] },
            new() { Id = 6, Name = "Business 2", Skills = [new() { Category = "business" }, new() { Category = "tax", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
            new() { Id = 7, Name = "Tax 1", Skills = [new() { Category = "tax" }] },
            new() { Id = 8, Name = "Tax 2", Skills = [new() { Category = "tax" }, new() { Category = "business", Tier = SkillTier.Overflow }] },
            new() { Id = 9, Name = "Social insurance 1", Skills = [new() { Category = "social" }] },
            new() { Id = 10, Name = "Social insurance 2", Skills = [new() { Category = "social" }], AutoAssign = true },
            new() { Id = 11, Name = "Civil affairs", Skills = [new() { Category = "civil" }, new() { Category = "social", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(15) }] },
            new() { Id = 12, Name = "Caring window", Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
        ],
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(45), InterleaveAfter = 3 },
        WindowIdleLimit = TimeSpan.FromMinutes(10),
    };
}
