using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace QueueCore.Tests.Audit;

/// <summary>What the file says is what the hall gets: a hall with every setting away from its default, written as JSON
/// into appsettings, comes out of <c>AddQueueCore(IConfiguration)</c> as the same definition.</summary>
public sealed class ConfigurationAuditTests
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private static HallDefinition Everything() => new()
    {
        Id = "everything",
        Name = "Every setting",
        TimeZone = "Asia/Shanghai",
        Categories = [new() { Id = "biz", Prefix = "BZ", Name = "Business", NumberWidth = 4 }, new() { Id = "soc", Prefix = "S" }],
        Services =
        [
            new()
            {
                Id = 0, Category = "biz", Name = "Zero", DailyCap = 7, WaitLimit = TimeSpan.FromMinutes(12), QueueWarningLength = 3,
                ServiceTimeLimit = TimeSpan.FromMinutes(40), ExpectedHandlingTime = TimeSpan.FromMinutes(7.5),
                IssuingHours = [new() { From = new(8, 15), To = new(11, 45) }, new() { From = new(13, 0), To = new(17, 30) }],
            },
            new() { Id = 4095, Category = "soc", Name = "Last" },
        ],
        Windows =
        [
            new() { Id = 3, Name = "Three", Comprehensive = true, DedicatedClass = "senior", AutoAssign = true },
            new()
            {
                Id = 7,
                Skills =
                [
                    new() { Service = 0, Proficiency = 2 },
                    new() { Category = "soc", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(9) },
                ],
            },
        ],
        Priority = new()
        {
            Classes = [new() { Id = "senior", Name = "Senior", HeadStart = TimeSpan.FromMinutes(7) }, new() { Id = "walk-in", Name = "Walk-in" }],
            NormalClass = "walk-in",
            AppointmentClass = null,
            AppointmentEarlyWindow = TimeSpan.FromMinutes(20),
            AppointmentGracePeriod = TimeSpan.FromMinutes(15),
            AgingRate = 1.5,
            MaxWait = null,
            Interleave = new() { PriorityCalls = 1, NormalCalls = 2 },
            Rules = [new() { Class = "senior", MinAge = 70 }, new() { Class = "senior", AnyFlags = TicketFlags.Disabled | TicketFlags.Pregnant }],
        },
        NoShow = new() { MaxRecalls = 4, RequeuePlacesBack = 0, MaxNoShows = 3, PauseWindowAfter = 0, CallBackAfter = TimeSpan.FromSeconds(90) },
        Park = new() { AutoResumeAfter = null, ResumeHeadStart = TimeSpan.FromMinutes(3), ReturnToSameWindow = false },
        WindowSelection = WindowSelection.FewestServed,
        WindowIdleLimit = TimeSpan.FromMinutes(6),
        RetainedCompletedTickets = 99,
        RememberedRequests = 0,
        InitialTicketCapacity = 17,
    };

    private static HallDefinition Bind(string hallJson)
    {
        var document = $$"""{ "QueueCore": { "Engine": { "ShardCount": 1 }, "Halls": [ {{hallJson}} ] } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(document))).Build();
        var services = new ServiceCollection();
        services.AddQueueCore(configuration.GetSection("QueueCore"));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<QueueEngine>();
        Assert.True(engine.TryGetHall("everything", out var hall));
        return hall.Definition;
    }

    [Fact]
    public void EverySettingAwayFromDefault_BoundAsWritten()
    {
        var written = JsonSerializer.Serialize(Everything(), Json);
        var bound = Bind(written);
        Assert.Equal(written, JsonSerializer.Serialize(bound, Json));
    }
}
