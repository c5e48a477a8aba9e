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
        // Named as the signs over the desks, which the calls name ("A001, please go to window 1"); what each serves is in
        // its skills (the comprehensive windows 1 to 4, business 5 and 6, tax 7 and 8, social insurance 9 and 10, civil
        // affairs 11, and 12 the caring window for the elderly).
        Windows =
        [
            new() { Id = 1, Name = "Window 1", Comprehensive = true },
            new() { Id = 2, Name = "Window 2", Comprehensive = true },
            new() { Id = 3, Name = "Window 3", Comprehensive = true },
            new() { Id = 4, Name = "Window 4", Comprehensive = true, AutoAssign = true },
            new() { Id = 5, Name = "Window 5", Skills = [new() { Category = "business" }] },
            new() { Id = 6, Name = "Window 6", Skills = [new() { Category = "business" }, new() { Category = "tax", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
            new() { Id = 7, Name = "Window 7", Skills = [new() { Category = "tax" }] },
            new() { Id = 8, Name = "Window 8", Skills = [new() { Category = "tax" }, new() { Category = "business", Tier = SkillTier.Overflow }] },
            new() { Id = 9, Name = "Window 9", Skills = [new() { Category = "social" }] },
            new() { Id = 10, Name = "Window 10", Skills = [new() { Category = "social" }], AutoAssign = true },
            new() { Id = 11, Name = "Window 11", Skills = [new() { Category = "civil" }, new() { Category = "social", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(15) }] },
            new() { Id = 12, Name = "Window 12", Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
        ],
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(45), InterleaveAfter = 3 },
        WindowIdleLimit = TimeSpan.FromMinutes(10),
    };
}
