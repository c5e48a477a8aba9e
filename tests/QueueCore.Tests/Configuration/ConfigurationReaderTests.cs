using Microsoft.Extensions.Configuration;

namespace QueueCore.Tests.Configuration;

/// <summary>The reader is generic: a record it has never seen (as the hall records will grow) reads with the same rules.</summary>
public class ConfigurationReaderTests
{
    public sealed record Sample
    {
        public required string Id { get; init; }

        public IReadOnlyList<int> Numbers { get; init; } = [1, 2, 3];

        public TimeSpan? Limit { get; init; } = TimeSpan.FromMinutes(1);

        public DayOfWeek Day { get; init; } = DayOfWeek.Monday;

        public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double> { ["a"] = 1 };

        public Sample? Child { get; init; }
    }

    private static Sample Read(params (string Key, string? Value)[] values) =>
        ConfigurationReader.Read<Sample>(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("S:" + v.Key, v.Value)))
            .Build().GetSection("S"));

    [Fact]
    public void Read_NewRecord_ListsReplaceDefaultsAndTheRestKeepsThem()
    {
        var sample = Read(("id", "x"), ("Numbers:0", "7"), ("Weights:b", "2.5"), ("Child:Id", "y"), ("Child:Limit", ""));

        Assert.Equal("x", sample.Id);
        Assert.Equal([7], sample.Numbers);
        Assert.Equal(new Dictionary<string, double> { ["b"] = 2.5 }, sample.Weights);
        Assert.Equal(TimeSpan.FromMinutes(1), sample.Limit);
        Assert.Equal(DayOfWeek.Monday, sample.Day);
        Assert.Equal("y", sample.Child!.Id);
        Assert.Null(sample.Child.Limit);
        Assert.Equal([1, 2, 3], sample.Child.Numbers);
    }

    [Fact]
    public void Read_KeyWithoutValueOrChildren_IsAnEmptyList()
    {
        var sample = Read(("Id", "x"), ("Numbers", null));

        Assert.Empty(sample.Numbers);
    }

    [Theory]
    [InlineData("Numbers:1", "8", "'S:Numbers:1'")]
    [InlineData("Numbers:0", "seven", "'seven' at 'S:Numbers:0'")]
    [InlineData("Day", "Someday", "'Someday' at 'S:Day'")]
    [InlineData("Weights:b", "heavy", "'heavy' at 'S:Weights:b'")]
    [InlineData("Child:Idd", "y", "'S:Child:Idd'")]
    [InlineData("Child:Day", "Friday", "'S:Child:Id'")]
    public void Read_Mistake_NamesThePath(string key, string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Id", "x"), (key, value)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.Halls[0].Services[3].DailyCap", "Halls:0:Services:3:DailyCap")]
    [InlineData("$['odd key'][12]", "odd key:12")]
    [InlineData("$", "")]
    [InlineData(null, "")]
    public void ToConfigurationPath_JsonPath_GivesTheKeys(string? jsonPath, string expected) =>
        Assert.Equal(expected, ConfigurationTree.ToConfigurationPath(jsonPath));
}
