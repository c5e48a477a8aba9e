namespace QueueCore.Tests.Halls.Operations;

public class DefinitionValidationTests
{
    private static HallDefinition Good() => OperationFixtures.Small();

    public static TheoryData<string, string> BadDefinitions() => new()
    {
        { "empty hall id", "id" },
        { "no services", "service items are needed" },
        { "duplicate service", "Hall 'small': service item 1 is defined twice (Services[0] and Services[3])." },
        { "negative service id", "non-negative" },
        { "unknown category", "unknown category 'Z'" },
        { "duplicate category", "Hall 'small': category 'A' is defined twice (Categories[0] and Categories[2])." },
        { "empty category id", "Hall 'small': category 1 (Categories[1]) needs an id." },
        { "empty prefix", "needs a ticket prefix" },
        { "number width 0", "NumberWidth" },
        { "daily cap 0", "DailyCap" },
        { "warning length 0", "QueueWarningLength" },
        { "wait limit 0", "WaitLimit" },
        { "service time limit negative", "ServiceTimeLimit" },
        { "expected handling 0", "ExpectedHandlingTime" },
        { "expected handling over a day", "ExpectedHandlingTime must be at most a day" },
        { "window id 0", "Hall 'small': window id 0 (Windows[3]) is not positive; window ids are 1 or more." },
        { "duplicate window", "Hall 'small': window 1 is defined twice (Windows[0] and Windows[3])." },
        { "window unknown item", "window 1 names unknown service item 42" },
        { "window empty category", "names category 'nope'" },
        { "negative overflow delay", "negative overflow delay" },
        { "unknown dedicated class", "DedicatedClass names unknown priority class 'vip'" },
        { "no classes", "between 1 and 16 priority classes" },
        { "17 classes", "between 1 and 16 priority classes" },
        { "duplicate class", "Hall 'small': priority class 'normal' is defined twice (Priority.Classes[4] and Priority.Classes[5])." },
        { "negative head start", "negative head start" },
        { "aging rate 0", "AgingRate" },
        { "max wait 0", "MaxWait" },
        { "interleave 0", "InterleaveAfter" },
        { "unknown normal class", "NormalClass names unknown priority class" },
        { "unknown appointment class", "AppointmentClass names unknown priority class" },
        { "rule with unknown class", "class rule 0 names unknown priority class 'vip'" },
        { "empty normal class", "NormalClass is empty; name one of the hall's priority classes (green, elderly, appointment, key-enterprise, normal)" },
        { "rule with empty class", "class rule 0 Class is empty; name one of the hall's priority classes (green, elderly, appointment, key-enterprise, normal)" },
        { "unknown time zone", "unknown time zone 'Mars/Olympus'" },
        { "max no-shows 0", "MaxNoShows" },
        { "negative recalls", "NoShow.MaxRecalls cannot be negative" },
        { "auto-resume 0", "AutoResumeAfter" },
        { "retained 0", "RetainedCompletedTickets" },
        { "retained beyond what a hall holds", "RetainedCompletedTickets must be 1 to 1048576; it is 2147483647" },
        { "null service", "service item 1 in the list is null" },
        { "null window", "window 0 in the list is null" },
        { "null category", "category 0 is null" },
        { "null skill", "window 1 skill 0 is null" },
        { "null class", "priority class 0 is null" },
        { "null rule", "class rule 0 is null" },
        { "null hours", "issuing hours 0 are null" },
        { "null priority", "Priority, NoShow and Park may not be null" },
        { "shared prefix", "share the prefix 'A'" },
        { "null hall name", "Hall 'small': Name may not be null" },
        { "null category name", "category 'A' Name may not be null" },
        { "null service name", "service item 1 Name may not be null" },
        { "null window name", "window 1 Name may not be null" },
        { "null class name", "class 'normal' Name may not be null" },
        { "prefix that another spells with digits", "the prefixes 'A' and 'A1', so their tickets could get the same numbers (A1001 from both)" },
        { "no windows", "windows are needed; 0 were given" },
        { "overlong class id", $"priority class 1 id is {HallCommand.MaxPriorityClassLength + 1} characters long; at most {HallCommand.MaxPriorityClassLength} are accepted" },
        { "overflow delay on a primary skill", "window 1 skill 1 is Primary but has an overflow delay (00:05:00)" },
        { "window serving nothing", "window 4 serves no service item" },
        { "item no window serves", "no window serves service item 3" },
        { "negative idle limit", "WindowIdleLimit must be positive" },
        { "negative grace period", "AppointmentGracePeriod cannot be negative" },
        { "negative early window", "AppointmentEarlyWindow cannot be negative" },
        { "hours ending before they start", "end (08:00) before they start (17:00)" },
        { "hours crossing midnight", "service item 1 issuing hours 0 end (02:00) before they start (22:00); hours cannot cross midnight: give two spans, 22:00-24:00 and 00:00-02:00" },
        { "hours ending as they start", "service item 1 issuing hours 0 end (08:00) as they start, so they hold no time" },
        { "unknown window selection", "WindowSelection 9 is not a known value" },
        { "unknown tier", "has an unknown tier (5)" },
        { "rule with unknown flags", "unknown ticket flags (64)" },
        { "rule matching nothing", "matches nothing" },
        { "negative call-back", "CallBackAfter cannot be negative" },
        { "both interleave settings", "not both" },
        { "interleave ratio 0", "Interleave needs PriorityCalls and NormalCalls of at least 1" },
        { "negative remembered requests", "RememberedRequests must be 0 to 1048576; it is -1" },
        { "remembered requests beyond the limit", "RememberedRequests must be 0 to 1048576; it is 1048577" },
        { "initial ticket capacity 0", "InitialTicketCapacity must be 1 to 1048576; it is 0" },
        { "initial ticket capacity beyond what a hall holds", "InitialTicketCapacity must be 1 to 1048576; it is 2147483647" },
        { "rule age 0", "class rule 0 MinAge must be 1 to 255" },
        { "rule age 256", "class rule 0 MinAge must be 1 to 255" },
        { "number width 10", "category 'A' NumberWidth must be 1 to 9" },
        { "overlong prefix", "category 'A' Prefix 'ABCDE' is 5 characters long; at most 4 are accepted" },
        { "overlong hall name", "Hall 'small': Name is 101 characters long; at most 100 are accepted" },
        { "overlong category name", "category 'A' Name is 101 characters long" },
        { "overlong service name", "service item 1 Name is 101 characters long" },
        { "overlong window name", "window 1 Name is 101 characters long" },
        { "overlong class name", "class 'normal' Name is 101 characters long" },
        { "skill naming nothing", "window 1 skill 0 names neither a service item (Service) nor a category (Category)" },
        { "time zone folder", "unknown time zone 'Europe'" },
        { "blank prefix", "category 'A' Prefix ' ' has U+0020 (white space or a control character) at position 1; a prefix is letters and digits" },
        { "prefix with a trailing space", "category 'A' Prefix 'A ' has U+0020 (white space or a control character) at position 2" },
        { "prefix with a leading tab", "category 'A' Prefix '\tA' has U+0009 (white space or a control character) at position 1" },
        { "prefix with a control character", "category 'A' Prefix 'A\u0007' has U+0007 (white space or a control character) at position 2" },
        { "prefix with an invisible character", "category 'A' Prefix 'A\u200B' has '\u200B' (U+200B) at position 2" },
        { "blank hall name", "Hall 'small': Name is only white space" },
        { "blank category name", "category 'A' Name is only white space" },
        { "blank service name", "service item 1 Name is only white space" },
        { "blank window name", "window 1 Name is only white space" },
        { "blank class name", "class 'normal' Name is only white space" },
        { "item listed twice", "window 1 skill 2 lists service item 1 as Primary again (as skill 0 does)" },
        { "category listed twice", "window 3 skill 1 lists category 'B' as Overflow after 00:05:00 again (as skill 0 does)" },
    };

    /// <summary>One character over <c>HallDefinition.MaxNameLength</c> (100).</summary>
    private static readonly string Overlong = new('n', 101);

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
            "empty category id" => d with { Categories = [d.Categories[0], d.Categories[1] with { Id = " " }] },
            "empty prefix" => d with { Categories = [new() { Id = "A", Prefix = "" }, d.Categories[1]] },
            "number width 0" => d with { Categories = [new() { Id = "A", Prefix = "A", NumberWidth = 0 }, d.Categories[1]] },
            "daily cap 0" => d with { Services = [svc with { DailyCap = 0 }, .. d.Services.Skip(1)] },
            "warning length 0" => d with { Services = [svc with { QueueWarningLength = 0 }, .. d.Services.Skip(1)] },
            "wait limit 0" => d with { Services = [svc with { WaitLimit = TimeSpan.Zero }, .. d.Services.Skip(1)] },
            "service time limit negative" => d with { Services = [svc with { ServiceTimeLimit = TimeSpan.FromMinutes(-1) }, .. d.Services.Skip(1)] },
            "expected handling 0" => d with { Services = [svc with { ExpectedHandlingTime = TimeSpan.Zero }, .. d.Services.Skip(1)] },
            "expected handling over a day" => d with { Services = [svc with { ExpectedHandlingTime = TimeSpan.FromMinutes(int.MaxValue) }, .. d.Services.Skip(1)] },
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
            "empty normal class" => d with { Priority = p with { NormalClass = "" } },
            "rule with empty class" => d with { Priority = p with { Rules = [new() { Class = "", MinAge = 90 }] } },
            "unknown time zone" => d with { TimeZone = "Mars/Olympus" },
            "max no-shows 0" => d with { NoShow = new() { MaxNoShows = 0 } },
            "negative recalls" => d with { NoShow = new() { MaxRecalls = -1 } },
            "auto-resume 0" => d with { Park = new() { AutoResumeAfter = TimeSpan.Zero } },
            "retained 0" => d with { RetainedCompletedTickets = 0 },
            "retained beyond what a hall holds" => d with { RetainedCompletedTickets = int.MaxValue },
            "null service" => d with { Services = [d.Services[0], null!, .. d.Services.Skip(1)] },
            "null window" => d with { Windows = [null!, .. d.Windows] },
            "null category" => d with { Categories = [null!, .. d.Categories] },
            "null skill" => d with { Windows = [d.Windows[0] with { Skills = [null!] }, .. d.Windows.Skip(1)] },
            "null class" => d with { Priority = p with { Classes = [null!, .. p.Classes] } },
            "null rule" => d with { Priority = p with { Rules = [null!] } },
            "null hours" => d with { Services = [svc with { IssuingHours = [null!] }, .. d.Services.Skip(1)] },
            "null priority" => d with { Priority = null! },
            "null hall name" => d with { Name = null! },
            "null category name" => d with { Categories = [d.Categories[0] with { Name = null! }, .. d.Categories.Skip(1)] },
            "null service name" => d with { Services = [svc with { Name = null! }, .. d.Services.Skip(1)] },
            "null window name" => d with { Windows = [d.Windows[0] with { Name = null! }, .. d.Windows.Skip(1)] },
            "null class name" => d with { Priority = p with { Classes = [.. p.Classes.Select(c => c.Id == "normal" ? c with { Name = null! } : c)] } },
            "shared prefix" => d with { Categories = [d.Categories[0], d.Categories[1] with { Prefix = "A" }] },
            "prefix that another spells with digits" => d with { Categories = [d.Categories[0], d.Categories[1] with { Prefix = "A1" }] },
            "no windows" => d with { Windows = [] },
            "window serving nothing" => d with { Windows = [.. d.Windows, new() { Id = 4 }] },
            "item no window serves" => d with { Windows = [d.Windows[0], d.Windows[1]] },
            "negative idle limit" => d with { WindowIdleLimit = TimeSpan.FromMinutes(-5) },
            "negative grace period" => d with { Priority = p with { AppointmentGracePeriod = TimeSpan.FromMinutes(-1) } },
            "negative early window" => d with { Priority = p with { AppointmentEarlyWindow = TimeSpan.FromMinutes(-1) } },
            "hours ending before they start" => d with { Services = [svc with { IssuingHours = [new() { From = new(17, 0), To = new(8, 0) }] }, .. d.Services.Skip(1)] },
            "hours crossing midnight" => d with { Services = [svc with { IssuingHours = [new() { From = new(22, 0), To = new(2, 0) }] }, .. d.Services.Skip(1)] },
            "hours ending as they start" => d with { Services = [svc with { IssuingHours = [new() { From = new(8, 0), To = new(8, 0) }] }, .. d.Services.Skip(1)] },
            "unknown window selection" => d with { WindowSelection = (WindowSelection)9 },
            "unknown tier" => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 1, Tier = (SkillTier)5 }] }, .. d.Windows.Skip(1)] },
            "rule with unknown flags" => d with { Priority = p with { Rules = [new() { Class = "elderly", AnyFlags = (TicketFlags)64 }] } },
            "rule matching nothing" => d with { Priority = p with { Rules = [new() { Class = "elderly" }] } },
            "negative call-back" => d with { NoShow = new() { CallBackAfter = TimeSpan.FromSeconds(-1) } },
            "both interleave settings" => d with { Priority = p with { InterleaveAfter = 2, Interleave = new() } },
            "interleave ratio 0" => d with { Priority = p with { Interleave = new() { NormalCalls = 0 } } },
            "negative remembered requests" => d with { RememberedRequests = -1 },
            "initial ticket capacity 0" => d with { InitialTicketCapacity = 0 },
            "initial ticket capacity beyond what a hall holds" => d with { InitialTicketCapacity = int.MaxValue },
            "rule age 0" => d with { Priority = p with { Rules = [new() { Class = "elderly", MinAge = 0 }] } },
            "rule age 256" => d with { Priority = p with { Rules = [new() { Class = "elderly", MinAge = 256 }] } },
            "number width 10" => d with { Categories = [new() { Id = "A", Prefix = "A", NumberWidth = 10 }, d.Categories[1]] },
            "overlong class id" => d with { Priority = p with { Classes = [p.Classes[0], p.Classes[1] with { Id = new string('c', HallCommand.MaxPriorityClassLength + 1) }, .. p.Classes.Skip(2)] } },
            "overflow delay on a primary skill" => d with { Windows = [d.Windows[0] with { Skills = [d.Windows[0].Skills[0], d.Windows[0].Skills[1] with { OverflowDelay = TimeSpan.FromMinutes(5) }] }, .. d.Windows.Skip(1)] },
            "overlong prefix" => d with { Categories = [d.Categories[0] with { Prefix = "ABCDE" }, d.Categories[1]] },
            "overlong hall name" => d with { Name = Overlong },
            "overlong category name" => d with { Categories = [d.Categories[0] with { Name = Overlong }, d.Categories[1]] },
            "overlong service name" => d with { Services = [svc with { Name = Overlong }, .. d.Services.Skip(1)] },
            "overlong window name" => d with { Windows = [d.Windows[0] with { Name = Overlong }, .. d.Windows.Skip(1)] },
            "overlong class name" => d with { Priority = p with { Classes = [.. p.Classes.Select(c => c.Id == "normal" ? c with { Name = Overlong } : c)] } },
            "skill naming nothing" => d with { Windows = [d.Windows[0] with { Skills = [new() { Tier = SkillTier.Overflow }] }, .. d.Windows.Skip(1)] },
            "time zone folder" => d with { TimeZone = "Europe" }, // the runtime finds a directory, not a zone: not ArgumentException
            "remembered requests beyond the limit" => d with { RememberedRequests = HallDefinition.MaxRememberedRequests + 1 },
            "blank prefix" => d with { Categories = [d.Categories[0] with { Prefix = " " }, d.Categories[1]] },
            "prefix with a trailing space" => d with { Categories = [d.Categories[0] with { Prefix = "A " }, d.Categories[1]] },
            "prefix with a leading tab" => d with { Categories = [d.Categories[0] with { Prefix = "\tA" }, d.Categories[1]] },
            "prefix with a control character" => d with { Categories = [d.Categories[0] with { Prefix = "A\u0007" }, d.Categories[1]] },
            "prefix with an invisible character" => d with { Categories = [d.Categories[0] with { Prefix = "A\u200B" }, d.Categories[1]] }, // zero-width space: prints as "A"
            "blank hall name" => d with { Name = "   " },
            "blank category name" => d with { Categories = [d.Categories[0] with { Name = " " }, d.Categories[1]] },
            "blank service name" => d with { Services = [svc with { Name = "\t" }, .. d.Services.Skip(1)] },
            "blank window name" => d with { Windows = [d.Windows[0] with { Name = "  " }, .. d.Windows.Skip(1)] },
            "blank class name" => d with { Priority = p with { Classes = [.. p.Classes.Select(c => c.Id == "normal" ? c with { Name = " " } : c)] } },
            "item listed twice" => d with { Windows = [d.Windows[0] with { Skills = [.. d.Windows[0].Skills, new() { Service = 1 }] }, .. d.Windows.Skip(1)] },
            "category listed twice" => d with
            {
                Windows =
                [
                    .. d.Windows.Take(2),
                    new() { Id = 3, Skills = [new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }, new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }] },
                ],
            },
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
    public void Hall_UnknownTimeZone_MessageNamesTheZoneAndTheDefinitionNotTheCompilersArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => new Hall(Good() with { TimeZone = "Mars/Olympus" }));

        Assert.StartsWith("Hall 'small': unknown time zone 'Mars/Olympus'", e.Message, StringComparison.Ordinal);
        Assert.Equal("definition", e.ParamName); // "(Parameter 'd')" named the compiler's argument, which the caller never saw
    }

    [Theory]
    [InlineData("empty hall id")]
    [InlineData("duplicate category")]
    [InlineData("window unknown item")]
    [InlineData("rule with unknown class")]
    public void Hall_BadDefinition_ParamNameIsTheDefinition(string what)
    {
        // A caller that catches ArgumentException tells which argument was wrong by ParamName: Hall's definition (as
        // QueueEngine.AddHall's and HallHandle.RedefineAsync's, which pass it on).
        var e = Assert.Throws<ArgumentException>(() => new Hall(Break(what)));

        Assert.Equal("definition", e.ParamName);
    }

    [Theory]
    [InlineData("A", "A001")]
    [InlineData("VIP", "VIP001")]
    [InlineData("Z9", "Z9001")]
    [InlineData("办事", "办事001")]
    [InlineData("\U00020000", "\U00020000001")] // a CJK letter beyond the basic plane: two UTF-16 characters
    public void Hall_LetterAndDigitPrefix_BuildsAndNumbersTickets(string prefix, string number)
    {
        var d = Good();
        var hall = OperationFixtures.Open(d with { Categories = [d.Categories[0] with { Prefix = prefix }, d.Categories[1]] });

        Assert.Equal(number, hall.Do(HallCommand.IssueTicket(1), 0).Number.ToString());
    }

    [Fact]
    public void Hall_OverlappingSkills_Build()
    {
        // Overlaps WindowSkill.Tier gives a meaning (an item and its category, an item at both tiers, an item at two
        // overflow delays, of which the shorter counts): only the same skill twice is refused.
        var d = Good();
        var window = d.Windows[2] with
        {
            Skills =
            [
                .. d.Windows[2].Skills, new() { Service = 1 }, new() { Category = "A", Tier = SkillTier.Overflow },
                new() { Service = 3, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) },
                new() { Service = 3, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(2) },
            ],
        };

        _ = new Hall(d with { Windows = [d.Windows[0], d.Windows[1], window] });
    }

    [Fact]
    public void Hall_NamesAndPrefixAtTheirLimits_Builds()
    {
        var d = Good();
        var name = new string('n', 100);
        _ = new Hall(d with
        {
            Name = name,
            Categories = [d.Categories[0] with { Prefix = "ABCD", Name = name }, d.Categories[1]],
            Services = [d.Services[0] with { Name = name }, .. d.Services.Skip(1)],
            Windows = [d.Windows[0] with { Name = name }, .. d.Windows.Skip(1)],
        });
    }

    [Theory]
    [InlineData("""{ "Tier": "Overflow", "OverflowDelay": "00:10:00" }""", false)] // the item left out: was item 0
    [InlineData("""{ "Service": 0 }""", true)]
    [InlineData("""{ "Category": "A" }""", true)]
    public void Hall_SkillFromConfiguration_ItemOrCategoryRequiredAndItemZeroStillNamed(string skill, bool builds)
    {
        var json = HallConfiguration.ToJson(Good() with { Services = [new() { Id = 0, Category = "A" }, .. Good().Services] })
            .Replace("\"Windows\": [", $"\"Windows\": [ {{ \"Id\": 9, \"Skills\": [ {skill} ] }},", StringComparison.Ordinal);
        var definition = HallConfiguration.FromJson(json);

        if (builds)
        {
            Assert.Equal(4, new Hall(definition).Definition.Windows.Count);
        }
        else
        {
            var e = Assert.Throws<ArgumentException>(() => new Hall(definition));
            Assert.Contains("window 9 skill 0 names neither a service item (Service) nor a category (Category)", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IssueTicket_UnknownFlags_RefusedNamingThem()
    {
        var hall = OperationFixtures.Open(Good(), 1);
        var r = hall.Reject(HallCommand.IssueTicket(1, flags: (TicketFlags)128), 0, QueueError.InvalidArgument);
        Assert.Contains("128", r.Message, StringComparison.Ordinal);
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

    /// <summary>
    /// An empty class id where none may be given (configuration writes "" for a value left blank) is none, as null is:
    /// it was refused as "names unknown priority class ''", which read like a bug.
    /// </summary>
    [Fact]
    public void Hall_EmptyAppointmentOrDedicatedClass_IsNone()
    {
        var d = Good() with { Priority = new() { AppointmentClass = "" } };
        var hall = OperationFixtures.Open(d with { Windows = [d.Windows[0] with { DedicatedClass = "" }, .. d.Windows.Skip(1)] });
        hall.Do(HallCommand.IssueTicket(1, appointment: "x", appointmentSlot: OperationFixtures.At(0)), 0);
        Assert.Equal(PriorityPolicy.Normal, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void Hall_NoAppointmentClass_AppointmentsGetNoPriority()
    {
        var hall = OperationFixtures.Open(Good() with { Priority = new() { AppointmentClass = null } });
        hall.Do(HallCommand.IssueTicket(1, appointment: "x", appointmentSlot: OperationFixtures.At(0)), 0);
        Assert.Equal(PriorityPolicy.Normal, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void Hall_NamesOfEmojiAndCharactersOutsideTheBmp_CountedAsCharacters()
    {
        // A name of 100 emoji was refused as "Name is 200 characters long": the limit counted UTF-16 code units.
        var name = string.Concat(Enumerable.Repeat("🏛", HallDefinition.MaxNameLength));
        var d = Good();
        var named = d with
        {
            Name = name,
            Categories = [d.Categories[0] with { Name = name }, .. d.Categories.Skip(1)],
            Services = [d.Services[0] with { Name = name }, .. d.Services.Skip(1)],
            Windows = [d.Windows[0] with { Name = name }, .. d.Windows.Skip(1)],
        };

        var hall = new Hall(named);

        Assert.Equal(name, hall.Definition.Services[0].Name);
        var e = Assert.Throws<ArgumentException>(() => new Hall(d with { Services = [d.Services[0] with { Name = name + "🏛" }, .. d.Services.Skip(1)] }));
        Assert.Contains($"service item 1 Name is {HallDefinition.MaxNameLength + 1} characters long; at most {HallDefinition.MaxNameLength} are accepted.", e.Message, StringComparison.Ordinal);
    }
}
