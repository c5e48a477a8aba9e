using System.Runtime.InteropServices;

namespace QueueCore.Simulation;

/// <summary>One pending event of the calendar: a 32-byte value (two to a cache line), so the calendar allocates nothing
/// per event and its heap stays compact.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct SimEvent
{
    /// <summary>Virtual time in ticks from the simulated day's midnight.</summary>
    public long Time;

    /// <summary>Insertion order: ties in time run in the order they were scheduled (deterministic).</summary>
    public long Order;

    /// <summary>The ticket concerned, or the span index for window events.</summary>
    public long Ticket;

    public int Target;

    public SimEventKind Kind;
}
