using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Security;

/// <summary>
/// The <c>grpc.health.v1.Health/Watch</c> streams open at once, all clients together, at most
/// <see cref="ServerOptions.MaxHealthWatchStreams"/>. Health checking takes no key (load balancers and orchestrators
/// probe without one), so without a cap an anonymous client could hold any number of streams and exhaust the server's
/// memory; <c>Check</c>, a unary call, is not counted. grpc-dotnet's health service has no limit of its own (and its
/// type is internal), so this interceptor, one for the server, counts the calls by their method. It also words
/// <c>Check</c>'s refusal of an unknown service (see <see cref="UnaryServerHandler"/>).
/// </summary>
internal sealed class HealthWatchStreams(IOptions<ServerOptions> options) : Interceptor
{
    /// <summary>The full method name of the health protocol's stream.</summary>
    private const string WatchMethod = "/grpc.health.v1.Health/Watch";

    /// <summary>The full method name of the health protocol's unary check.</summary>
    private const string CheckMethod = "/grpc.health.v1.Health/Check";

    /// <inheritdoc/>
    /// <remarks>
    /// Also gives <c>Check</c>'s NOT_FOUND for a service the server does not report a message: grpc-dotnet's health
    /// service answers it with an empty one, and an operator whose probe named a service wrongly read nothing. Every
    /// other unary call passes straight through (one comparison).
    /// </remarks>
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        string.Equals(context.Method, CheckMethod, StringComparison.Ordinal)
            ? CheckAsync(request, context, continuation)
            : continuation(request, context);

    private static async Task<TResponse> CheckAsync<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && e.Status.Detail.Length == 0 && request is global::Grpc.Health.V1.HealthCheckRequest check)
        {
            throw new RpcException(new Status(StatusCode.NotFound, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The server reports no health for service '{RequestFields.Clip(check.Service, RequestFields.MaxIdLength)}'; ask for '' (the server) or one of {string.Join(", ", QueueCoreServer.RoleServices)}.")));
        }
    }

    private readonly StreamCap _cap = new(options.Value.MaxHealthWatchStreams, Refusal(options.Value.MaxHealthWatchStreams));

    private static string Refusal(int max) =>
        $"The server already holds {max} health watch streams, its limit ({QueueCoreServer.Section}:MaxHealthWatchStreams): close one first, poll with Check instead, or raise the limit.";

    /// <inheritdoc/>
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        string.Equals(context.Method, WatchMethod, StringComparison.Ordinal)
            ? WatchAsync(request, responseStream, context, continuation)
            : continuation(request, responseStream, context); // the roles' streams: counted per device (DeviceStreams)

    private async Task WatchAsync<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        _cap.Enter();
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        finally
        {
            _cap.Exit();
        }
    }
}
