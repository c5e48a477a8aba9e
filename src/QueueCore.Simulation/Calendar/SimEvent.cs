using System.Runtime.InteropServices;

namespace QueueCore.Simulation;

/// <summary>One pending event of the calendar: a small value, so the calendar allocates nothing per event.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct SimEvent
{
    /// <summary>Virtual time in ticks from the simulated day's midnight.</summary>
    public long Time;

    /// <summary>Insertion order: ties in time run in the order they were scheduled (deterministic).</summary>
    public long Order;

    /// <summary>The ticket concerned, or the span index for window events.</summary>
    public long Ticket;

    public int Hall;

    public int Target;

    public SimEventKind Kind;
}
