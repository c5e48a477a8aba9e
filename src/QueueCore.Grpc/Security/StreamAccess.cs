using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Security;

/// <summary>
/// An open stream's device, checked again whenever <c>QueueCoreServer:Devices</c> changes: a screen, terminal or
/// dashboard authenticated with a key that is then removed (a stolen tablet's key revoked) must not go on watching
/// the hall until it happens to reconnect. The stream calls <see cref="ThrowIfRevoked"/> each time it wakes (a change
/// or removal of any device wakes every stream of every hall, see <see cref="Feeds.HallFeed.WakeStreams"/>, and only
/// the streams of the devices changed find their identity gone and check their key again); it ends with
/// Unauthenticated when its key is no longer a device's, PermissionDenied when the device's role, halls or window no
/// longer allow what it watches.
/// </summary>
internal sealed class StreamAccess(DeviceKeys devices, ServerCallContext context, string hall, int window = 0)
{
    private long _checked = -1; // the devices' version last checked against (none yet)
    private ClaimsPrincipal? _identity; // the device identity the stream's key was last found to hold (null: its request's)

    /// <summary>Throws the status the stream ends with if its device may no longer hold it; cheap when nothing changed.</summary>
    /// <exception cref="RpcException">Unauthenticated (reason KeyRevoked) or PermissionDenied (reason ScopeChanged).</exception>
    public void ThrowIfRevoked()
    {
        var version = devices.Version;
        if (version == _checked)
        {
            return;
        }

        _checked = version;
        if (Refusal(devices.Current) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>The status the stream ends with under <paramref name="current"/>, or null when its device may still hold it.</summary>
    private RpcException? Refusal(DeviceRegistry current)
    {
        var http = context.GetHttpContext();
        var opened = http.User;
        if (current.Issued(_identity ?? opened))
        {
            return null; // an identity these devices gave (a reload keeps an unchanged device's): nothing changed for it
        }

        var id = opened.DeviceId();
        var key = ApiKeyAuthenticationHandler.ReadKey(http.Request.Headers);
        if ((key is null ? null : current.FindPrincipal(key)) is not { } now)
        {
            return GrpcErrors.Create(
                StatusCode.Unauthenticated,
                $"The key of device '{id}' was revoked (QueueCoreServer:Devices no longer holds it): this stream ends; reconnect with a valid key.",
                "KeyRevoked");
        }

        id = now.DeviceId(); // the key may now be another device's
        var roles = RequiredRoles(http);
        if (roles.Any(allowed => !allowed.Any(now.IsInRole)))
        {
            var role = now.FindFirst(ClaimTypes.Role)?.Value;
            return ScopeChanged($"Device '{id}' is now a {role}, which may not call {http.Request.Path}");
        }

        if (!now.MayUseHall(hall))
        {
            return ScopeChanged($"Device '{id}' may no longer act on hall '{hall}'");
        }

        if (window > 0 && now.BoundWindow() is > 0 and var bound && bound != window)
        {
            return ScopeChanged($"Device '{id}' is now bound to window {bound}, not window {window}");
        }

        _identity = now; // allowed as it is now: a later reload that leaves the device alone keeps this identity
        return null;
    }

    private static RpcException ScopeChanged(string what) => GrpcErrors.Create(
        StatusCode.PermissionDenied, $"{what}: the device's scope changed (QueueCoreServer:Devices), so this stream ends.", "ScopeChanged");

    /// <summary>The roles each [Authorize] on the stream's method and service asks for (one of each list).</summary>
    private static IEnumerable<string[]> RequiredRoles(HttpContext http) =>
        (http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [])
            .Where(a => !string.IsNullOrWhiteSpace(a.Roles))
            .Select(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
