using System.Security.Claims;

namespace QueueCore.Grpc.Security;

/// <summary>The claims a device's identity carries, and reading them back.</summary>
public static class DeviceClaims
{
    /// <summary>A hall the device may act on (one claim per hall; "*" for all).</summary>
    public const string Hall = "queuecore:hall";

    /// <summary>The window a terminal or evaluator pad is bound to (absent: any).</summary>
    public const string Window = "queuecore:window";

    /// <summary>Whether the caller may act on <paramref name="hall"/>.</summary>
    public static bool MayUseHall(this ClaimsPrincipal user, string hall)
    {
        foreach (var claim in user.FindAll(Hall))
        {
            if (claim.Value == "*" || string.Equals(claim.Value, hall, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The window the caller is bound to, or 0 when it may use any window of its halls.</summary>
    public static int BoundWindow(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(Window)?.Value, out var window) ? window : 0;

    /// <summary>The caller's device id (for logs, rate limiting and the scope of its request ids).</summary>
    public static string DeviceId(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
