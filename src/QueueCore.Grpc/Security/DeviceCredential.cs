namespace QueueCore.Grpc.Security;

/// <summary>
/// One device allowed to call the server: its key (or the key's SHA-256), its role and the halls (and window) it
/// may act on. Configured under <c>QueueCoreServer:Devices</c>; keep keys out of files in the repository (user
/// secrets, environment variables or a secret store), or store only <see cref="KeySha256"/>.
/// </summary>
public sealed record DeviceCredential
{
    /// <summary>A name for logs and rate limiting, e.g. "kiosk-lobby-1"; each device's own.</summary>
    public string Id { get; init; } = "";

    /// <summary>One of <see cref="DeviceRoles"/>.</summary>
    public string Role { get; init; } = "";

    /// <summary>The halls the device may act on; "*" for every hall.</summary>
    public IReadOnlyList<string> Halls { get; init; } = [];

    /// <summary>
    /// For a terminal or an evaluator pad (or an admin): the window it sits at (0: any window of its halls). Refused on a
    /// kiosk, display or dashboard, which it would not bind. An admin's window binds its Terminal and Evaluator calls, not
    /// its Admin calls, which change the hall's definition, any window of it.
    /// </summary>
    public int Window { get; init; }

    /// <summary>The API key or bearer token the device presents (at least 16 characters, no white space at either end).</summary>
    public string? Key { get; init; }

    /// <summary>
    /// Instead of <see cref="Key"/> (never both): the hex SHA-256 of the key's UTF-8 bytes, 64 hex digits; anything else
    /// is refused.
    /// </summary>
    public string? KeySha256 { get; init; }
}
