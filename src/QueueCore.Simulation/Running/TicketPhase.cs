namespace QueueCore.Simulation;

/// <summary>Where a simulated ticket stands, as the simulation saw it in the hall's events.</summary>
internal enum TicketPhase : byte
{
    Waiting,
    Called,

    /// <summary>Called, and cancelled at the window by its clerk as the traced day was (counted served at its call).</summary>
    SentOff,
}
