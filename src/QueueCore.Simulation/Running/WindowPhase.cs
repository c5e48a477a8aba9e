namespace QueueCore.Simulation;

/// <summary>A simulated window's state.</summary>
internal enum WindowPhase : byte
{
    Closed,
    Open,
    Paused,
}
