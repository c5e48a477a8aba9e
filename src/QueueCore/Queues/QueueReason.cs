namespace QueueCore;

/// <summary>Why a waiting ticket stands where it does in a window's (or an item's) dispatch order.</summary>
public enum QueueReason
{
    /// <summary>Its standing (since it first waited, earlier by a resume head start it earned) is past the hall's
    /// maximum wait: it outranks every class (oldest standing first; equally old, the longer head start first). Only
    /// among the tickets the window may take now: an overdue ticket of an item the window takes as overflow, whose delay
    /// has not passed, is <see cref="OverflowLater"/>.</summary>
    Overdue = 0,

    /// <summary>It was transferred or returned to this window: the window takes it before its item queues.</summary>
    OwnQueue,

    /// <summary>It is of the class the window is dedicated to, which the window serves first.</summary>
    Dedicated,

    /// <summary>A normal ticket taken ahead of priority ones because the interleave rule owes normal calls.</summary>
    Interleave,

    /// <summary>Its item is a primary skill of the window; it ranks by standing (head start plus time waited).</summary>
    Primary,

    /// <summary>Its item is an overflow skill of the window and it has waited past the overflow delay.</summary>
    Overflow,

    /// <summary>Its item is an overflow skill of the window, but it has not yet waited the delay
    /// (see <see cref="QueuedTicket.EligibleAt"/>); nothing else waiting, it would be called then.</summary>
    OverflowLater,

    /// <summary>In an item's queue view: waiting for the item, by standing.</summary>
    Waiting,
}
