using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace QueueCore.Grpc.Security;

/// <summary>
/// Refusals by authentication and role as gRPC statuses with a message that says what was wrong (Unauthenticated:
/// no or unknown key; PermissionDenied: the device's role does not belong on the service), instead of a bare
/// HTTP 401/403 that clients show as "HTTP status 403 Forbidden".
/// </summary>
public sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc/>
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !IsGrpc(context.Request))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var (status, message) = authorizeResult.Challenged
            ? (global::Grpc.Core.StatusCode.Unauthenticated,
                "Send the device's key as 'authorization: Bearer <key>' or 'x-api-key: <key>'; none was given, or it is not a known device's key.")
            : (global::Grpc.Core.StatusCode.PermissionDenied,
                $"Device '{context.User.DeviceId()}' (role {context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value}) may not call {context.Request.Path}.");

        // A trailers-only gRPC response: HTTP 200 with the status in the headers.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = context.Request.ContentType ?? "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Mapping.GrpcErrors.HeaderMessage(message);
        return Task.CompletedTask;
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
