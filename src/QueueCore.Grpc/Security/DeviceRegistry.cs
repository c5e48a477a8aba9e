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

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private readonly Dictionary<string, DeviceCredential> _byHash = new(StringComparer.Ordinal);

    // Each device's identity, built once: a request used to build its claims, identity and principal anew, and a
    // display stream keeps its request's principal for as long as it is open (about 0.7 KB each).
    private readonly Dictionary<string, ClaimsPrincipal> _principals = new(StringComparer.Ordinal);

    // The same identities by instance: an open stream whose identity is one of them was authenticated by these devices.
    private readonly HashSet<ClaimsPrincipal> _issued = new(ReferenceEqualityComparer.Instance);

    /// <summary>Validates and indexes <paramref name="devices"/>.</summary>
    /// <exception cref="InvalidOperationException">A device entry is invalid; the message names it.</exception>
    public DeviceRegistry(IEnumerable<DeviceCredential> devices)
        : this(devices, previous: null)
    {
    }

    /// <summary>
    /// Validates and indexes <paramref name="devices"/>, giving each device that <paramref name="previous"/> holds
    /// unchanged (the same key, id, role, halls and window) the identity it had there: the open streams of a device a
    /// reload left alone still hold an identity these devices gave, so they pass their check at a glance
    /// (<see cref="Issued"/>) instead of hashing their key again.
    /// </summary>
    /// <exception cref="InvalidOperationException">A device entry is invalid; the message names it.</exception>
    internal DeviceRegistry(IEnumerable<DeviceCredential> devices, DeviceRegistry? previous)
    {
        var index = 0;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
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

            for (var h = 0; h < device.Halls.Count; h++)
            {
                if (string.IsNullOrWhiteSpace(device.Halls[h]))
                {
                    throw new InvalidOperationException($"{name}: Halls:{h} is blank; give a hall id or \"*\".");
                }
            }

            if (!ids.TryAdd(device.Id, index))
            {
                // Kiosk rate limits, logs and stream refusals go by id: two devices with one id share a ticket budget and
                // cannot be told apart in the log.
                throw new InvalidOperationException($"{name}: Id '{device.Id}' is already the id of QueueCoreServer:Devices:{ids[device.Id]}; each device needs its own.");
            }

            if (device.Window < 0)
            {
                throw new InvalidOperationException($"{name}: Window must be 0 (any) or a window id.");
            }

            if (device.Window > 0 && device.Role is DeviceRoles.Kiosk or DeviceRoles.Display or DeviceRoles.Dashboard)
            {
                // It bound nothing: the small screen over window 5 configured with Window 5 went on showing every
                // window's calls. A screen names its windows in its request (WatchDisplayRequest.windows).
                throw new InvalidOperationException(
                    $"{name}: Window binds a terminal, an evaluator pad or an admin to a window; a {device.Role} has none (a screen names the windows it shows in its Watch request). Remove it.");
            }

            if (device is { Key.Length: > 0, KeySha256.Length: > 0 })
            {
                // Which one would let the device in is a guess the operator should not have to make: refuse both.
                throw new InvalidOperationException($"{name}: give Key or KeySha256, not both.");
            }

            if (device.Key is { Length: > 0 } padded && (char.IsWhiteSpace(padded[0]) || char.IsWhiteSpace(padded[^1])))
            {
                // No device could send it: the key a request carries (bearer token or x-api-key) is trimmed. A key read
                // from a secret file often ends with its line break.
                throw new InvalidOperationException($"{name}: Key begins or ends with white space (a line break from a secret file?), which no device can send; remove it.");
            }

            var hash = device switch
            {
                { Key: { Length: >= MinimumKeyLength } key } => Hash(key),
                { Key: { Length: > 0 } } => throw new InvalidOperationException($"{name}: Key is shorter than {MinimumKeyLength} characters."),
                { KeySha256: { Length: 64 } hex } when !hex.AsSpan().ContainsAnyExcept(HexDigits) => hex.ToLowerInvariant(),
                { KeySha256: { Length: > 0 } hex } => throw new InvalidOperationException(
                    $"{name}: KeySha256 must be 64 hex digits (the SHA-256 of the key's UTF-8 bytes); it is {hex.Length} characters{(hex.Length == 64 ? ", not all hex digits" : "")}."),
                _ => throw new InvalidOperationException($"{name}: give Key (at least {MinimumKeyLength} characters) or KeySha256 (64 hex digits)."),
            };

            if (!_byHash.TryAdd(hash, device))
            {
                throw new InvalidOperationException($"{name}: its key is already used by device '{_byHash[hash].Id}'.");
            }

            var principal = previous?.Unchanged(hash, device) ?? Principal(device);
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
    /// by them, whose device has not changed since. Cheap (no key is hashed); a reload keeps the identities of the
    /// devices it leaves unchanged, and builds the others anew.
    /// </summary>
    internal bool Issued(ClaimsPrincipal user) => _issued.Contains(user);

    /// <summary>
    /// Whether every identity <paramref name="previous"/> gave is one of these devices' too: no device was changed or
    /// removed (only added, if anything), so no open stream has anything to check.
    /// </summary>
    internal bool KeepsEveryIdentityOf(DeviceRegistry previous) => previous._issued.IsSubsetOf(_issued);

    /// <summary>The identity of the device with key hash <paramref name="hash"/>, if it is still <paramref name="device"/>.</summary>
    private ClaimsPrincipal? Unchanged(string hash, DeviceCredential device) =>
        _byHash.TryGetValue(hash, out var held) && held.Id == device.Id && held.Role == device.Role
            && held.Window == device.Window && held.Halls.SequenceEqual(device.Halls, StringComparer.Ordinal)
            ? _principals[hash]
            : null;

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
