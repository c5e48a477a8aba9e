namespace QueueCore.Grpc.Mapping;

/// <summary>
/// The engine's queue views, for a window or a service item the caller has checked the hall has: an admin may remove it
/// between that check and the view (RedefineHall), and the engine's refusal (an ArgumentException naming the parameter)
/// is then the NotFound the check would have given, not InvalidArgument.
/// </summary>
internal static class QueueViews
{
    /// <summary>A page of the queue <paramref name="window"/> would call; NotFound when the hall has no such window.</summary>
    public static async Task<QueueView> WindowQueueAsync(this HallHandle hall, int window, int offset, int count, CancellationToken token)
    {
        try
        {
            return await hall.GetWindowQueueAsync(window, offset, count, token).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (e.ParamName == nameof(window))
        {
            throw GrpcErrors.UnknownWindow(hall.Id, window);
        }
    }

    /// <summary>A page of <paramref name="service"/>'s queue; NotFound when the hall has no such service item.</summary>
    public static async Task<QueueView> ServiceQueueAsync(this HallHandle hall, int service, int offset, int count, CancellationToken token)
    {
        try
        {
            return await hall.GetServiceQueueAsync(service, offset, count, token).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (e.ParamName == nameof(service))
        {
            throw GrpcErrors.UnknownService(hall.Id, service);
        }
    }
}
