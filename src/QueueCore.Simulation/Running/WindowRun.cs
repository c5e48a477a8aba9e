using System.Runtime.InteropServices;

namespace QueueCore.Simulation;

/// <summary>A window as the simulation's clerk sees it.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct WindowRun
{
    /// <summary>The ticket at the window (called or being served), or 0.</summary>
    public long Ticket;

    /// <summary>When the ticket was called (busy from then).</summary>
    public long CallAt;

    /// <summary>When the window last opened or resumed.</summary>
    public long OpenSince;

    /// <summary>The window's index in the replication's window figures.</summary>
    public int Global;

    public WindowPhase Phase;

    /// <summary>The clerk's span ended while busy: pause (or close, after the last span) after this ticket.</summary>
    public WindowPhase StopTo;
}
