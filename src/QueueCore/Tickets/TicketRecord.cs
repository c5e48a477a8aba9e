using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One ticket's state, stored by value in the hall's ticket table (no object per ticket). Services, windows and
/// categories are dense indices; times are UTC ticks.
/// </summary>
/// <remarks>
/// No references, so the declared (sequential) layout holds: the first 64 bytes are everything a queue walk,
/// a dispatch decision or an event reads, so those touch one cache line per ticket; the rest is read when the ticket
/// itself changes. A result reads one warm field, <see cref="IssuedAt"/> (once per command, and most commands that
/// describe a ticket have just written that line: an issue, a call, a start, a finish).
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct TicketRecord
{
    // --- hot (64 bytes): queue walks, dispatch, results, events ---

    /// <summary>Rank key: issue time minus head start (and minus resume bonuses). Smaller is called first.</summary>
    public long Rank;

    /// <summary>Public id: serial &lt;&lt; <see cref="TicketTable.SlotBits"/> | slot. 0 when the slot is free.</summary>
    public long Id;

    /// <summary>Links in its item's (or a window's) queue and the list it is in (-1: not queued).</summary>
    public int Prev, Next, List;

    /// <summary>Links in its class's hall-wide queue (tickets in item queues only), or -1.</summary>
    public int ClassPrev, ClassNext;

    /// <summary>
    /// Links in its (category, class) queue, or -1: kept only for the categories some window's tier serves whole
    /// (<see cref="ServiceRecord.CategoryQueue"/>), so that tier reads one queue head instead of a tournament.
    /// </summary>
    public int CategoryPrev, CategoryNext;

    /// <summary>The current item (dense).</summary>
    public int Service;

    /// <summary>
    /// The window it is called to or served at, or the window that parked it, or for a dropped no-show the window that
    /// called it (dense), or -1.
    /// </summary>
    public int Window;

    /// <summary>The number within the category and day (A023 is 23).</summary>
    public int NumberSequence;

    /// <summary>The printed number's prefix (its text-table number) and width, copied from the category at issue so
    /// results and events print the number from this line alone.</summary>
    public ushort NumberPrefix;
    public byte NumberWidth;

    public TicketState State;
    public byte Class;
    public byte ItemIndex;
    public byte Recalls;
    public byte NoShows;

    /// <summary>Issue serial (hall lifetime, from 1): arrival order, the final tie-break. Kept in <see cref="Id"/>'s
    /// upper bits rather than a field of its own, which leaves the hot line room for the category links.</summary>
    public readonly long Serial => Id >> TicketTable.SlotBits;

    // --- warm: read when the ticket itself changes (the whole record is 128 bytes) ---

    public long IssuedAt;

    /// <summary>
    /// Since when the ticket is where it is (ticks): when it joined its queue (waiting), was parked (parked), or was last
    /// called or recalled (called and serving, and kept once it leaves the window completed or a no-show): a call takes
    /// the ticket out of its queue, so the field is free to say when it was called, which a screen rebuilt after a
    /// restart shows. No figure reads it then (a wait is counted at the call, a handling time from ServingAt).
    /// </summary>
    public long EnqueuedAt;

    public long ServingAt;

    /// <summary>When a parked ticket comes back by itself (ticks; long.MaxValue: only by hand).</summary>
    public long ParkDue;

    /// <summary>Links in a watch list (waiting with a wait limit not yet passed, or parked), or -1.</summary>
    public int WatchPrev, WatchNext;

    /// <summary>The items (dense service indices) in handling order.</summary>
    public TicketItems Items;

    /// <summary>
    /// The window whose last finished service may be rated (dense), -1 for none, or <see cref="RatableAtRemovedWindow"/>.
    /// </summary>
    public short RatableWindow;

    /// <summary>The category whose prefix and sequence numbered the ticket (dense).</summary>
    public short Category;

    /// <summary>The watch list the ticket is in, or -1.</summary>
    public short Watch;

    /// <summary>The yes/no fields below, one bit each.</summary>
    public TicketMarks Marks;

    /// <summary>
    /// <see cref="RatableWindow"/> of a ticket whose last finished service was at a window removed since: the hall may
    /// still rate it (into its day's figures), no window's pad can.
    /// </summary>
    public const short RatableAtRemovedWindow = -2;

    /// <summary>The last finished service was rated.</summary>
    public bool Rated
    {
        readonly get => Has(TicketMarks.Rated);
        set => Set(TicketMarks.Rated, value);
    }

    /// <summary>The ticket's wait-limit alert for its current item was raised (once per ticket and item).</summary>
    public bool WaitAlerted
    {
        readonly get => Has(TicketMarks.WaitAlerted);
        set => Set(TicketMarks.WaitAlerted, value);
    }

    /// <summary>
    /// Its current call came from the calling window's own queue (it was transferred or returned to that window), so a
    /// no-show re-queues it there. Set at every call; read only while called.
    /// </summary>
    public bool CalledFromWindowQueue
    {
        readonly get => Has(TicketMarks.CalledFromWindowQueue);
        set => Set(TicketMarks.CalledFromWindowQueue, value);
    }

    private readonly bool Has(TicketMarks mark) => (Marks & mark) != 0;

    private void Set(TicketMarks mark, bool value) => Marks = value ? Marks | mark : Marks & ~mark;
}
