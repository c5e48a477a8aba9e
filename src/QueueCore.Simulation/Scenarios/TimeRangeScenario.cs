namespace QueueCore.Simulation;

/// <summary>A span of the day, "H:mm" to "H:mm" (from inclusive, to exclusive).</summary>
public sealed record TimeRangeScenario
{
    /// <summary>Start, "H:mm".</summary>
    public string From { get; set; } = "";

    /// <summary>End, "H:mm".</summary>
    public string To { get; set; } = "";
}
