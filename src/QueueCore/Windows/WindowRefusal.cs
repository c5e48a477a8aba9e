namespace QueueCore;

/// <summary>The refusals a window gives often (a clerk's double press, a call on an empty queue), whose messages
/// each window builds once per state and then reuses.</summary>
internal enum WindowRefusal
{
    NotOpen,
    HasTicket,
    NothingCalled,
    NotServing,
    NothingWaiting,
    NotPaused,
    AlreadyOpen,
    PauseClosed,
    Count,
}
