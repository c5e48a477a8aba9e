namespace QueueCore.Grpc.Mapping;

/// <summary>Estimated waits for lists of services and halls, by the hall's own rule.</summary>
public static class Estimates
{
    /// <summary>
    /// The wait a ticket taken now would have, as the hall estimates an issued ticket's wait: the wait for one of the
    /// open windows that serve the item as primary to free up (<see cref="ServiceQueueSnapshot.UntilWindowFree"/>: 0 while
    /// one is idle), then the tickets waiting shared over those windows (one assumed when none is open), each taking the
    /// item's moving-average handling time.
    /// </summary>
    public static TimeSpan Wait(ServiceQueueSnapshot service) =>
        service.UntilWindowFree + (service.AverageHandlingTime * service.Waiting / Math.Max(1, service.OpenWindows));
}
