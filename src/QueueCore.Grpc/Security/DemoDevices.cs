using System.Security.Cryptography;

namespace QueueCore.Grpc.Security;

/// <summary>
/// With no devices configured, one device per role with a key generated at start (valid for this run only and
/// printed in the log), so the demo can be tried at once without a key ever sitting in a file.
/// </summary>
public static class DemoDevices
{
    /// <summary>A device per role, for every hall, with fresh random keys.</summary>
    public static IReadOnlyList<DeviceCredential> Create() =>
        [.. DeviceRoles.All.Select(role => new DeviceCredential
        {
            Id = $"demo-{role}",
            Role = role,
            Halls = ["*"],
            Key = $"demo-{role}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}",
        })];
}
