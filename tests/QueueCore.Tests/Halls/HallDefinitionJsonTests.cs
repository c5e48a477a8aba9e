using System.Text.Json;
using System.Text.Json.Serialization;

namespace QueueCore.Tests.Halls;

public class HallDefinitionJsonTests
{
    private const string Json = """
        {
          "id": "county-center",
          "timeZone": "Asia/Shanghai",
          "categories": [ { "id": "business", "prefix": "A" }, { "id": "social", "prefix": "C", "numberWidth": 4 } ],
          "services": [
            { "id": 101, "category": "business", "name": "Registration", "waitLimit": "00:20:00", "dailyCap": 200,
              "issuingHours": [ { "from": "08:30", "to": "11:30" }, { "from": "13:30", "to": "16:30" } ] },
            { "id": 301, "category": "social", "queueWarningLength": 15 }
          ],
          "windows": [
            { "id": 1, "comprehensive": true, "autoAssign": true },
            { "id": 2, "skills": [ { "service": 301 }, { "category": "business", "tier": "Overflow", "overflowDelay": "00:10:00" } ] },
            { "id": 9, "comprehensive": true, "dedicatedClass": "elderly" }
          ],
          "priority": { "maxWait": "00:45:00", "interleaveAfter": 2 },
          "windowSelection": "FewestServed"
        }
        """;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    [Fact]
    public void Deserialize_FromJson_BuildsAWorkingHall()
    {
        var definition = JsonSerializer.Deserialize<HallDefinition>(Json, Options)!;

        Assert.Equal(TimeSpan.FromMinutes(20), definition.Services[0].WaitLimit);
        Assert.Equal(new TimeOnly(13, 30), definition.Services[0].IssuingHours[1].From);
        Assert.Equal(SkillTier.Overflow, definition.Windows[1].Skills[1].Tier);
        Assert.Equal(2, definition.Priority.InterleaveAfter);
        Assert.Equal(5, definition.Priority.Classes.Count); // defaults kept where the JSON is silent

        // 09:00 in Shanghai is 01:00 UTC: inside the morning issuing hours.
        var hall = new Hall(definition);
        var nine = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        hall.Apply(HallCommand.OpenDay(), nine);
        var ticket = hall.Apply(HallCommand.IssueTicket(101), nine);
        Assert.True(ticket.IsSuccess, ticket.ToString());
        Assert.Equal("A001", ticket.Number.ToString());
        Assert.Equal("C0001", hall.Apply(HallCommand.IssueTicket(301), nine).Number.ToString());

        // 12:00 in Shanghai: the lunch gap between the two spans.
        var noon = hall.Apply(HallCommand.IssueTicket(101), nine.AddHours(3));
        Assert.Equal(QueueError.Closed, noon.Error);
    }

    [Theory]
    [InlineData("LeastBusy", WindowSelection.LeastBusy)]
    [InlineData("RoundRobin", WindowSelection.RoundRobin)]
    public void Deserialize_WindowSelectionByName_BuildsAHallWithIt(string name, WindowSelection expected)
    {
        var definition = JsonSerializer.Deserialize<HallDefinition>(Json.Replace("\"FewestServed\"", $"\"{name}\"", StringComparison.Ordinal), Options)!;

        Assert.Equal(expected, definition.WindowSelection);
        Assert.Equal(expected, new Hall(definition).Definition.WindowSelection);
    }

    [Fact]
    public void Deserialize_MissingRequiredId_Throws() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HallDefinition>("""{ "services": [] }""", Options));
}
