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

    /// <summary>The window's id (kept here: the window's figures and id sit on the line the clerk's events touch).</summary>
    public int Id;

    /// <summary>Ticks calling or serving, and open, so far.</summary>
    public long BusyTicks, OpenTicks;

    /// <summary>Items served.</summary>
    public int Served;

    public WindowPhase Phase;

    /// <summary>The clerk's span ended while busy: pause (or close, after the last span) after this ticket.</summary>
    public WindowPhase StopTo;
}
