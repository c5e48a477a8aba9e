using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;

namespace QueueCore.Grpc.Services;

/// <summary>
/// An admin device's request ids across its roles. As a kiosk, a terminal or a pad its ids are the hall's (the hall
/// tells a retry from another of its commands); as an admin changing a definition they are the server's
/// (<see cref="AdminRequests"/>). Neither knew the other's, so an id a terminal call had used was carried out as a new
/// definition change, and the reverse. Before an admin device's hall command this asks <see cref="AdminRequests"/>
/// (another call with the id: AlreadyExists, reason RequestIdReused; a retry of the same call goes on to the hall, which
/// answers it as the first time), and tells it once the command succeeded. The Admin service's own calls do this
/// themselves. Other roles cannot change a definition: their calls pass straight through, taking no lock here.
/// </summary>
public sealed class AdminHallCommandIds(AdminRequests requests) : Interceptor
{
    private const string AdminService = "/queuecore.v1.Admin/";

    /// <inheritdoc/>
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        // Cheapest first: every kiosk's and terminal's call passes here, and only an admin device's goes past the role.
        if (context.Method.StartsWith(AdminService, StringComparison.Ordinal)
            || !context.GetHttpContext().User.IsInRole(DeviceRoles.Admin)
            || request is not IMessage message
            || message.Descriptor.FindFieldByName("request_id")?.Accessor.GetValue(message) is not string { Length: > 0 } field)
        {
            return continuation(request, context);
        }

        return OnceAsync(request, message, field, context, continuation);
    }

    private async Task<TResponse> OnceAsync<TRequest, TResponse>(
        TRequest request, IMessage message, string field, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var id = RequestFields.RequestId(field);
        var device = context.GetHttpContext().User.DeviceId();
        var method = Name(context.Method);
        requests.RefuseIfReused(device, id, method, message);
        var response = await continuation(request, context).ConfigureAwait(false);
        requests.RememberHallCommand(device, id, method, message);
        return response;
    }

    /// <summary>"Terminal.CallNext" for "/queuecore.v1.Terminal/CallNext": the Admin service's own names are bare ("PauseWindow").</summary>
    private static string Name(string method)
    {
        var service = method.LastIndexOf('.', method.LastIndexOf('/')) + 1;
        return method[service..].Replace('/', '.');
    }
}
