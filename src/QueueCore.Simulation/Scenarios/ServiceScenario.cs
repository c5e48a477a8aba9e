namespace QueueCore.Simulation;

/// <summary>A service item of a hall with its demand: arrival rates, handling time, class mix and behaviour.</summary>
public sealed record ServiceScenario
{
    /// <summary>Required: the item's id, 0 to 999999 (unique in the hall; the same id in several halls is the same service in results).</summary>
    public int Id { get; set; } = ScenarioCompiler.NotGiven;

    /// <summary>A display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Poisson arrivals per hour for each time slot from the day start. Empty: none (e.g. with a trace, or an item
    /// that only comes as an extra item of other services' tickets); without a trace the run notes it
    /// (<see cref="SimulationResult.Notices"/>).</summary>
    public IReadOnlyList<double> ArrivalsPerHour { get; set; } = [];

    /// <summary>The handling-time distribution of one item.</summary>
    public DistributionScenario? Handling { get; set; }

    /// <summary>The wait limit in minutes; null: the scenario's.</summary>
    public double? WaitLimitMinutes { get; set; }

    /// <summary>Share of arrivals per priority class id (e.g. { "elderly": 0.12 }); the rest are normal. Not used by a
    /// traced hall (the trace gives each arrival's class), which notes it.</summary>
    public IReadOnlyDictionary<string, double> ClassMix { get; set; } = new Dictionary<string, double>();

    /// <summary>Share of arrivals holding an appointment who check in on time (the hall gives them its
    /// appointment class). Not used by a traced hall, which notes it.</summary>
    public double AppointmentShare { get; set; }

    /// <summary>Tickets carrying more items than this one ("one visit"). Null: single-item tickets only. Not used by a
    /// traced hall (the trace gives each ticket's items), which notes it.</summary>
    public MultiItemScenario? MultiItem { get; set; }

    /// <summary>Share of tickets whose holder is absent when called (recalled, then marked a no-show). Not used by a
    /// traced hall (the trace says who did not come), which notes it.</summary>
    public double NoShowShare { get; set; }

    /// <summary>The most tickets the hall issues for this service in the day (the engine's
    /// <see cref="ServiceItem.DailyCap"/>); later arrivals are refused. Null: no cap.</summary>
    public int? DailyCap { get; set; }

    /// <summary>When the hall issues tickets for this service ("H:mm" spans within a day, to "24:00" at most; the engine's
    /// <see cref="ServiceItem.IssuingHours"/>); arrivals outside them are refused. Empty: whenever the hall is open.</summary>
    public IReadOnlyList<TimeRangeScenario> IssuingHours { get; set; } = [];

    /// <summary>How long a citizen waits before leaving if not yet called; a traced hall's citizens too (by their first
    /// item's service), except those the trace says left, who leave when they did. Null: everyone waits.</summary>
    public DistributionScenario? Patience { get; set; }
}
