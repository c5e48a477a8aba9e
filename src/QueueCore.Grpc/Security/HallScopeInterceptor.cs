using Grpc.Core;
using Grpc.Core.Interceptors;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Security;

/// <summary>
/// Refuses a request for a hall (or window) the calling device is not scoped to, before any service code runs:
/// a kiosk of one hall cannot issue in another, a terminal cannot drive another window. Roles are checked before
/// this, by the services' <c>[Authorize]</c> attributes.
/// </summary>
public sealed class HallScopeInterceptor : Interceptor
{
    /// <inheritdoc/>
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, context);
    }

    /// <inheritdoc/>
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, responseStream, context);
    }

    /// <summary>The reason (google.rpc.ErrorInfo) of a refusal for a hall or window outside the device's scope.</summary>
    private const string PermissionDenied = nameof(StatusCode.PermissionDenied);

    private static void Check(object? request, ServerCallContext context)
    {
        if (request is not IHallScoped scoped)
        {
            return;
        }

        var user = context.GetHttpContext().User;
        if (string.IsNullOrEmpty(scoped.Hall))
        {
            throw GrpcErrors.InvalidArgument("hall is required.");
        }

        RequestFields.Id(scoped.Hall, "hall"); // before any message names it
        RequestFields.HallInRequest(scoped.Hall);

        if (!user.MayUseHall(scoped.Hall))
        {
            throw GrpcErrors.Create(
                StatusCode.PermissionDenied, $"Device '{user.DeviceId()}' is not allowed to act on hall '{scoped.Hall}'.", PermissionDenied);
        }

        // A window left unset (0) is not another window: the service refuses it as a missing field, for every device.
        if (scoped is IWindowScoped windowed && user.BoundWindow() is > 0 and var bound && windowed.Window > 0 && windowed.Window != bound)
        {
            throw GrpcErrors.Create(
                StatusCode.PermissionDenied,
                $"Device '{user.DeviceId()}' is bound to window {bound} and may not act on window {windowed.Window}.",
                PermissionDenied);
        }
    }
}
