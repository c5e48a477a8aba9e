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

        var (status, message, reason) = authorizeResult.Challenged
            ? (global::Grpc.Core.StatusCode.Unauthenticated,
                "Send the device's key as 'authorization: Bearer <key>' or 'x-api-key: <key>'; none was given, or it is not a known device's key.",
                "Unauthenticated")
            : (global::Grpc.Core.StatusCode.PermissionDenied,
                $"Device '{context.User.DeviceId()}' (role {context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value}) may not call {context.Request.Path}.",
                "PermissionDenied");

        context.Response.ContentType = context.Request.ContentType ?? "application/grpc";
        Mapping.GrpcErrors.WriteTrailersOnly(context.Response, status, message, reason);
        return Task.CompletedTask;
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
