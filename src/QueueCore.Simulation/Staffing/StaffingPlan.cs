namespace QueueCore.Simulation;

/// <summary>The fewest windows per slot (the clock hours of the day, the first and last possibly partial) of one hall
/// (<see cref="Hall"/>) found by simulation, with Erlang C's answer beside it.</summary>
/// <param name="SlotStarts">Each slot's start, hours from midnight (e.g. 8.5 for 08:30).</param>
/// <param name="SlotEnds">Each slot's end, hours from midnight: the next clock hour, or the end of the arrivals.</param>
/// <param name="Windows">Windows open per slot found by simulation.</param>
/// <param name="ErlangC">Windows per slot Erlang C asks for (steady state per slot, each slot alone), offered the
/// slot's tickets with each ticket's expected handling time summed over its items (extra items included), absent
/// citizens' recalls instead of their handling, and without the citizens expected to leave before their call
/// (<see cref="StaffingSearch"/> says what it still ignores).</param>
/// <param name="WithinLimit">The simulated share within the limit of the waits that began in each slot, with
/// <see cref="Windows"/>: of all replications' waits pooled, ± the interval of the replications' own shares; NaN for a
/// slot without waits (no arrivals then).</param>
/// <param name="Simulations">How many staffing variants were simulated.</param>
/// <param name="MetTarget">Whether the plan meets the target in every slot, judged on each slot's lower 95% bound
/// (<see cref="LowerBounds"/>; false: the search hit its bound, or a slot has too few waits to be sure).</param>
public sealed record StaffingPlan(
    IReadOnlyList<double> SlotStarts, IReadOnlyList<double> SlotEnds, IReadOnlyList<int> Windows, IReadOnlyList<int> ErlangC,
    IReadOnlyList<Estimate> WithinLimit, int Simulations, bool MetTarget)
{
    /// <summary>The id of the hall planned (<see cref="StaffingSearch.RunEachHall"/> gives one plan per hall).</summary>
    public string Hall { get; init; } = "";

    /// <summary>When the last slot's windows close, hours from midnight: an hour after the arrivals end (the last
    /// slot's end), so they serve the citizens still waiting then. The plan was simulated so, and holds only when
    /// staffed so: windows that close with the last arrival leave those citizens unserved.</summary>
    public double LastWindowsUntil { get; init; }

    /// <summary>Per slot, whether its count is known to be the fewest: one window fewer there was simulated and missed
    /// the target (or the slot has at most one window). False where the search reached its bound of simulations before
    /// trying: that slot may need fewer windows than <see cref="Windows"/> says.</summary>
    public IReadOnlyList<bool> Fewest { get; init; } = [];

    /// <summary>What the simulation of the plan's staffing noted about the scenario (<see cref="SimulationResult.Notices"/>),
    /// e.g. a service without arrival rates, which the plan then staffs no window for.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Per slot, the lower 95% bound on its share within the limit that the slot was judged on (the target is
    /// met where it reaches <see cref="StaffingTarget.Share"/>; 1 for a slot without waits): see <see cref="StaffingSearch"/>.</summary>
    public IReadOnlyList<double> LowerBounds { get; init; } = [];

    /// <summary>Per slot, the waits judged against the limit over all replications (served, abandoned or left
    /// unserved at closing): what <see cref="LowerBounds"/> rests on.</summary>
    public IReadOnlyList<long> Waits { get; init; } = [];
}
