namespace QueueCore.Simulation;

/// <summary>One service of one hall, compiled: demand per tick, distributions and behaviour shares.</summary>
internal sealed class ServicePlan
{
    public required int Id { get; init; }

    /// <summary>The service's index in the scenario's result cells (the same id in several halls shares it).</summary>
    public required int Global { get; init; }

    /// <summary>Arrival rate per tick in each slot, from <see cref="SimulationPlan.SlotStart"/>.</summary>
    public required double[] RatePerTick { get; init; }

    public required Distribution? Handling { get; init; }

    public required Distribution? Patience { get; init; }

    /// <summary>Cumulative shares of the explicit classes (ascending, last at most 1).</summary>
    public required double[] ClassCumulative { get; init; }

    /// <summary>The class ids for <see cref="ClassCumulative"/>, as the hall knows them.</summary>
    public required string[] ClassIds { get; init; }

    /// <summary>The global class indices for <see cref="ClassCumulative"/>.</summary>
    public required int[] ClassGlobal { get; init; }

    public required double AppointmentShare { get; init; }

    public required double MultiShare { get; init; }

    public required int[] MultiItems { get; init; }

    public required int MaxExtra { get; init; }

    public required double NoShowShare { get; init; }

    public required long WaitLimitTicks { get; init; }

    /// <summary>
    /// The single-item issue of each class of <see cref="ClassIds"/>, then of the normal class (no class given): built
    /// on first use (replications that race to it build equal arrays), so an arrival passes a ready command by
    /// reference instead of building and copying a 100-byte one.
    /// </summary>
    public HallCommand[] SingleItemIssues => field ??= [
        .. ClassIds.Select(c => HallCommand.IssueTicket(new ServiceItemList(Id), priorityClass: c)),
        HallCommand.IssueTicket(new ServiceItemList(Id)),
    ];
}
