namespace QueueCore.Grpc.Mapping;

/// <summary>Estimated waits for lists of services and halls, by the hall's own rule.</summary>
public static class Estimates
{
    /// <summary>
    /// The wait a ticket taken now would have: the tickets waiting shared over the open windows that serve the item
    /// as primary (one assumed when none is open), each taking the item's moving-average handling time, as the hall
    /// estimates an issued ticket's wait.
    /// </summary>
    public static TimeSpan Wait(ServiceQueueSnapshot service) =>
        service.AverageHandlingTime * service.Waiting / Math.Max(1, service.OpenWindows);
}
