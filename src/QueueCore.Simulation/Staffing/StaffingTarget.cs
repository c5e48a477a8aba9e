namespace QueueCore.Simulation;

/// <summary>A service-level target: <see cref="Share"/> of citizens called within <see cref="WaitLimit"/>, in every
/// hour (<see cref="StaffingSearch"/> says how a slot is judged).</summary>
/// <param name="Share">The share to reach (0 to 1, e.g. 0.9).</param>
/// <param name="WaitLimit">The wait limit (e.g. 15 minutes).</param>
public sealed record StaffingTarget(double Share, TimeSpan WaitLimit);
