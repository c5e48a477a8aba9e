namespace QueueCore.Simulation;

/// <summary>A window (or <see cref="Count"/> identical windows with consecutive ids) with skills and hours.</summary>
public sealed record WindowScenario
{
    /// <summary>The window's number, 1 to 999999 (the first of the group; the group's last must be 999999 at most).</summary>
    public int Id { get; set; }

    /// <summary>How many identical windows, numbered from <see cref="Id"/>. Default 1.</summary>
    public int Count { get; set; } = 1;

    /// <summary>Serves every item of the hall as primary.</summary>
    public bool Comprehensive { get; set; }

    /// <summary>Skills (service ids), primary or overflow.</summary>
    public IReadOnlyList<SkillScenario> Skills { get; set; } = [];

    /// <summary>A class the window is dedicated to, or null.</summary>
    public string? DedicatedClass { get; set; }

    /// <summary>When the window is staffed ("H:mm" spans); breaks are cut out of them.</summary>
    public IReadOnlyList<TimeRangeScenario> Shifts { get; set; } = [];

    /// <summary>Breaks (e.g. lunch) inside the shifts: the clerk finishes the current ticket and pauses.</summary>
    public IReadOnlyList<TimeRangeScenario> Breaks { get; set; } = [];
}
