namespace QueueCore.Simulation;

/// <summary>A priority class: its id and head start.</summary>
public sealed record ClassScenario
{
    /// <summary>The class id, e.g. "elderly".</summary>
    public string Id { get; set; } = "";

    /// <summary>The head start in minutes (0 for normal; a very large value gives strict priority).</summary>
    public double HeadStartMinutes { get; set; }
}
