namespace QueueCore.Simulation;

/// <summary>One hall of a scenario: its services (with their demand), windows and priority policy.</summary>
public sealed record HallScenario
{
    /// <summary>The hall's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Priority classes and policy. Null: the engine's defaults.</summary>
    public PriorityScenario? Priority { get; set; }

    /// <summary>How an arriving ticket picks among idle windows, as <see cref="QueueCore.WindowSelection"/>: "LongestIdle"
    /// (default), "FewestServed", "FixedOrder", "LeastBusy" or "RoundRobin".</summary>
    public string WindowSelection { get; set; } = "LongestIdle";

    /// <summary>What the hall does with a no-show (re-queue places back, how many before it is dropped). Null: the
    /// engine's defaults (3 places back, dropped at the second).</summary>
    public NoShowScenario? NoShow { get; set; }

    /// <summary>The services and their demand.</summary>
    public IReadOnlyList<ServiceScenario> Services { get; set; } = [];

    /// <summary>The windows, their skills and hours.</summary>
    public IReadOnlyList<WindowScenario> Windows { get; set; } = [];

    /// <summary>A day trace (CSV, see <see cref="DayTrace"/>), relative to the scenario file, whose arrivals and
    /// handling times replace the services' Poisson arrivals. Null: none. Its tickets before <see cref="Scenario.DayStart"/>
    /// are replayed but not counted, as warm-up, and the result says so (<see cref="SimulationResult.Notices"/>). Its
    /// citizens take the services' <see cref="ServiceScenario.Patience"/>; the trace gives their class, appointment,
    /// items and absence, so the services' class mix, appointment share, multi-item tickets and no-show share are not
    /// used (the result notes each one set). Tickets still waiting at the day's close (<see cref="TraceOutcome.WaitingAtClose"/>)
    /// are replayed as demand: served if a window calls them before the replay's close, never counted as no-shows.</summary>
    public string? Trace { get; set; }
}
