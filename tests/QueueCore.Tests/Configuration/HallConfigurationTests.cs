using System.Text;
using Microsoft.Extensions.Configuration;

namespace QueueCore.Tests.Configuration;

/// <summary>A hall written as JSON (what an admin tool shows) reads back as the same hall (what it sends back).</summary>
public class HallConfigurationTests
{
    private static HallDefinition ReadJson(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return HallConfiguration.Read(new ConfigurationBuilder().AddJsonStream(stream).Build());
    }

    private static HallDefinition EveryKindOfSetting() => new()
    {
        Id = "h",
        Name = "Hall",
        TimeZone = "Asia/Shanghai",
        Categories = [new() { Id = "a", Prefix = "A", NumberWidth = 4 }],
        Services =
        [
            new() { Id = 1, Category = "a", Name = "One", WaitLimit = TimeSpan.FromMinutes(20), DailyCap = 5,
                IssuingHours = [new() { From = new TimeOnly(8, 30), To = new TimeOnly(12, 0) }] },
        ],
        Windows =
        [
            new() { Id = 1, Comprehensive = true, AutoAssign = true },
            new() { Id = 2, Skills = [new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }], DedicatedClass = PriorityPolicy.Elderly },
        ],
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(45), Interleave = new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 } },
        WindowIdleLimit = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public void ToJson_EveryKindOfSetting_ReadsBackEqual()
    {
        var hall = EveryKindOfSetting();
        var back = ReadJson(HallConfiguration.ToJson(hall));

        Assert.Equal(HallConfiguration.ToJson(hall), HallConfiguration.ToJson(back));
        Assert.Equal(new TimeOnly(8, 30), back.Services[0].IssuingHours[0].From);
        Assert.Equal(SkillTier.Overflow, back.Windows[1].Skills[0].Tier);
        Assert.Equal(2, back.Priority.Interleave!.NormalCalls);
        _ = new Hall(back); // and it is a valid hall
    }

    [Fact]
    public void FromWrittenJson_WhatToJsonWrote_ReadsBackEqual()
    {
        // The journal's hall records hold ToJson's output and read it back this way (not through configuration).
        var hall = EveryKindOfSetting();

        var back = HallConfiguration.FromWrittenJson(Encoding.UTF8.GetBytes(HallConfiguration.ToJson(hall)));

        Assert.Equal(HallConfiguration.ToJson(hall), HallConfiguration.ToJson(back));
        Assert.Equal(new TimeOnly(8, 30), back.Services[0].IssuingHours[0].From);
        Assert.Equal(PriorityPolicy.Elderly, back.Windows[1].DedicatedClass);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("24:00:00")]
    [InlineData("00:00")]
    public void FromJson_IssuingHoursToMidnight_IssueUntilTheDaysEnd(string to)
    {
        // "08:30-24:00" was refused as no time of day, and "08:30-00:00" as hours that end before they start: a hall that
        // issues until midnight could not be configured.
        var json = HallConfiguration.ToJson(EveryKindOfSetting()).Replace("\"To\": \"12:00:00\"", $"\"To\": \"{to}\"", StringComparison.Ordinal);

        var back = HallConfiguration.FromJson(json);

        Assert.Equal("08:30-24:00", back.Services[0].IssuingHours[0].ToString());
        var hall = new Hall(back);
        var day = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8)); // Asia/Shanghai
        hall.Apply(HallCommand.OpenDay(), day);
        Assert.Equal(QueueError.Closed, hall.Apply(HallCommand.IssueTicket(1), day.AddHours(8)).Error);
        Assert.True(hall.Apply(HallCommand.IssueTicket(1), day.AddHours(23.9)).IsSuccess);
        Assert.Equal(json.Replace($"\"To\": \"{to}\"", "\"To\": \"00:00:00\"", StringComparison.Ordinal), HallConfiguration.ToJson(back)); // written as read back
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("24:00:00")]
    public void FromJson_IssuingHoursFromTheDaysEnd_RefusedNamingFrom(string from)
    {
        // "From": "24:00" was read as 00:00: hours meant to start at the day's end issued from midnight on.
        var json = HallConfiguration.ToJson(EveryKindOfSetting()).Replace("\"From\": \"08:30:00\"", $"\"From\": \"{from}\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidOperationException>(() => HallConfiguration.FromJson(json));

        Assert.Equal(
            $"Configuration value '{from}' at 'Services:0:IssuingHours:0:From' is invalid: 24:00 is the end of the day; " +
            "issuing hours start at 00:00 to 23:59 (hours from midnight start at 00:00).", error.Message);
    }

    [Fact]
    public void ToJson_SettingsClearedToNull_ReadBackNullNotTheirDefaults()
    {
        // Null was left out of the JSON, and three settings whose default is not null came back as their defaults.
        var hall = EveryKindOfSetting() with
        {
            Priority = new PriorityPolicy { MaxWait = null, AppointmentClass = null },
            Park = new ParkPolicy { AutoResumeAfter = null },
        };
        var json = HallConfiguration.ToJson(hall);

        foreach (var back in new[] { HallConfiguration.FromWrittenJson(Encoding.UTF8.GetBytes(json)), ReadJson(json) })
        {
            Assert.Null(back.Priority.MaxWait);
            Assert.Null(back.Priority.AppointmentClass);
            Assert.Null(back.Park.AutoResumeAfter);
            Assert.Equal(json, HallConfiguration.ToJson(back));
        }
    }

    [Fact]
    public void Read_UnknownKey_NamesIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReadJson("""{ "Id": "h", "Windowz": [] }"""));

        Assert.Contains("Windowz", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Id": "h", "Windows": "none" }""", "Windows", "a list")]
    [InlineData("""{ "Id": "h", "NoShow": "never" }""", "NoShow", "a section of settings")]
    public void Read_ValueWhereASectionGoes_SaysWhatGoesThereInPlainWords(string json, string key, string expected)
    {
        // An admin pasting a hall read "is a section (a IReadOnlyList`1)": the type's CLR name, not what to write.
        var error = Assert.Throws<InvalidOperationException>(() => ReadJson(json));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("`", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Id": 3""")] // cut short
    [InlineData("")]
    [InlineData("{ 'Id': 'h' }")] // quoted as in C#, not JSON
    public void FromJson_TextThatIsNotJson_ThrowsFormatExceptionAsDocumented(string json)
    {
        // An admin tool catches what the method documents: a malformed paste came out as System.Text.Json's own
        // (internal) reader exception, which a catch of FormatException let through.
        var error = Assert.Throws<FormatException>(() => HallConfiguration.FromJson(json));

        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }
}
