namespace QueueCore.Grpc.Mapping;

/// <summary>Estimated waits for lists of services and halls, by the hall's own rule.</summary>
public static class Estimates
{
    /// <summary>
    /// The wait a ticket taken now would have, as the hall estimates an issued ticket's wait: the wait for one of the
    /// open windows that serve the item as primary to free up (<see cref="ServiceQueueSnapshot.UntilWindowFree"/>: 0 while
    /// one is idle), then the tickets in the item's queue (<see cref="ServiceQueueSnapshot.InLine"/>: not those sent to a
    /// window's own queue, which a new ticket's position does not count either) shared over those windows (one assumed
    /// when none is open), each taking the item's moving-average handling time; never less than the overflow delay of
    /// the open windows that take the item only as overflow (<see cref="ServiceQueueSnapshot.OverflowDelay"/>), before
    /// which none of them calls it.
    /// </summary>
    public static TimeSpan Wait(ServiceQueueSnapshot service)
    {
        var wait = service.UntilWindowFree + (service.AverageHandlingTime * service.InLine / Math.Max(1, service.OpenWindows));
        return wait > service.OverflowDelay ? wait : service.OverflowDelay;
    }
}
