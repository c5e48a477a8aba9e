using System.Runtime.InteropServices;

namespace QueueCore.Simulation;

/// <summary>What the simulation knows of one live ticket beside the hall's own record (48 bytes).</summary>
[StructLayout(LayoutKind.Auto)]
internal struct SimTicket
{
    /// <summary>The hall's ticket id (0: an empty slot of the map).</summary>
    public long Id;

    /// <summary>When it was issued (ticks from midnight).</summary>
    public long Arrival;

    /// <summary>When it started waiting for its current item.</summary>
    public long WaitStart;

    /// <summary>Seeds the handling times of its items (so two scenarios given the same seed see the same work).</summary>
    public ulong Seed;

    /// <summary>The index of its row in the hall's trace, or -1.</summary>
    public int Trace;

    /// <summary>The hall-local index of the current item's service.</summary>
    public short Service;

    /// <summary>The global class index.</summary>
    public byte Class;

    /// <summary>The index of the current item.</summary>
    public byte Item;

    /// <summary>How many calls of the current item its holder has missed (a traced item replays its recorded ones).</summary>
    public byte Missed;

    public TicketPhase Phase;

    /// <summary>The holder is absent: every call to them ends in a no-show.</summary>
    public bool Absent;

    /// <summary>The cancellation under way is the holder leaving (not the day closing).</summary>
    public bool Abandoning;

    /// <summary>Arrived after the warm-up, so it counts in the results.</summary>
    public bool Counted;
}
