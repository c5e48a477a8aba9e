using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One ticket's state, stored by value in the hall's ticket table (no object per ticket). Services are dense
/// indices; times are UTC ticks.
/// </summary>
/// <remarks>
/// No references, so the declared (sequential) layout holds: the fields every queue walk and dispatch touches come
/// first and share one cache line; the rest is read when the ticket itself changes.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct TicketRecord
{
    // --- hot: queue walks, dispatch, lookups ---

    /// <summary>Rank key: issue time minus head start (and minus resume bonuses). Smaller is called first.</summary>
    public long Rank;

    /// <summary>Issue serial (hall lifetime, from 1): arrival order, the final tie-break.</summary>
    public long Serial;

    /// <summary>Public id: serial &lt;&lt; <see cref="TicketTable.SlotBits"/> | slot. 0 when the slot is free.</summary>
    public long Id;

    /// <summary>Intrusive queue links and the list it is in (-1: not queued).</summary>
    public int Prev, Next, List;

    /// <summary>The current item (dense).</summary>
    public int Service;

    /// <summary>The window it is called to or served at, or the window that parked it (dense), or -1.</summary>
    public int Window;

    public TicketState State;
    public byte Class;
    public byte ItemIndex;
    public byte Recalls;
    public byte NoShows;
    public bool Rated;

    /// <summary>The category whose prefix and sequence numbered the ticket (dense).</summary>
    public short Category;

    // --- warm: read when the ticket itself changes ---

    /// <summary>The number within the category and day (A023 is 23).</summary>
    public int NumberSequence;

    /// <summary>The window whose last finished service may be rated (dense), or -1.</summary>
    public int RatableWindow;

    /// <summary>Links in its class's hall-wide queue (tickets in item queues only), or -1.</summary>
    public int ClassPrev, ClassNext, ClassList;

    /// <summary>Links in a watch list (waiting with a wait limit not yet passed, or parked), or -1.</summary>
    public int WatchPrev, WatchNext, Watch;

    /// <summary>Bumped on every state change.</summary>
    public int Version;

    public long IssuedAt, EnqueuedAt, CalledAt, ServingAt;

    /// <summary>The items (dense service indices) in handling order.</summary>
    public ServiceItemList Items;
}
