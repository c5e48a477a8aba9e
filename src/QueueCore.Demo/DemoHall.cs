namespace QueueCore.Demo;

/// <summary>A district service center: four categories, a dozen items, nine windows of different skills.</summary>
internal static class DemoHall
{
    public const int Registration = 101, Seal = 102, BankAccount = 103, Tax = 201, Invoice = 202,
        Pension = 301, MedicalInsurance = 302, Residence = 401, Certificate = 402;

    public static HallDefinition Definition() => new()
    {
        Id = "district-center",
        Name = "District Government Service Center",
        Categories =
        [
            new() { Id = "business", Prefix = "A", Name = "Business" },
            new() { Id = "tax", Prefix = "B", Name = "Tax" },
            new() { Id = "social", Prefix = "C", Name = "Social insurance" },
            new() { Id = "civil", Prefix = "D", Name = "Civil affairs" },
        ],
        Services =
        [
            new() { Id = Registration, Category = "business", Name = "Business registration", WaitLimit = TimeSpan.FromMinutes(20), ExpectedHandlingTime = TimeSpan.FromMinutes(9) },
            new() { Id = Seal, Category = "business", Name = "Company seal", ExpectedHandlingTime = TimeSpan.FromMinutes(4) },
            new() { Id = BankAccount, Category = "business", Name = "Bank account", ExpectedHandlingTime = TimeSpan.FromMinutes(6) },
            new() { Id = Tax, Category = "tax", Name = "Tax registration", WaitLimit = TimeSpan.FromMinutes(20), ExpectedHandlingTime = TimeSpan.FromMinutes(7) },
            new() { Id = Invoice, Category = "tax", Name = "Invoices", ExpectedHandlingTime = TimeSpan.FromMinutes(5) },
            new() { Id = Pension, Category = "social", Name = "Pension", WaitLimit = TimeSpan.FromMinutes(25), ExpectedHandlingTime = TimeSpan.FromMinutes(8) },
            new() { Id = MedicalInsurance, Category = "social", Name = "Medical insurance", ExpectedHandlingTime = TimeSpan.FromMinutes(6), QueueWarningLength = 12 },
            new() { Id = Residence, Category = "civil", Name = "Residence permit", ExpectedHandlingTime = TimeSpan.FromMinutes(7) },
            new() { Id = Certificate, Category = "civil", Name = "Certificates", ExpectedHandlingTime = TimeSpan.FromMinutes(3), DailyCap = 150 },
        ],
        Windows =
        [
            new() { Id = 1, Name = "Comprehensive 1", Comprehensive = true },
            new() { Id = 2, Name = "Comprehensive 2", Comprehensive = true },
            new() { Id = 3, Name = "Comprehensive 3", Comprehensive = true, AutoAssign = true },
            new() { Id = 4, Name = "Business 1", Skills = [new() { Category = "business" }] },
            new() { Id = 5, Name = "Business 2", Skills = [new() { Category = "business" }, new() { Category = "tax", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
            new() { Id = 6, Name = "Tax", Skills = [new() { Category = "tax" }, new() { Category = "business", Tier = SkillTier.Overflow }] },
            new() { Id = 7, Name = "Social insurance", Skills = [new() { Category = "social" }], AutoAssign = true },
            new() { Id = 8, Name = "Civil affairs", Skills = [new() { Category = "civil" }, new() { Category = "social", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(15) }] },
            new() { Id = 9, Name = "Caring window", Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
        ],
        TimeZone = "UTC",
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(45), InterleaveAfter = 3 },
        WindowIdleLimit = TimeSpan.FromMinutes(10),
    };
}
