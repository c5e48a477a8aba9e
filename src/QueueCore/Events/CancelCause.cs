namespace QueueCore;

/// <summary>Why a ticket was cancelled (the <see cref="HallEvent.Value"/> of a <see cref="HallEventKind.Cancelled"/> event).</summary>
public enum CancelCause
{
    /// <summary>By request of the citizen or the clerk (the reason text is in the command).</summary>
    Requested = 0,

    /// <summary>The hall day was closed with <see cref="DayClosePolicy.CancelWaiting"/> while the ticket waited or was parked.</summary>
    DayClosed = 1,

    /// <summary>The ticket's item finished after the day was closed: its remaining items cannot wait again.</summary>
    DayClosedBeforeNextItem = 2,
}
