namespace QueueCore.Simulation;

/// <summary>One call as a replication saw it (for checks on the dispatch order).</summary>
/// <param name="Hall">The hall's index in the scenario.</param>
/// <param name="Ticket">The hall's ticket id.</param>
/// <param name="Class">The ticket's class id.</param>
/// <param name="Service">The item's service id.</param>
/// <param name="Issued">When the ticket was issued (ticks from midnight).</param>
/// <param name="WaitStart">When it began waiting for this item.</param>
/// <param name="Called">When it was called.</param>
/// <param name="Window">The window id.</param>
internal readonly record struct CallRecord(int Hall, long Ticket, string Class, int Service, long Issued, long WaitStart, long Called, int Window);
