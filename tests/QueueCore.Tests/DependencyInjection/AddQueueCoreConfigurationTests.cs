using Microsoft.Extensions.Configuration;

namespace QueueCore.Tests.DependencyInjection;

public class AddQueueCoreConfigurationTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddQueueCore_AppSettingsHall_ReadsEveryLevel()
    {
        var options = ConfigurationKit.Read(ConfigurationKit.Json(ConfigurationKit.AppSettings()));

        Assert.Equal(1, options.Engine.ShardCount);
        Assert.Equal(1024, options.Engine.IngressCapacity);
        Assert.Equal(new QueueEngineOptions().TickInterval, options.Engine.TickInterval); // not mentioned: default
        var hall = Assert.Single(options.Halls);
        Assert.Equal(4, hall.Services.Count);
        Assert.Equal(TimeSpan.FromMinutes(20), hall.Services[0].WaitLimit);
        Assert.Equal(200, hall.Services[0].DailyCap);
        Assert.Equal(new TimeOnly(13, 30), hall.Services[0].IssuingHours[1].From);
        Assert.Null(hall.Services[1].DailyCap);
        Assert.Equal(SkillTier.Overflow, hall.Windows[1].Skills[1].Tier);
        Assert.Equal(TimeSpan.FromMinutes(10), hall.Windows[1].Skills[1].OverflowDelay);
        Assert.Equal(new PriorityPolicy().Classes, hall.Priority.Classes); // not mentioned: the record's defaults
        Assert.Equal(new PriorityPolicy().Rules, hall.Priority.Rules);
        _ = new Hall(hall); // and it is a valid hall
    }

    [Theory]
    [InlineData("08:30")]
    [InlineData("08:30:00")] // as HallConfiguration.ToJson writes it
    [InlineData("8:30")]
    public void AddQueueCore_TimeOfDayHhMm_ReadsIt(string time)
    {
        var json = ConfigurationKit.AppSettings().Replace("\"From\": \"08:30\"", $"\"From\": \"{time}\"", StringComparison.Ordinal);

        var hall = ConfigurationKit.Read(ConfigurationKit.Json(json)).Halls.Single();

        Assert.Equal(new TimeOnly(8, 30), hall.Services[0].IssuingHours[0].From);
    }

    [Fact]
    public void AddQueueCore_RestatedDefaultClasses_GivesExactlyThoseClasses()
    {
        var hall = ConfigurationKit.ReadHall("""
            "Priority": {
              "Classes": [
                { "Id": "green", "Name": "Green channel", "HeadStart": "01:00:00" },
                { "Id": "elderly", "Name": "Elderly / caring", "HeadStart": "00:20:00" },
                { "Id": "appointment", "Name": "Appointment", "HeadStart": "00:15:00" },
                { "Id": "key-enterprise", "Name": "Key enterprise", "HeadStart": "00:05:00" },
                { "Id": "normal", "Name": "Normal" }
              ]
            }
            """);

        Assert.Equal(["green", "elderly", "appointment", "key-enterprise", "normal"], hall.Priority.Classes.Select(c => c.Id));
        Assert.Equal(TimeSpan.FromMinutes(20), hall.Priority.Classes[1].HeadStart);
        Assert.Equal(new PriorityPolicy().Rules, hall.Priority.Rules);
        _ = new Hall(hall); // no "defined twice"
    }

    [Fact]
    public void AddQueueCore_SingleMinAgeRule_IsTheOnlyRule()
    {
        var hall = ConfigurationKit.ReadHall("""
            "Priority": { "Rules": [ { "Class": "elderly", "MinAge": 70 } ] }
            """);

        var rule = Assert.Single(hall.Priority.Rules);
        Assert.Equal(70, rule.MinAge);
        Assert.Equal(TicketFlags.None, rule.AnyFlags);

        // A 70-year-old (elderly, ten minutes' head start) passes a normal ticket issued a minute before; a
        // 66-year-old issued in between is normal and keeps its place behind it.
        var h = new Hall(hall);
        h.Apply(HallCommand.OpenDay(), Nine);
        h.Apply(HallCommand.OpenWindow(1, clerk: 7), Nine);
        var adult = h.Apply(HallCommand.IssueTicket(102, age: 30), Nine);
        var sixtySix = h.Apply(HallCommand.IssueTicket(102, age: 66), Nine.AddMinutes(1));
        var seventy = h.Apply(HallCommand.IssueTicket(102, age: 70), Nine.AddMinutes(2));

        var order = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var call = h.Apply(HallCommand.CallNext(1), Nine.AddMinutes(3 + i));
            Assert.True(call.IsSuccess, call.ToString());
            order.Add(call.Ticket);
            h.Apply(HallCommand.StartServing(1), Nine.AddMinutes(3 + i));
            h.Apply(HallCommand.Finish(1), Nine.AddMinutes(3 + i));
        }

        Assert.Equal([seventy.Ticket, adult.Ticket, sixtySix.Ticket], order);
    }

    [Fact]
    public void AddQueueCore_EmptyRuleList_GivesNoRules()
    {
        var hall = ConfigurationKit.ReadHall("""
            "Priority": { "Rules": [], "MaxWait": null, "AppointmentClass": null, "InterleaveAfter": 2 }
            """);

        Assert.Empty(hall.Priority.Rules);
        Assert.Null(hall.Priority.MaxWait);
        Assert.Null(hall.Priority.AppointmentClass);
        Assert.Equal(2, hall.Priority.InterleaveAfter);
        Assert.Equal(5, hall.Priority.Classes.Count);
    }

    [Fact]
    public void AddQueueCore_FlagsAndEnumNames_ReadIgnoringCase()
    {
        var hall = ConfigurationKit.ReadHall("""
            "WindowSelection": "fewestServed",
            "Priority": { "Rules": [ { "Class": "elderly", "AnyFlags": "Disabled, pregnant" } ] }
            """);

        Assert.Equal(WindowSelection.FewestServed, hall.WindowSelection);
        Assert.Equal(TicketFlags.Disabled | TicketFlags.Pregnant, Assert.Single(hall.Priority.Rules).AnyFlags);
    }

    [Theory]
    [InlineData("RoundRobin", WindowSelection.RoundRobin)]
    [InlineData("leastBusy", WindowSelection.LeastBusy)]
    [InlineData("FIXEDORDER", WindowSelection.FixedOrder)]
    public void AddQueueCore_WindowSelection_ReadByNameIgnoringCase(string name, WindowSelection expected) =>
        Assert.Equal(expected, ConfigurationKit.ReadHall($"\"WindowSelection\": \"{name}\"").WindowSelection);

    [Fact]
    public void AddQueueCore_ConfigureAfterSection_SeesWhatTheSectionGave()
    {
        var extra = new HallDefinition
        {
            Id = "annex",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = [new() { Id = 1, Category = "A" }],
        };

        var options = ConfigurationKit.Read(ConfigurationKit.Json(ConfigurationKit.AppSettings()), o =>
        {
            Assert.Equal("county-center", Assert.Single(o.Halls).Id);
            o.Halls.Add(extra);
        });

        Assert.Equal(["county-center", "annex"], options.Halls.Select(h => h.Id));
        Assert.Equal(1, options.Engine.ShardCount);
    }

    [Fact]
    public void AddQueueCore_SectionWithoutEngine_KeepsTheEngineDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QueueCore:Halls:0:Id"] = "h",
            ["QueueCore:Halls:0:Categories:0:Id"] = "A",
            ["QueueCore:Halls:0:Categories:0:Prefix"] = "A",
            ["QueueCore:Halls:0:Services:0:Id"] = "1",
            ["QueueCore:Halls:0:Services:0:Category"] = "A",
        }).Build();

        var options = ConfigurationKit.Read(configuration);

        Assert.Equal(new QueueEngineOptions(), options.Engine);
        Assert.Equal(1, Assert.Single(Assert.Single(options.Halls).Services).Id);
    }
}
