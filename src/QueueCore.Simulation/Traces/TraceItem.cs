namespace QueueCore.Simulation;

/// <summary>One service item of a traced ticket: what it was for, how long it took, and where.</summary>
/// <param name="Service">The service item id.</param>
/// <param name="HandlingTime">How long the window handled it; null when it was never served that day (see
/// <see cref="Outcome"/>): a no-show is replayed as one; if a later item of the ticket was served, the ticket goes on to
/// its next item after the call.</param>
/// <param name="Window">The window that served it in the real day, or null.</param>
public sealed record TraceItem(int Service, TimeSpan? HandlingTime, int? Window)
{
    /// <summary>How the item ended that day (the <c>outcome</c> column). When a trace does not give it: served with a
    /// handling time, else left when the ticket has a <see cref="TraceTicket.Left"/>, else a no-show.</summary>
    public TraceOutcome Outcome { get; init; } = HandlingTime is null ? TraceOutcome.NoShow : TraceOutcome.Served;

    /// <summary>The window time of each call of this item its holder missed, in order (the <c>recall_seconds</c>
    /// column): from the call, through its recalls, to the no-show. A replay calls the holder this many times in vain,
    /// each for as long, before the item goes as <see cref="Outcome"/> says (a re-queued no-show later served is called,
    /// recalled and re-queued first, as that day); past them, an absent holder is recalled for the scenario's
    /// <c>recallSeconds</c>. Empty: none recorded.</summary>
    public IReadOnlyList<TimeSpan> RecallTimes { get; init; } = [];
}
