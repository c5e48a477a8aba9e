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

            index++;
        }
    }

    /// <summary>The devices.</summary>
    public IReadOnlyCollection<DeviceCredential> Devices => _byHash.Values;

    /// <summary>The device that holds <paramref name="key"/>, if any.</summary>
    public DeviceCredential? Find(string key) => _byHash.GetValueOrDefault(Hash(key));

    /// <summary>The lowercase hex SHA-256 of a key's UTF-8 bytes (what <see cref="DeviceCredential.KeySha256"/> holds).</summary>
    public static string Hash(string key)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), digest);
        return Convert.ToHexStringLower(digest);
    }
}
