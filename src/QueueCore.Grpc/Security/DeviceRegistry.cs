using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace QueueCore.Grpc.Security;

/// <summary>
/// The configured devices, found by the SHA-256 of the key they present. Looking up the hash, never the key,
/// means the comparison does not leak how much of a guessed key was right.
/// </summary>
public sealed class DeviceRegistry
{
    /// <summary>The shortest key accepted: shorter keys are guessable.</summary>
    public const int MinimumKeyLength = 16;

    private readonly Dictionary<string, DeviceCredential> _byHash = new(StringComparer.Ordinal);

    // Each device's identity, built once: a request used to build its claims, identity and principal anew, and a
    // display stream keeps its request's principal for as long as it is open (about 0.7 KB each).
    private readonly Dictionary<string, ClaimsPrincipal> _principals = new(StringComparer.Ordinal);

    // The same identities by instance: an open stream whose identity is one of them was authenticated by these devices.
    private readonly HashSet<ClaimsPrincipal> _issued = new(ReferenceEqualityComparer.Instance);

    /// <summary>Validates and indexes <paramref name="devices"/>.</summary>
    /// <exception cref="InvalidOperationException">A device entry is invalid; the message names it.</exception>
    public DeviceRegistry(IEnumerable<DeviceCredential> devices)
    {
        var index = 0;
        foreach (var device in devices)
        {
            var name = $"QueueCoreServer:Devices:{index} ({(device.Id.Length > 0 ? device.Id : "no id")})";
            if (device.Id.Length == 0)
            {
                throw new InvalidOperationException($"{name}: Id is required.");
            }

            if (!DeviceRoles.All.Contains(device.Role))
            {
                throw new InvalidOperationException($"{name}: Role '{device.Role}' is not one of {string.Join(", ", DeviceRoles.All)}.");
            }

            if (device.Halls.Count == 0)
            {
                throw new InvalidOperationException($"{name}: Halls is empty; give hall ids or \"*\".");
            }

            if (device.Window < 0)
            {
                throw new InvalidOperationException($"{name}: Window must be 0 (any) or a window id.");
            }

            var hash = device switch
            {
                { Key: { Length: >= MinimumKeyLength } key } => Hash(key),
                { Key: { Length: > 0 } } => throw new InvalidOperationException($"{name}: Key is shorter than {MinimumKeyLength} characters."),
                { KeySha256: { Length: 64 } hex } => hex.ToLowerInvariant(),
                _ => throw new InvalidOperationException($"{name}: give Key (at least {MinimumKeyLength} characters) or KeySha256 (64 hex digits)."),
            };

            if (!_byHash.TryAdd(hash, device))
            {
                throw new InvalidOperationException($"{name}: its key is already used by device '{_byHash[hash].Id}'.");
            }

            var principal = Principal(device);
            _principals.Add(hash, principal);
            _issued.Add(principal);

            index++;
        }
    }

    /// <summary>The devices.</summary>
    public IReadOnlyCollection<DeviceCredential> Devices => _byHash.Values;

    /// <summary>The device that holds <paramref name="key"/>, if any.</summary>
    public DeviceCredential? Find(string key) => _byHash.GetValueOrDefault(Hash(key));

    /// <summary>
    /// The identity of the device that holds <paramref name="key"/> (its id as name, its role, its halls and window as
    /// claims), if any. One instance per device, shared by its requests: treat it as read-only (no claims
    /// transformation adds to it).
    /// </summary>
    internal ClaimsPrincipal? FindPrincipal(string key) => _principals.GetValueOrDefault(Hash(key));

    /// <summary>
    /// Whether <paramref name="user"/> is an identity these devices gave (the very instance): a request authenticated
    /// by them, whose device has not changed since. Cheap (no key is hashed); false after any reload, since a reload
    /// builds every identity anew.
    /// </summary>
    internal bool Issued(ClaimsPrincipal user) => _issued.Contains(user);

    private static ClaimsPrincipal Principal(DeviceCredential device)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, device.Id), new(ClaimTypes.Role, device.Role) };
        claims.AddRange(device.Halls.Select(h => new Claim(DeviceClaims.Hall, h)));
        if (device.Window > 0)
        {
            claims.Add(new Claim(DeviceClaims.Window, device.Window.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));
    }

    /// <summary>The lowercase hex SHA-256 of a key's UTF-8 bytes (what <see cref="DeviceCredential.KeySha256"/> holds).</summary>
    public static string Hash(string key)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), digest);
        return Convert.ToHexStringLower(digest);
    }
}
