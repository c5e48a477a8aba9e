namespace QueueCore.Simulation;

/// <summary>The fewest windows per one-hour slot found by simulation, with Erlang C's answer beside it.</summary>
/// <param name="SlotStarts">Each slot's start, hours from midnight.</param>
/// <param name="Windows">Windows open per slot found by simulation.</param>
/// <param name="ErlangC">Windows per slot Erlang C asks for (steady state per slot, each slot alone).</param>
/// <param name="WithinLimit">The simulated share within the limit per slot with <see cref="Windows"/>.</param>
/// <param name="Simulations">How many staffing variants were simulated.</param>
/// <param name="MetTarget">Whether the plan meets the target in every slot (false: the search hit its bound).</param>
public sealed record StaffingPlan(
    IReadOnlyList<double> SlotStarts, IReadOnlyList<int> Windows, IReadOnlyList<int> ErlangC, IReadOnlyList<Estimate> WithinLimit, int Simulations, bool MetTarget);
