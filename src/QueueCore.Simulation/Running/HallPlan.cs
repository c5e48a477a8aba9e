namespace QueueCore.Simulation;

/// <summary>One hall, compiled: its definition for the real <see cref="Hall"/>, services, windows and trace.</summary>
internal sealed class HallPlan
{
    public required int Index { get; init; }

    public required HallDefinition Definition { get; init; }

    public required ServicePlan[] Services { get; init; }

    public required WindowPlan[] Windows { get; init; }

    /// <summary>Dense window index by window id (-1: none).</summary>
    public required int[] WindowIndexById { get; init; }

    /// <summary>The hall-local service index by service id (-1: none).</summary>
    public required int[] ServiceIndexById { get; init; }

    /// <summary>Global class index by class id.</summary>
    public required Dictionary<string, int> ClassGlobal { get; init; }

    public required int NormalClass { get; init; }

    public required int AppointmentClass { get; init; }

    public TraceTicket[]? Trace { get; init; }

    /// <summary>When the last window closes: the day closes then (tickets still waiting are cancelled).</summary>
    public required long DayEnd { get; init; }
}
