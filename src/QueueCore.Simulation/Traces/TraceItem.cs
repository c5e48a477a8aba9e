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
}
