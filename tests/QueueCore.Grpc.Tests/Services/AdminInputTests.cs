using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// What an admin sends that the hall cannot take is refused with InvalidArgument and a message naming the field, and
/// leaves the hall as it was; nothing is taken silently in a meaning the admin did not give it.
/// </summary>
public class AdminInputTests(ITestOutputHelper output)
{
    private const string Hall = "hall-i";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 3));
    });

    [Theory]
    [InlineData("service name", "service.name is 101 characters long; at most 100")] // the field the client set, not the engine's Name
    [InlineData("window name", "window.name is 101 characters long; at most 100")]
    [InlineData("hall name", "Hall 'long': Name is 101 characters long; at most 100")]
    [InlineData("prefix", "category 'a' Prefix 'ABCDE' is 5 characters long; at most 4")]
    public async Task PutOrAdd_OverlongNameOrPrefix_InvalidArgumentNamingTheLimit(string what, string expected)
    {
        await using var server = await StartAsync();
        var admin = server.Admin();
        var name = new string('n', 101); // HallDefinition.MaxNameLength is 100
        var other = TestHalls.Small("long", windows: 1);
        Func<AsyncUnaryCall<HallInfo>> call = what switch
        {
            "service name" => () => admin.PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 4, Name = name, Category = "a" } }),
            "window name" => () => admin.PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, Name = name, Comprehensive = true } }),
            "hall name" => () => admin.AddHallAsync(new() { Json = HallConfiguration.ToJson(other with { Name = name }) }),
            _ => () => admin.AddHallAsync(new() { Json = HallConfiguration.ToJson(other with { Categories = [other.Categories[0] with { Prefix = "ABCDE" }] }) }),
        };

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, call);

        Assert.Contains(expected, e.Status.Detail, StringComparison.Ordinal);
        var info = (await admin.ListHallsAsync(new()).Bounded()).Halls.Single(); // no hall added
        Assert.Equal((2, 3), (info.Services, info.Windows)); // the hall is untouched
    }

    [Fact]
    public async Task PutServiceAndWindow_NamesOfEmoji_CountedAsCharacters()
    {
        // A name of 100 emoji was refused as "service.name is 200 characters long": the limit counted UTF-16 code units.
        await using var server = await StartAsync();
        var admin = server.Admin();
        var name = string.Concat(Enumerable.Repeat("🏛", 100));

        await admin.PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 4, Name = name, Category = "a" } }).Bounded();
        await admin.PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, Name = name, Comprehensive = true } }).Bounded();
        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => admin.PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 5, Name = name + "🏛", Category = "a" } }));

        Assert.Equal("service.name is 101 characters long; at most 100 are accepted.", e.Status.Detail);
        var info = (await admin.ListHallsAsync(new()).Bounded()).Halls.Single();
        Assert.Equal((3, 4), (info.Services, info.Windows)); // service 4 and window 7 added, service 5 not
    }

    [Theory]
    [InlineData("service name blank", "service.name is only white space")]
    [InlineData("service category", "service.category 'nope' is not a category of hall 'hall-i'")]
    [InlineData("window name blank", "window.name is only white space")]
    [InlineData("window class", "window.dedicated_class 'vip' is not a priority class of hall 'hall-i'")]
    [InlineData("skill service", "window.skills[1].service 99 is not a service item of hall 'hall-i'")]
    [InlineData("skill category", "window.skills[0].category 'zz' is not a category of hall 'hall-i' with service items")]
    [InlineData("skill twice", "window.skills[2] repeats window.skills[0]")]
    public async Task PutServiceOrWindow_EntryTheHallRefuses_InvalidArgumentNamingTheProtoField(string what, string expected)
    {
        // These were refused in the engine's words ("window 7 names unknown service item 99", "Name is only white space",
        // "DedicatedClass"): names of its options, not of the fields the admin's client set.
        await using var server = await StartAsync();
        var admin = server.Admin();
        Func<AsyncUnaryCall<HallInfo>> call = what switch
        {
            "service name blank" => () => admin.PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 4, Name = "   ", Category = "a" } }),
            "service category" => () => admin.PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 4, Name = "Four", Category = "nope" } }),
            "window name blank" => () => admin.PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, Name = " ", Comprehensive = true } }),
            "window class" => () => admin.PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, DedicatedClass = "vip", Comprehensive = true } }),
            "skill service" => () => admin.PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, Skills = { new SkillDef { Service = 1 }, new SkillDef { Service = 99 } } } }),
            "skill category" => () => admin.PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, Skills = { new SkillDef { Category = "zz" } } } }),
            _ => () => admin.PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, Skills = { new SkillDef { Service = 1 }, new SkillDef { Service = 2 }, new SkillDef { Service = 1 } } } }),
        };

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, call);

        Assert.Contains(expected, e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("The hall's new definition is invalid", e.Status.Detail, StringComparison.Ordinal); // not the engine's words
        var info = (await admin.ListHallsAsync(new()).Bounded()).Halls.Single();
        Assert.Equal((2, 3), (info.Services, info.Windows)); // the hall is untouched
    }

    [Fact]
    public async Task PutServiceAndWindow_NameAndPrefixAtTheLimit_Accepted()
    {
        await using var server = await StartAsync();
        var name = new string('n', 100);
        var other = TestHalls.Small("at-limit", windows: 1);

        await server.Admin().PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 4, Name = name, Category = "a" } }).Bounded();
        await server.Admin().PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, Name = name, Comprehensive = true } }).Bounded();
        await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(other with { Categories = [other.Categories[0] with { Prefix = "VIPA" }] }) }).Bounded();

        Assert.Equal("VIPA001", (await server.TakeAsync("at-limit")).Number);
    }

    [Fact]
    public async Task PutWindow_SkillNamingNeitherServiceNorCategory_InvalidArgumentNotServiceZero()
    {
        await using var server = await StartAsync();
        await server.Admin().PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 0, Name = "Zero", Category = "a" } }).Bounded();

        // An overflow skill whose item was left out used to be read as item 0, which this hall has: taken without a word.
        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().PutWindowAsync(new()
        {
            Hall = Hall,
            Window = new WindowDef { Id = 7, Skills = { new SkillDef { Overflow = true, OverflowDelayMinutes = 5 } } },
        }));

        Assert.Contains("window.skills[0] names neither a service nor a category", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await server.Admin().ListHallsAsync(new()).Bounded()).Halls.Single().Windows);
    }

    [Fact]
    public async Task PutWindow_SkillNamingBothServiceAndCategory_InvalidArgument()
    {
        await using var server = await StartAsync();

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().PutWindowAsync(new()
        {
            Hall = Hall,
            Window = new WindowDef { Id = 7, Skills = { new SkillDef { Service = 2, Category = "a" } } },
        }));

        Assert.Contains("window.skills[0] names both service 2 and category 'a'", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutWindow_SkillNamingServiceZero_ServesItemZero()
    {
        await using var server = await StartAsync();
        await server.Admin().PutServiceAsync(new() { Hall = Hall, Service = new ServiceDef { Id = 0, Name = "Zero", Category = "a" } }).Bounded();

        await server.Admin().PutWindowAsync(new() { Hall = Hall, Window = new WindowDef { Id = 7, Skills = { new SkillDef { Service = 0 } } } }).Bounded();

        await server.TakeAsync(Hall, service: 1);
        var zero = await server.TakeAsync(Hall, service: 0);
        await server.OpenAsync(Hall, 7);
        Assert.Equal(zero.Id, (await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 7 }).Bounded()).Id); // item 1 waited longer
    }

    [Fact]
    public async Task PutWindow_OverflowDelayOnAPrimarySkill_InvalidArgumentSayingItNeedsOverflow()
    {
        await using var server = await StartAsync();

        // The delay only holds back overflow skills: on a primary one it was dropped, and the window took the item at once.
        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().PutWindowAsync(new()
        {
            Hall = Hall,
            Window = new WindowDef { Id = 7, Skills = { new SkillDef { Service = 1, OverflowDelayMinutes = 10 } } },
        }));

        Assert.Contains("window.skills[0].overflow_delay_minutes needs overflow", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await server.Admin().ListHallsAsync(new()).Bounded()).Halls.Single().Windows);
    }

    [Theory]
    [InlineData("*", "has '*' at position 1")] // "*" is every hall in a device's scope
    [InlineData("north/annex", "has '/' at position 6")] // a screen's address is /screen/{hall}
    [InlineData("north annex", "has U+0020 (white space or a control character) at position 6")]
    [InlineData("-annex", "has '-' at position 1")]
    [InlineData("LONG", "is 129 characters long")]
    public async Task AddHall_IdBreakingTheRule_InvalidArgumentNamingTheFieldAndTheRule(string id, string problem)
    {
        // Such ids were taken: a hall "*" or "north/annex" whose screens' addresses and device scopes could not name it,
        // one of any length in every log line.
        await using var server = await StartAsync();
        id = id == "LONG" ? new string('h', 129) : id;
        var json = HallConfiguration.ToJson(TestHalls.Small(id, windows: 1));

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().AddHallAsync(new() { Json = json }));

        Assert.Contains($"The hall's Id '", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"{problem}; a hall id is 1 to 128 letters, digits, '-', '_' or '.', starting with a letter or a digit.", e.Status.Detail, StringComparison.Ordinal);
        Assert.Single((await server.Admin().ListHallsAsync(new()).Bounded()).Halls);
    }

    [Fact]
    public async Task AddHall_RegionWithAControlCharacter_InvalidArgumentNamingIt()
    {
        await using var server = await StartAsync();
        var json = HallConfiguration.ToJson(TestHalls.Small("annex-2.east_1", windows: 1));

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().AddHallAsync(new() { Json = json, Region = "north\n" }));

        Assert.Contains("region 'north\n' has U+000A (white space or a control character) at position 6; a region is at most 128 characters", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("annex-2.east_1", (await server.Admin().AddHallAsync(new() { Json = json, Region = "North district" }).Bounded()).Hall); // letters, digits, '-', '_', '.'
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("Europe")] // a folder of zones: the runtime's SecurityException made the call fail with Unknown
    public async Task AddHall_UnknownTimeZone_InvalidArgumentNamingTheZoneAndNothingInternal(string zone)
    {
        await using var server = await StartAsync();
        var json = HallConfiguration.ToJson(TestHalls.Small("zoned", windows: 1) with { TimeZone = zone });

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().AddHallAsync(new() { Json = json }));

        Assert.Contains($"unknown time zone '{zone}'", e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", e.Status.Detail, StringComparison.Ordinal);
        Assert.Single((await server.Admin().ListHallsAsync(new()).Bounded()).Halls);
    }

    [Theory]
    [InlineData("EN-us", "en-US")]
    [InlineData(" zh-cn ", "zh-CN")]
    [InlineData("zh-hans", "zh-Hans")]
    [InlineData("en", "en")]
    [InlineData("", "en")]
    public async Task AddHall_Language_KeptInItsCanonicalForm(string given, string kept)
    {
        await using var server = await StartAsync();
        var json = HallConfiguration.ToJson(TestHalls.Small("spoken", windows: 1));

        var info = await server.Admin().AddHallAsync(new() { Json = json, Language = given }).Bounded();

        Assert.Equal(kept, info.Language);
        using var screen = server.Display().Watch(new() { Hall = "spoken" });
        Assert.Equal(kept, (await screen.ResponseStream.NextAsync()).Snapshot.Language); // browsers take it as a BCP-47 tag
        await server.OpenAsync("spoken", 1);
        await server.CallAsync("spoken", window: 1);
        var call = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;
        Assert.Equal(kept.StartsWith("zh", StringComparison.Ordinal) ? "请A001号到1号窗口办理" : "A001, please go to window 1", call.Text);
        // The kiosk writes its own texts in the hall's language, as the screens speak it.
        Assert.Equal(kept, (await server.Kiosk().ListServicesAsync(new() { Hall = "spoken" }).Bounded()).Language);
    }

    [Theory]
    [InlineData("english")] // began with "en", so it was taken, and the screen's browser could not use it
    [InlineData("en_US")]
    [InlineData("xx-YY")]
    [InlineData("fr")] // a language, but the server has no call texts in it
    public async Task AddHall_UnknownOrUnsupportedLanguage_InvalidArgumentNamingIt(string language)
    {
        await using var server = await StartAsync();
        var json = HallConfiguration.ToJson(TestHalls.Small("spoken", windows: 1));

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().AddHallAsync(new() { Json = json, Language = language }));

        Assert.Contains($"language '{language}'", e.Status.Detail, StringComparison.Ordinal);
        Assert.Single((await server.Admin().ListHallsAsync(new()).Bounded()).Halls);
    }
}
