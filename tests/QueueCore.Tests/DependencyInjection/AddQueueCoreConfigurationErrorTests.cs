using Microsoft.Extensions.Configuration;

namespace QueueCore.Tests.DependencyInjection;

public class AddQueueCoreConfigurationErrorTests
{
    [Fact]
    public void AddQueueCore_UnknownKey_NamesThePath()
    {
        var json = ConfigurationKit.AppSettings().Replace("\"DailyCap\": 50", "\"DailyCapp\": 50", StringComparison.Ordinal);

        var message = ConfigurationKit.ErrorOf(json);

        Assert.Contains("'QueueCore:Halls:0:Services:3:DailyCapp'", message, StringComparison.Ordinal);
        Assert.Contains("ServiceItem", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"DailyCap\": 50", "\"DailyCap\": \"lots\"", "QueueCore:Halls:0:Services:3:DailyCap", "lots")]
    [InlineData("\"DailyCap\": 50", "\"DailyCap\": 1.5", "QueueCore:Halls:0:Services:3:DailyCap", "1.5")]
    [InlineData("\"Tier\": \"Overflow\"", "\"Tier\": \"Secondary\"", "QueueCore:Halls:0:Windows:1:Skills:1:Tier", "Secondary")]
    [InlineData("\"Tier\": \"Overflow\"", "\"Tier\": \"1\"", "QueueCore:Halls:0:Windows:1:Skills:1:Tier", "1")]
    [InlineData("\"OverflowDelay\": \"00:10:00\"", "\"OverflowDelay\": \"ten minutes\"", "QueueCore:Halls:0:Windows:1:Skills:1:OverflowDelay", "ten minutes")]
    [InlineData("\"WaitLimit\": \"00:20:00\"", "\"WaitLimit\": \"20\"", "QueueCore:Halls:0:Services:0:WaitLimit", "20")]
    [InlineData("\"From\": \"13:30\"", "\"From\": \"25:00\"", "QueueCore:Halls:0:Services:0:IssuingHours:1:From", "25:00")]
    [InlineData("\"Comprehensive\": true", "\"Comprehensive\": \"yes\"", "QueueCore:Halls:0:Windows:0:Comprehensive", "yes")]
    [InlineData("\"ShardCount\": 1", "\"ShardCount\": \"two\"", "QueueCore:Engine:ShardCount", "two")]
    [InlineData("\"ShardCount\": 1", "\"ShardCount\": 1, \"Journal\": { \"Mode\": \"Durabel\" }", "QueueCore:Engine:Journal:Mode", "Durabel")]
    [InlineData("\"ShardCount\": 1", "\"ShardCount\": 1, \"Journal\": { \"FlushInterval\": \"10ms\" }", "QueueCore:Engine:Journal:FlushInterval", "10ms")]
    [InlineData("\"ShardCount\": 1", "\"ShardCount\": 1, \"Journal\": { \"Mode\": 5 }", "QueueCore:Engine:Journal:Mode", "5")]
    public void AddQueueCore_ValueThatDoesNotConvert_NamesThePathAndTheValue(string from, string to, string path, string value)
    {
        var json = ConfigurationKit.AppSettings().Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(ConfigurationKit.AppSettings(), json);

        var message = ConfigurationKit.ErrorOf(json);

        Assert.Contains($"'{path}'", message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8:30pm")]
    [InlineData("1:30 PM")]
    [InlineData("13:30:15.5")]
    [InlineData("13:3")]
    [InlineData(" 13:30")]
    public void AddQueueCore_TimeOfDayNotHhMm_NamesThePathAndSaysWhatIsExpected(string time)
    {
        // The general TimeOnly parse took culture forms: "8:30pm" opened the hall at 20:30, "13:3" at 13:03.
        var json = ConfigurationKit.AppSettings().Replace("\"From\": \"13:30\"", $"\"From\": \"{time}\"", StringComparison.Ordinal);

        var message = ConfigurationKit.ErrorOf(json);

        Assert.Contains("'QueueCore:Halls:0:Services:0:IssuingHours:1:From'", message, StringComparison.Ordinal);
        Assert.Contains($"'{time}'", message, StringComparison.Ordinal);
        Assert.Contains("a time of day such as 08:30", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "ShardCount": 0 }""", "QueueCore:Engine:ShardCount", "'0'", "ShardCount must be 1 to 1024")]
    [InlineData("""{ "ShardCount": 1, "IngressCapacity": 1000 }""", "QueueCore:Engine:IngressCapacity", "'1000'", "a power of two")]
    [InlineData("""{ "TickInterval": "2.00:00:00" }""", "QueueCore:Engine:TickInterval", "'2.00:00:00'", "at most a day")]
    [InlineData("""{ "Journal": { "FlushInterval": "00:01:00" } }""", "QueueCore:Engine:Journal:FlushInterval", "'00:01:00'", "1 ms to 10 s")]
    [InlineData("""{ "Journal": { "ArchiveRetention": "-01:00:00" } }""", "QueueCore:Engine:Journal:ArchiveRetention", "'-01:00:00'", "0 to 366 days")]
    [InlineData("""{ "Journal": { "ArchiveRetention": "400.00:00:00" } }""", "QueueCore:Engine:Journal:ArchiveRetention", "'400.00:00:00'", "0 to 366 days")]
    [InlineData("""{ "Journal": { "FlushInterval": "00:00:00" } }""", "QueueCore:Engine:Journal:FlushInterval", "'00:00:00'", "1 ms to 10 s")]
    [InlineData("""{ "Journal": { "SegmentBytes": 1000 } }""", "QueueCore:Engine:Journal:SegmentBytes", "'1000'", "64 KiB")]
    public void AddQueueCore_EngineOptionOutOfRange_NamesTheConfigurationKeyAndTheValue(string engine, string key, string value, string allowed)
    {
        // The engine's own check named only the member ("(Parameter 'ShardCount')"): a user edits a key in a file.
        var message = ConfigurationKit.ErrorOf(ConfigurationKit.AppSettings(engine: engine));

        Assert.Contains($"'{key}'", message, StringComparison.Ordinal);
        Assert.Contains(value, message, StringComparison.Ordinal);
        Assert.Contains(allowed, message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQueueCore_UnknownFlag_NamesThePathAndTheValue()
    {
        var json = ConfigurationKit.AppSettings("""
            "Priority": { "Rules": [ { "Class": "elderly", "AnyFlags": "Disabled, Blind" } ] }
            """);

        var message = ConfigurationKit.ErrorOf(json);

        Assert.Contains("'QueueCore:Halls:0:Priority:Rules:0:AnyFlags'", message, StringComparison.Ordinal);
        Assert.Contains("'Disabled, Blind'", message, StringComparison.Ordinal);
        Assert.Contains("GreenChannel", message, StringComparison.Ordinal); // says what is allowed
    }

    [Fact]
    public void AddQueueCore_MissingRequiredValue_NamesThePath()
    {
        var json = ConfigurationKit.AppSettings().Replace("{ \"Id\": 102, \"Category\": \"business\" }", "{ \"Id\": 102 }", StringComparison.Ordinal);

        var message = ConfigurationKit.ErrorOf(json);

        Assert.Contains("'QueueCore:Halls:0:Services:1:Category'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQueueCore_ValueWhereASectionBelongs_NamesThePath()
    {
        var message = ConfigurationKit.ErrorOf(ConfigurationKit.AppSettings("\"Priority\": \"high\""));

        Assert.Contains("'QueueCore:Halls:0:Priority'", message, StringComparison.Ordinal);
        Assert.Contains("'high'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQueueCore_ListNumberedWithAGap_NamesThePath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QueueCore:Halls:0:Id"] = "a",
            ["QueueCore:Halls:2:Id"] = "b",
        }).Build();

        var message = Assert.Throws<InvalidOperationException>(() => ConfigurationKit.Read(configuration)).Message;

        Assert.Contains("'QueueCore:Halls:2'", message, StringComparison.Ordinal);
    }
}
