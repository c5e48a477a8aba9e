using System.Text.Json.Serialization;

namespace QueueCore.Simulation;

/// <summary>
/// A capacity-planning scenario: one or more halls, their services, windows and opening hours, and the demand of one
/// simulated day. Read it from JSON with <see cref="ScenarioReader"/> (the schema is bench/scenarios/scenario.schema.json).
/// Times of day are "H:mm" from the day's midnight; hours may pass 24 for long validation runs.
/// </summary>
public sealed record Scenario
{
    /// <summary>The JSON schema the file names for editors (<c>"$schema": "scenario.schema.json"</c>, beside the file in
    /// bench/scenarios, gives completion and checks as one types); the simulator reads it and ignores it. Null: none.</summary>
    [JsonPropertyName("$schema")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; set; }

    /// <summary>A display name for reports.</summary>
    public string Name { get; set; } = "";

    /// <summary>Free text: what the scenario models and where its figures come from.</summary>
    public string Description { get; set; } = "";

    /// <summary>Length of one arrival time slot in minutes (rates are given per slot). Default 60.</summary>
    public double SlotMinutes { get; set; } = 60;

    /// <summary>When the first arrival slot starts ("H:mm"). Default "08:00".</summary>
    public string DayStart { get; set; } = "08:00";

    /// <summary>Tickets arriving before this many minutes after <see cref="DayStart"/> are served but not counted
    /// (steady-state runs). Default 0; it must end before the last arrivals (the arrival slots' end, or a trace's last
    /// ticket), else nothing would be counted.</summary>
    public double WarmupMinutes { get; set; }

    /// <summary>The default wait limit in minutes for the "share within the limit" figure. Default 15.</summary>
    public double WaitLimitMinutes { get; set; } = 15;

    /// <summary>How long a window calls an absent citizen before marking the no-show, in seconds. Default 60.</summary>
    public double RecallSeconds { get; set; } = 60;

    /// <summary>The halls.</summary>
    public IReadOnlyList<HallScenario> Halls { get; set; } = [];
}
