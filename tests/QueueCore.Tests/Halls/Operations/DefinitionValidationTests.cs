namespace QueueCore.Tests.Halls.Operations;

public class DefinitionValidationTests
{
    private static HallDefinition Good() => OperationFixtures.Small();

    public static TheoryData<string, string> BadDefinitions() => new()
    {
        { "empty hall id", "id" },
        { "no services", "service items are needed" },
        { "duplicate service", "defined twice" },
        { "negative service id", "non-negative" },
        { "unknown category", "unknown category 'Z'" },
        { "duplicate category", "category ids must be unique" },
        { "empty prefix", "needs a ticket prefix" },
        { "number width 0", "NumberWidth" },
        { "daily cap 0", "DailyCap" },
        { "warning length 0", "QueueWarningLength" },
        { "wait limit 0", "WaitLimit" },
        { "service time limit negative", "ServiceTimeLimit" },
        { "expected handling 0", "ExpectedHandlingTime" },
        { "window id 0", "window ids must be positive and unique (0)" },
        { "duplicate window", "window ids must be positive and unique (1)" },
        { "window unknown item", "window 1 names unknown service item 42" },
        { "window empty category", "names category 'nope'" },
        { "negative overflow delay", "negative overflow delay" },
        { "unknown dedicated class", "DedicatedClass names unknown priority class 'vip'" },
        { "no classes", "between 1 and 16 priority classes" },
        { "17 classes", "between 1 and 16 priority classes" },
        { "duplicate class", "'normal' is defined twice" },
        { "negative head start", "negative head start" },
        { "aging rate 0", "AgingRate" },
        { "max wait 0", "MaxWait" },
        { "interleave 0", "InterleaveAfter" },
        { "unknown normal class", "NormalClass names unknown priority class" },
        { "unknown appointment class", "AppointmentClass names unknown priority class" },
        { "rule with unknown class", "class rule 0 names unknown priority class 'vip'" },
        { "unknown time zone", "unknown time zone 'Mars/Olympus'" },
        { "max no-shows 0", "MaxNoShows" },
        { "negative recalls", "no-show limits cannot be negative" },
        { "auto-resume 0", "AutoResumeAfter" },
        { "retained 0", "RetainedCompletedTickets" },
    };

    private static HallDefinition Break(string what)
    {
        var d = Good();
        var svc = d.Services[0];
        var p = d.Priority;
        return what switch
        {
            "empty hall id" => d with { Id = " " },
            "no services" => d with { Services = [], Windows = [] },
            "duplicate service" => d with { Services = [.. d.Services, svc with { Name = "again" }] },
            "negative service id" => d with { Services = [svc with { Id = -1 }, .. d.Services.Skip(1)] },
            "unknown category" => d with { Services = [svc with { Category = "Z" }, .. d.Services.Skip(1)] },
            "duplicate category" => d with { Categories = [.. d.Categories, new() { Id = "A", Prefix = "X" }] },
            "empty prefix" => d with { Categories = [new() { Id = "A", Prefix = "" }, d.Categories[1]] },
            "number width 0" => d with { Categories = [new() { Id = "A", Prefix = "A", NumberWidth = 0 }, d.Categories[1]] },
            "daily cap 0" => d with { Services = [svc with { DailyCap = 0 }, .. d.Services.Skip(1)] },
            "warning length 0" => d with { Services = [svc with { QueueWarningLength = 0 }, .. d.Services.Skip(1)] },
            "wait limit 0" => d with { Services = [svc with { WaitLimit = TimeSpan.Zero }, .. d.Services.Skip(1)] },
            "service time limit negative" => d with { Services = [svc with { ServiceTimeLimit = TimeSpan.FromMinutes(-1) }, .. d.Services.Skip(1)] },
            "expected handling 0" => d with { Services = [svc with { ExpectedHandlingTime = TimeSpan.Zero }, .. d.Services.Skip(1)] },
            "window id 0" => d with { Windows = [.. d.Windows, new() { Id = 0 }] },
            "duplicate window" => d with { Windows = [.. d.Windows, new() { Id = 1 }] },
            "window unknown item" => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 42 }] }] },
            "window empty category" => d with { Windows = [new() { Id = 1, Skills = [new() { Category = "nope" }] }] },
            "negative overflow delay" => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(-1) }] }] },
            "unknown dedicated class" => d with { Windows = [d.Windows[0] with { DedicatedClass = "vip" }] },
            "no classes" => d with { Priority = p with { Classes = [] } },
            "17 classes" => d with { Priority = p with { Classes = [.. p.Classes, .. Enumerable.Range(0, 12).Select(i => new PriorityClass { Id = $"c{i}" })] } },
            "duplicate class" => d with { Priority = p with { Classes = [.. p.Classes, new() { Id = "normal" }] } },
            "negative head start" => d with { Priority = p with { Classes = [.. p.Classes, new() { Id = "x", HeadStart = TimeSpan.FromMinutes(-1) }] } },
            "aging rate 0" => d with { Priority = p with { AgingRate = 0 } },
            "max wait 0" => d with { Priority = p with { MaxWait = TimeSpan.Zero } },
            "interleave 0" => d with { Priority = p with { InterleaveAfter = 0 } },
            "unknown normal class" => d with { Priority = p with { NormalClass = "plain" } },
            "unknown appointment class" => d with { Priority = p with { AppointmentClass = "booked" } },
            "rule with unknown class" => d with { Priority = p with { Rules = [new() { Class = "vip", MinAge = 90 }] } },
            "unknown time zone" => d with { TimeZone = "Mars/Olympus" },
            "max no-shows 0" => d with { NoShow = new() { MaxNoShows = 0 } },
            "negative recalls" => d with { NoShow = new() { MaxRecalls = -1 } },
            "auto-resume 0" => d with { Park = new() { AutoResumeAfter = TimeSpan.Zero } },
            "retained 0" => d with { RetainedCompletedTickets = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };
    }

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public void Hall_BadDefinition_ArgumentExceptionNamingTheProblem(string what, string expected)
    {
        var definition = Break(what);
        var e = Assert.ThrowsAny<ArgumentException>(() => new Hall(definition));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hall_NullDefinition_ArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => new Hall(null!));

    [Fact]
    public void Hall_GoodDefinition_Builds()
    {
        var hall = new Hall(Good());
        Assert.Equal(("small", 0L, 0, false, (DateTimeOffset?)null), (hall.Id, hall.Sequence, hall.TotalWaiting, hall.IsDayOpen, hall.NextDue));
    }

    [Fact]
    public void Hall_NoAppointmentClass_AppointmentsGetNoPriority()
    {
        var hall = OperationFixtures.Open(Good() with { Priority = new() { AppointmentClass = null } });
        hall.Do(HallCommand.IssueTicket(1, appointment: "x", appointmentSlot: OperationFixtures.At(0)), 0);
        Assert.Equal(PriorityPolicy.Normal, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }
}
