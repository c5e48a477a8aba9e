using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Hosting;

namespace QueueCore.Grpc.Security;

/// <summary>
/// The server reflection streams open at once, all clients together, at most
/// <see cref="ServerOptions.MaxReflectionStreams"/>. Reflection takes no key (grpcurl and buf curl list the contracts
/// with it), and its one call is a stream that stays open until the client ends it: without a cap an anonymous client
/// could hold any number of them and exhaust the server's memory, as <see cref="HealthWatchStreams"/> prevents for
/// health's <c>Watch</c>. grpc-dotnet's reflection service has no limit of its own, so this interceptor, one for the
/// server, counts its calls by their method (v1 and v1alpha alike).
/// </summary>
internal sealed class ReflectionStreams(IOptions<ServerOptions> options) : Interceptor
{
    /// <summary>The start of both reflection protocols' method names (<c>grpc.reflection.v1</c> and <c>.v1alpha</c>).</summary>
    private const string ReflectionMethods = "/grpc.reflection.";

    private readonly StreamCap _cap = new(options.Value.MaxReflectionStreams, Refusal(options.Value.MaxReflectionStreams));

    private static string Refusal(int max) =>
        $"The server already holds {max} reflection streams, its limit ({QueueCoreServer.Section}:MaxReflectionStreams): end one first (a tool ends its own when done), or raise the limit.";

    /// <inheritdoc/>
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        context.Method.StartsWith(ReflectionMethods, StringComparison.Ordinal)
            ? ReflectAsync(requestStream, responseStream, context, continuation)
            : continuation(requestStream, responseStream, context);

    private async Task ReflectAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        _cap.Enter();
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        finally
        {
            _cap.Exit();
        }
    }
}
