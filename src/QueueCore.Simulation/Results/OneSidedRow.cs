namespace QueueCore.Simulation;

/// <summary>A row of a what-if that only one of the two runs has (a service, a class of a service both have, or an
/// hour of the day only one of the scenarios lists): it is not compared, since the other run has nothing to set
/// against it.</summary>
/// <param name="Key">What the row covers.</param>
/// <param name="ServiceName">The service's name ("all services" for an hour's row).</param>
/// <param name="InA">Whether the first run has it (else the second).</param>
public sealed record OneSidedRow(ResultKey Key, string ServiceName, bool InA);
