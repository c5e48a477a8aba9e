using Grpc.Core;
using Grpc.Core.Interceptors;
using QueueCore.Grpc.Security;

namespace QueueCore.Grpc.Mapping;

/// <summary>
/// The engine's control calls (snapshots, queue views, redefinitions) report trouble by exceptions; this gives each
/// its gRPC status and message instead of a bare Unknown.
/// </summary>
public sealed class EngineExceptionInterceptor(QueueEngine engine) : Interceptor
{
    /// <inheritdoc/>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, request, context) is { } status)
        {
            throw status;
        }
    }

    /// <inheritdoc/>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, request, context) is { } status)
        {
            throw status;
        }
    }

    private RpcException? Map(Exception e, object request, ServerCallContext context) => e switch
    {
        RpcException => null,
        // The engine's message names HallHandle.RestoreAsync; one isolated because its journal failed says what to do
        // in the operator's terms already.
        HallFaultedException faulted when e.Message.Contains(nameof(HallHandle.RestoreAsync), StringComparison.Ordinal) =>
            GrpcErrors.Create(StatusCode.Internal, ContractMessages.Faulted(faulted.HallId), nameof(QueueError.HallFaulted)),
        HallFaultedException => GrpcErrors.Create(StatusCode.Internal, e.Message, nameof(QueueError.HallFaulted)),
        ObjectDisposedException => GrpcErrors.Create(StatusCode.Unavailable, "The engine is shutting down.", nameof(QueueError.Unavailable)),
        OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
            GrpcErrors.Create(StatusCode.Cancelled, "The call was cancelled.", nameof(QueueError.Cancelled)),
        ArgumentException argument => GrpcErrors.InvalidArgument(ArgumentMessage.Of(argument)),
        // The hall was removed after the service found it (Admin.RemoveHall between the lookup and a snapshot or a queue
        // view): NotFound, as the lookup answers now, rather than FailedPrecondition "Hall 'x' was removed from the engine."
        InvalidOperationException when request is IHallScoped { Hall: var hall } && !engine.TryGetHall(hall, out _) => GrpcErrors.UnknownHall(hall),
        // Removed and added again with its id: the engine's message told the caller to use the new hall's handle
        // (QueueEngine.TryGetHall), which a client cannot; it sends the call again.
        HallRemovedException removed => GrpcErrors.Create(
            StatusCode.NotFound, ContractMessages.Removed(request is IHallScoped { Hall: var id } ? id : removed.HallId), nameof(QueueError.UnknownHall)),
        InvalidOperationException => GrpcErrors.Create(StatusCode.FailedPrecondition, e.Message, "InvalidOperation"),
        _ => null,
    };
}
