namespace QueueCore.Benchmarks.Baselines;

/// <summary>
/// A baseline's ticket: a small struct, so the user's queues allocate nothing per ticket (the stronger baseline).
/// Queue keys are (rank, serial): rank = issue time minus the head start, serial = arrival order.
/// </summary>
/// <param name="Serial">Arrival order, from 1; also the ticket's id.</param>
/// <param name="Service">The service item id.</param>
/// <param name="IssuedAt">When it was issued (ticks): overflow windows may take it once it has waited long enough.</param>
internal readonly record struct WaitingTicket(long Serial, int Service, long IssuedAt);
