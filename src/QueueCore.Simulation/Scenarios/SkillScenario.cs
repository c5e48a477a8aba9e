namespace QueueCore.Simulation;

/// <summary>One skill of a window.</summary>
public sealed record SkillScenario
{
    /// <summary>Required: the service id.</summary>
    public int Service { get; set; } = ScenarioCompiler.NotGiven;

    /// <summary>An overflow skill: served only when no primary ticket waits, after the delay.</summary>
    public bool Overflow { get; set; }

    /// <summary>For overflow skills only (refused on a primary one): minutes a ticket must have waited first.</summary>
    public double OverflowDelayMinutes { get; set; }
}
