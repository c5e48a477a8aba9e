namespace QueueCore.Simulation;

/// <summary>Where a simulated ticket stands, as the simulation saw it in the hall's events.</summary>
internal enum TicketPhase : byte
{
    Waiting,
    Called,
}
