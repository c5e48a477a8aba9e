namespace QueueCore;

/// <summary>What closing the hall day does with tickets still waiting.</summary>
public enum DayClosePolicy : byte
{
    /// <summary>Waiting and parked tickets are cancelled; tickets at windows may still be finished.</summary>
    CancelWaiting = 0,

    /// <summary>No new tickets; the windows go on serving the tickets already issued (extended service).</summary>
    ServeRemaining = 1,
}
