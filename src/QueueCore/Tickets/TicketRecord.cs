using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One ticket's state, stored by value in the hall's ticket table (no object per ticket). Services are dense
/// indices; times are UTC ticks.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct TicketRecord
{
    /// <summary>Public id: serial &lt;&lt; <see cref="TicketTable.SlotBits"/> | slot. 0 when the slot is free.</summary>
    public long Id;

    /// <summary>Issue serial (hall lifetime, from 1): arrival order, the final tie-break.</summary>
    public long Serial;

    public TicketNumber Number;
    public TicketState State;
    public byte Class;
    public byte ItemIndex;
    public byte Recalls;
    public byte NoShows;
    public bool Rated;

    /// <summary>The items (dense service indices) in handling order.</summary>
    public ServiceItemList Items;

    /// <summary>The current item (dense).</summary>
    public int Service;

    /// <summary>Intrusive queue links and the list it is in (-1: not queued).</summary>
    public int Prev, Next, List;

    /// <summary>Links in a watch list (waiting with a wait limit not yet passed, or parked), or -1.</summary>
    public int WatchPrev, WatchNext, Watch;

    /// <summary>The window it is called to or served at, or the window that parked it (dense), or -1.</summary>
    public int Window;

    /// <summary>The window whose last finished service may be rated (dense), or -1.</summary>
    public int RatableWindow;

    /// <summary>Rank key: issue time minus head start (and minus resume bonuses). Smaller is called first.</summary>
    public long Rank;

    public long IssuedAt, EnqueuedAt, CalledAt, ServingAt;

    /// <summary>Bumped on every state change, so stale timers recognise themselves.</summary>
    public int Version;

    public string? Appointment;
}
