namespace QueueCore.Simulation.Tests.Scenarios;

public sealed class ScenarioReaderTests
{
    private const string Valid = """
        {
          "halls": [ {
            "id": "h",
            "services": [ { "id": 1, "arrivalsPerHour": [10], "handling": { "kind": "exponential", "meanMinutes": 5 } } ],
            "windows": [ { "id": 1, "comprehensive": true, "shifts": [ { "from": "08:00", "to": "12:00" } ] } ]
          } ]
        }
        """;

    [Theory]
    [InlineData("township.json")]
    [InlineData("township-comprehensive.json")]
    [InlineData("township-window7.json")]
    [InlineData("city-center.json")]
    [InlineData("mmc-validation.json")]
    [InlineData("township-replay.json")]
    public void Load_ShippedExamplesAreValid(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "scenarios", file);
        Simulator.Validate(ScenarioReader.Load(path), Path.GetDirectoryName(path));
    }

    [Fact]
    public void Schema_WindowSelection_ListsTheChoicesTheHallHas_AndEachRuns()
    {
        // The schema once offered "LeastBusyTime" and "RoundRobin" before the engine had them: an editor completed them
        // and the run refused the file ("'RoundRobin' is not one of LongestIdle, FewestServed, FixedOrder").
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", "scenario.schema.json")));
        var offered = schema.RootElement.GetProperty("$defs").GetProperty("hall").GetProperty("properties").GetProperty("windowSelection").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToArray();

        Assert.Equal(Enum.GetNames<WindowSelection>(), offered);
        foreach (var choice in offered)
        {
            var scenario = ScenarioReader.Parse(Valid.Replace("\"id\": \"h\",", $"\"id\": \"h\", \"windowSelection\": \"{choice}\",", StringComparison.Ordinal));
            Assert.True(Simulator.Run(scenario, new SimulationOptions { Replications = 1 }).TicketsIssued > 0, choice);
        }
    }

    [Fact]
    public void Parse_SchemaAnEditorAdds_AcceptedAndIgnored_AndTheShippedSchemaAllowsIt()
    {
        // Editors add "$schema" to a JSON file for completion; the reader refused it as an unknown field, and so did
        // the schema itself (additionalProperties false), so an editor flagged its own line.
        var scenario = ScenarioReader.Parse(Valid.Replace("\"halls\":", "\"$schema\": \"scenario.schema.json\", \"halls\":", StringComparison.Ordinal));

        Assert.True(Simulator.Run(scenario, new SimulationOptions { Replications = 1 }).TicketsIssued > 0);
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", "scenario.schema.json")));
        Assert.Equal("string", schema.RootElement.GetProperty("properties").GetProperty("$schema").GetProperty("type").GetString());
        Assert.DoesNotContain("$schema", ScenarioReader.Write(ScenarioReader.Parse(Valid)), StringComparison.Ordinal); // none given, none written
    }

    [Fact]
    public void Parse_UnknownField_NamesItsPath()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Valid.Replace("\"arrivalsPerHour\"", "\"arrivalsPerHr\"", StringComparison.Ordinal)));
        Assert.Contains("halls[0].services[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown field 'arrivalsPerHr'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FieldGivenTwice_NamesItRatherThanKeepingTheLast()
    {
        // A field pasted twice (a second arrivalsPerHour lower in the object) was read as the last one, silently.
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Valid.Replace("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"arrivalsPerHour\": [20]", StringComparison.Ordinal)));
        Assert.Equal(["halls[0].services[0]: field 'arrivalsPerHour' is given twice"], e.Errors);
        e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Valid.Replace("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"classMix\": { \"elderly\": 0.1, \"elderly\": 0.2 }", StringComparison.Ordinal)));
        Assert.Equal(["halls[0].services[0].classMix: field 'elderly' is given twice"], e.Errors);
    }

    [Fact]
    public void Parse_UnknownField_ReadsAsTheScenariosReadmeShowsIt()
    {
        // bench/scenarios/README.md: "halls[0].services[0]: unknown field 'arrivalsPerHr'" (the object, then the
        // field once), not the field's own path followed by its name again.
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Valid.Replace("\"arrivalsPerHour\"", "\"arrivalsPerHr\"", StringComparison.Ordinal)));
        Assert.Equal("halls[0].services[0]: unknown field 'arrivalsPerHr'", e.Message);
    }

    [Fact]
    public void Parse_WrongType_NamesItsPathAndTheExpectedType()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Valid.Replace("\"meanMinutes\": 5", "\"meanMinutes\": \"five\"", StringComparison.Ordinal)));
        Assert.Equal("halls[0].services[0].handling.meanMinutes: expected a number", e.Message);
    }

    [Theory]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": 10", "halls[0].services[0].arrivalsPerHour: expected an array of numbers")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"classMix\": 0.2", "halls[0].services[0].classMix: expected an object of numbers")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"multiItem\": { \"items\": 102 }", "halls[0].services[0].multiItem.items: expected an array of whole numbers")]
    [InlineData("\"kind\": \"exponential\", \"meanMinutes\": 5", "\"kind\": \"empirical\", \"samplesMinutes\": 5", "halls[0].services[0].handling.samplesMinutes: expected an array of numbers")]
    [InlineData("\"comprehensive\": true", "\"comprehensive\": \"yes\"", "halls[0].windows[0].comprehensive: expected true or false")]
    [InlineData("\"id\": 1, \"comprehensive\"", "\"id\": 1, \"count\": 2.5, \"comprehensive\"", "halls[0].windows[0].count: expected a whole number of at most 2147483647")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"dailyCap\": 99999999999", "halls[0].services[0].dailyCap: expected a whole number of at most 2147483647")] // said "a whole number" of a whole number
    public void Parse_WrongTypeOfAnyField_SaysWhatTheFieldTakes(string find, string replace, string expected)
    {
        // An array or object field given a single value was said to expect "a number" (or "a string" for classMix):
        // the element type inside the collection's name was matched first.
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Valid.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Parse_BrokenJson_SaysWhere()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(Valid.Replace("\"id\": \"h\",", "\"id\": \"h\"", StringComparison.Ordinal)));
        Assert.Contains("line", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"meanMinutes\": 5", "\"meanMinutes\": -2", "halls[0].services[0].handling.meanMinutes: must be greater than 0 (was -2)")]
    [InlineData("\"kind\": \"exponential\"", "\"kind\": \"gamma\"", "halls[0].services[0].handling.kind: 'gamma' is not one of exponential, lognormal, fixed, empirical")]
    [InlineData("\"to\": \"12:00\"", "\"to\": \"07:00\"", "halls[0].windows[0].shifts[0].to: '07:00' must be after from '08:00'")]
    [InlineData("\"from\": \"08:00\", \"to\": \"12:00\"", "\"from\": \"22:00\", \"to\": \"02:30\"", "halls[0].windows[0].shifts[0].to: '02:30' must be after from '22:00'; past midnight the hours count on, so 02:30 the next day is '26:30'")]
    [InlineData("\"to\": \"12:00\"", "\"to\": \"noon\"", "halls[0].windows[0].shifts[0].to: 'noon' is not a time \"H:mm\" (e.g. \"08:30\")")]
    [InlineData("\"to\": \"12:00\"", "\"to\": \"1:00 PM\"", "halls[0].windows[0].shifts[0].to: '1:00 PM' is not a time \"H:mm\" (e.g. \"08:30\")")]
    [InlineData("\"comprehensive\": true", "\"skills\": [ { \"service\": 7 } ]", "halls[0].windows[0].skills[0].service: 7 is not a service of this hall")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"classMix\": { \"vip\": 0.2 }", "halls[0].services[0].classMix.vip: 'vip' is not a class of the hall")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10, -1]", "halls[0].services[0].arrivalsPerHour[1]: must be a rate of 0 or more (was -1)")]
    [InlineData("\"id\": \"h\",", "\"id\": \"h\", \"windowSelection\": \"3\",", "halls[0].windowSelection: '3' is not one of LongestIdle, FewestServed, FixedOrder, LeastBusy, RoundRobin")]
    [InlineData("\"id\": \"h\",", "\"id\": \"h\", \"windowSelection\": \"9\",", "halls[0].windowSelection: '9' is not one of")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [1e300]", "halls[0].services[0].arrivalsPerHour[0]: must be at most 1000000 an hour (was 1E+300)")]
    public void Validate_MeaningErrors_NameTheFieldAndWhatIsWrong(string find, string replace, string expected)
    {
        var scenario = ScenarioReader.Parse(Valid.Replace(find, replace, StringComparison.Ordinal));
        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(scenario));
        Assert.Contains(e.Errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ErrorOnlyTheEngineFinds_PassedOnWithoutTheEnginesParameter()
    {
        // The engine checks what the scenario's own rules leave to it (a name over 100 characters): its message names the
        // entry, and the " (Parameter 'definition')" .NET appends names nothing in the file.
        var name = new string('x', HallDefinition.MaxNameLength + 1);
        var scenario = ScenarioReader.Parse(Valid.Replace("\"id\": 1, \"arrivalsPerHour\"", $"\"id\": 1, \"name\": \"{name}\", \"arrivalsPerHour\"", StringComparison.Ordinal));

        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(scenario));

        var error = Assert.Single(e.Errors);
        Assert.StartsWith("halls[0]: Hall 'h': ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "halls": [ { "id": "h", "services": null, "windows": [] } ] }""", "halls[0].services: must be an array")]
    [InlineData("""{ "halls": [ { "id": "h", "services": [ { "id": 1, "arrivalsPerHour": [10] } ], "windows": null } ] }""", "halls[0].windows: must be an array")]
    [InlineData("""{ "halls": [ { "id": "h", "services": [], "windows": [ { "id": 1, "skills": [ null ], "shifts": [] } ] } ] }""", "halls[0].windows[0].skills[0]: must be an object")]
    public void Validate_NullInTheFile_NamesTheField(string json, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(ScenarioReader.Parse(json)));
        Assert.Equal([expected], e.Errors);
    }

    public static TheoryData<string, Action<Scenario>> Nulls() => new()
    {
        { "halls: must be an array", s => s.Halls = null! },
        { "halls[0]: must be an object", s => s.Halls = [null!] },
        { "name: must be a string", s => s.Name = null! },
        { "description: must be a string", s => s.Description = null! },
        { "dayStart: must be a string", s => s.DayStart = null! },
        { "halls[0].id: must be a string", s => s.Halls[0].Id = null! },
        { "halls[0].windowSelection: must be a string", s => s.Halls[0].WindowSelection = null! },
        { "halls[0].priority.classes[0]: must be an object", s => s.Halls[0].Priority = new() { Classes = [null!] } },
        { "halls[0].priority.classes[0].id: must be a string", s => s.Halls[0].Priority = new() { Classes = [new() { Id = null! }] } },
        { "halls[0].services[0]: must be an object", s => s.Halls[0].Services = [null!] },
        { "halls[0].services[0].name: must be a string", s => s.Halls[0].Services[0].Name = null! },
        { "halls[0].services[0].arrivalsPerHour: must be an array", s => s.Halls[0].Services[0].ArrivalsPerHour = null! },
        { "halls[0].services[0].classMix: must be an object", s => s.Halls[0].Services[0].ClassMix = null! },
        { "halls[0].services[0].multiItem.items: must be an array", s => s.Halls[0].Services[0].MultiItem = new() { Items = null! } },
        { "halls[0].services[0].patience.kind: must be a string", s => s.Halls[0].Services[0].Patience = new() { Kind = null! } },
        { "halls[0].windows[0]: must be an object", s => s.Halls[0].Windows = [null!] },
        { "halls[0].windows[0].skills: must be an array", s => s.Halls[0].Windows[0].Skills = null! },
        { "halls[0].windows[0].shifts: must be an array", s => s.Halls[0].Windows[0].Shifts = null! },
        { "halls[0].windows[0].breaks: must be an array", s => s.Halls[0].Windows[0].Breaks = null! },
        { "halls[0].windows[0].breaks[0]: must be an object", s => s.Halls[0].Windows[0].Breaks = [null!] },
        { "halls[0].windows[0].shifts[0].from: must be a string", s => s.Halls[0].Windows[0].Shifts[0].From = null! },
        { "halls[0].windows[0].shifts[0].to: must be a string", s => s.Halls[0].Windows[0].Shifts[0].To = null! },
    };

    [Theory]
    [MemberData(nameof(Nulls))]
    public void Validate_Null_NamesTheField(string expected, Action<Scenario> spoil)
    {
        var scenario = ScenarioReader.Parse(Valid);
        spoil(scenario);
        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(scenario));
        Assert.Contains(expected, e.Errors);
    }

    [Fact]
    public void Validate_IssuingHoursWhollyPastTheDay_BothEndsNamed()
    {
        // The engine's issuing hours are times of the hall's day: "25:00" there is no time at all. Only the span's end
        // was named; its start passed unremarked.
        var json = Valid.Replace("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"issuingHours\": [ { \"from\": \"25:00\", \"to\": \"26:00\" } ]", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(ScenarioReader.Parse(json)));
        Assert.Equal(
            ["halls[0].services[0].issuingHours[0].from: '25:00' is past 24:00: issuing hours are times of the hall's day",
             "halls[0].services[0].issuingHours[0].to: '26:00' is past 24:00: issuing hours are times of the hall's day"],
            e.Errors);
    }

    [Fact]
    public void Validate_NightShiftFromMidnightCountedOn_Accepted()
    {
        // Shifts and breaks are times of the simulated day, whose hours count on past midnight (a night hall's
        // 18:00-02:00 is "18:00" to "26:00"): a shift from "24:00" starts at midnight, and is no mistake.
        var json = Valid.Replace("\"shifts\": [ { \"from\": \"08:00\"", "\"shifts\": [ { \"from\": \"24:00\"", StringComparison.Ordinal)
            .Replace("\"to\": \"12:00\"", "\"to\": \"26:00\"", StringComparison.Ordinal);
        Assert.Contains("\"from\": \"24:00\"", json, StringComparison.Ordinal);
        Simulator.Validate(ScenarioReader.Parse(json));
    }

    [Theory]
    [InlineData("\"id\": 1, \"arrivalsPerHour\"", "\"arrivalsPerHour\"", "halls[0].services[0].id: is required (the service item number, 0 or more)")]
    [InlineData("\"comprehensive\": true", "\"skills\": [ { \"overflow\": false } ]", "halls[0].windows[0].skills[0].service: is required (a service id of this hall)")]
    [InlineData("\"shifts\": [ { \"from\": \"08:00\"", "\"breaks\": [ { \"from\": \"09:00\", \"to\": \"09:15\" } ], \"shifts\": [ { \"from\": \"8:3\"", "halls[0].windows[0].shifts[0].from: '8:3' is not a time \"H:mm\" (e.g. \"08:30\")")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"classMix\": { \"elderly\": 1.0, \"green\": 0.3 }, \"appointmentShare\": 0.08", "halls[0].services[0].classMix: class shares plus appointmentShare add up to 1.38, more than 1")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"dailyCap\": 0", "halls[0].services[0].dailyCap: must be at least 1 ticket, or left out for no cap (was 0)")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"issuingHours\": [ { \"from\": \"08:00\", \"to\": \"25:00\" } ]", "halls[0].services[0].issuingHours[0].to: '25:00' is past 24:00: issuing hours are times of the hall's day")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"issuingHours\": [ { \"from\": \"11:00\", \"to\": \"9:00\" } ]", "halls[0].services[0].issuingHours[0].to: '9:00' must be after from '11:00'; hours past midnight are a span of their own ('11:00' to '24:00', then '0:00' to '9:00')")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"issuingHours\": [ { \"from\": \"24:00\", \"to\": \"24:00\" } ]", "halls[0].services[0].issuingHours[0].from: '24:00' is the end of the day: a span of issuing hours starts from 0:00 to 23:59")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"issuingHours\": [ { \"from\": \"24:30\", \"to\": \"24:00\" } ]", "halls[0].services[0].issuingHours[0].from: '24:30' is past 24:00: issuing hours are times of the hall's day")]
    [InlineData("\"id\": \"h\",", "\"id\": \"h\", \"priority\": { \"interleaveAfter\": 2, \"interleave\": { \"normalCalls\": 2 } },", "halls[0].priority.interleave: set interleave or interleaveAfter, not both (interleaveAfter n is interleave { priorityCalls: n, normalCalls: 1 })")]
    [InlineData("\"id\": \"h\",", "\"id\": \"h\", \"priority\": { \"interleave\": { \"normalCalls\": 0 } },", "halls[0].priority.interleave.normalCalls: must be at least 1 (was 0)")]
    [InlineData("\"id\": \"h\",", "\"id\": \"h\", \"noShow\": { \"maxNoShows\": 0 },", "halls[0].noShow.maxNoShows: must be at least 1 (was 0)")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"multiItem\": { \"share\": 0.2, \"items\": [] }", "halls[0].services[0].multiItem.items: must list at least one other service of this hall to draw the extra items from (share is 0.2)")]
    [InlineData("\"windows\": [ { \"id\": 1,", "\"windows\": [ { \"id\": 5, \"comprehensive\": true, \"shifts\": [ { \"from\": \"08:00\", \"to\": \"12:00\" } ] }, { \"id\": 1, \"count\": 2000,", "halls[0].windows[1].count: must be from 1 to 1024 (was 2000)")]
    // A dayStart of 18:00 for 08:00 ran, refused every arrival and showed a table of zeros, with only a count of refusals.
    [InlineData("\"halls\": [ {", "\"dayStart\": \"18:00\", \"halls\": [ {", "dayStart: '18:00' is when halls[0] (h) has closed (its last window closes at 12:00): every arrival would be refused; set dayStart to when the arrivals begin, or the shifts to the hours they come")]
    [InlineData("\"halls\": [ {", "\"warmupMinutes\": 60, \"halls\": [ {", "warmupMinutes: 60 minutes from dayStart end at 09:00, when the last arrivals come (09:00): nothing would be counted; make the warm-up shorter than the arrivals")]
    [InlineData("\"id\": 1, \"comprehensive\"", "\"id\": 2147483647, \"comprehensive\"", "halls[0].windows[0].id: must be a window number from 1 to 999999 (was 2147483647)")]
    [InlineData("\"id\": 1, \"comprehensive\"", "\"id\": 999998, \"count\": 3, \"comprehensive\"", "halls[0].windows[0].count: numbers windows 999998 to 1000000, past the highest window number, 999999")]
    [InlineData("\"comprehensive\": true", "\"skills\": [ { \"service\": 2000000000 } ]", "halls[0].services[0].id: must be a service item number from 0 to 999999 (was 2000000000)", "\"id\": 1, \"arrivalsPerHour\"", "\"id\": 2000000000, \"arrivalsPerHour\"")]
    [InlineData("\"id\": \"h\",", "\"id\": \"\",", "halls[0].id: must not be empty")]
    // A number too large for a double (1e400) reads as Infinity: one problem, that it is too large, not also "must be a rate of 0 or more".
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [1e400]", "halls[0].services[0].arrivalsPerHour[0]: must be at most 1000000 an hour (was Infinity)")]
    [InlineData("\"meanMinutes\": 5", "\"meanMinutes\": 1e400", "halls[0].services[0].handling.meanMinutes: must be at most 1000000 minutes (was Infinity)")]
    [InlineData("\"meanMinutes\": 5", "\"meanMinutes\": 5, \"sdMinutes\": 2", "halls[0].services[0].handling.sdMinutes: not used by an exponential distribution (it takes meanMinutes)")]
    [InlineData("\"kind\": \"exponential\", \"meanMinutes\": 5", "\"kind\": \"fixed\", \"minutes\": 5, \"meanMinutes\": 4", "halls[0].services[0].handling.meanMinutes: not used by a fixed distribution (it takes minutes)")]
    [InlineData("\"comprehensive\": true", "\"skills\": [ { \"service\": 1, \"overflowDelayMinutes\": 10 } ]", "halls[0].windows[0].skills[0].overflowDelayMinutes: applies to an overflow skill only; set \"overflow\": true, or leave it out (was 10)")]
    [InlineData("\"comprehensive\": true", "\"skills\": [ { \"service\": 1 }, { \"service\": 1 } ]", "halls[0].windows[0].skills[1].service: 1 is listed again, as skills[0] lists it; list each skill once")]
    [InlineData("\"comprehensive\": true", "\"skills\": [ { \"service\": 1 } ]", "halls[0].services[1]: no window serves service 2 (none is comprehensive or lists it in its skills): its tickets could never be called", "} } ],", "} }, { \"id\": 2, \"arrivalsPerHour\": [10], \"handling\": { \"kind\": \"fixed\", \"minutes\": 5 } } ],")]
    [InlineData("\"id\": 1, \"arrivalsPerHour\"", "\"id\": -1, \"arrivalsPerHour\"", "halls[0].services[0].id: must be a service item number from 0 to 999999 (was -1)")]
    [InlineData("\"comprehensive\": true", "\"comprehensive\": true, \"skills\": [ { \"service\": -1, \"overflow\": true } ]", "halls[0].windows[0].skills[0].service: -1 is not a service of this hall")]
    [InlineData("\"to\": \"12:00\" } ]", "\"to\": \"12:00\" }, { \"from\": \"11:00\", \"to\": \"14:00\" } ]", "halls[0].windows[0].shifts[1]: 11:00-14:00 overlaps shifts[0] (08:00-12:00)")]
    [InlineData("\"to\": \"12:00\" } ]", "\"to\": \"12:00\" } ], \"breaks\": [ { \"from\": \"10:00\", \"to\": \"10:30\" }, { \"from\": \"09:00\", \"to\": \"10:15\" } ]", "halls[0].windows[0].breaks[1]: 09:00-10:15 overlaps breaks[0] (10:00-10:30)")]
    [InlineData("\"to\": \"12:00\" } ]", "\"to\": \"12:00\" } ], \"breaks\": [ { \"from\": \"10:00\", \"to\": \"10:15\" }, { \"from\": \"07:00\", \"to\": \"07:30\" } ]", "halls[0].windows[0].breaks[1]: must lie inside one of the window's shifts")]
    [InlineData("\"arrivalsPerHour\": [10]", "\"arrivalsPerHour\": [10], \"issuingHours\": [ { \"from\": \"08:00\", \"to\": \"12:00\" }, { \"from\": \"11:00\", \"to\": \"13:00\" } ]", "halls[0].services[0].issuingHours[1]: 11:00-13:00 overlaps issuingHours[0] (08:00-12:00)")]
    [InlineData("\"to\": \"12:00\" } ]", "\"to\": \"12:00\" } ], \"breaks\": [ { \"from\": \"08:00\", \"to\": \"12:00\" } ]", "halls[0].windows[0].breaks: cover all of the window's shifts, so it is never open (the run refused every arrival as after the day's close); shorten the breaks, or leave the window out")]
    public void Validate_OneMistake_IsOneProblemSaidPlainly(string find, string replace, string expected, string find2 = "", string replace2 = "")
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        var scenario = ScenarioReader.Parse(find2.Length > 0 ? json.Replace(find2, replace2, StringComparison.Ordinal) : json);
        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(scenario));
        Assert.Equal([expected], e.Errors);
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var scenario = ScenarioReader.Parse(Valid.Replace("\"meanMinutes\": 5", "\"meanMinutes\": 0", StringComparison.Ordinal).Replace("\"id\": 1, \"comprehensive\"", "\"id\": 0, \"comprehensive\"", StringComparison.Ordinal));
        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(scenario));
        Assert.Equal(2, e.Errors.Count);
        Assert.Contains("halls[0].windows[0].id: must be a window number from 1 to 999999 (was 0)", e.Errors);
    }

    [Fact]
    public void Write_RoundTrips()
    {
        var scenario = ScenarioReader.Parse(Valid);
        Assert.Equal(ScenarioReader.Write(scenario), ScenarioReader.Write(ScenarioReader.Parse(ScenarioReader.Write(scenario))));
    }
}
