using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace QueueCore.Grpc.Security;

/// <summary>
/// A client's request id as the hall remembers it: scoped to the calling device. The hall remembers request ids for all
/// its devices together, so two kiosks of one hall that both numbered their requests (1, 2, 3 as UUIDs) got each other's
/// tickets back, or a refusal of the id "already used for a different command". The server hands the hall an id
/// derived from the device's id and the client's (the first 16 bytes of a SHA-256 of both): the same pair always gives
/// the same id, so a retry from the device still gets its first answer, also across a restart with the journal on
/// (the journal keeps the derived id), and another device's same id is another id.
/// </summary>
public static class DeviceRequestIds
{
    // Names what is hashed, so the derived ids are this scheme's and no other hash of the same bytes.
    private static ReadOnlySpan<byte> Scheme => "queuecore:device-request-id\0"u8;

    /// <summary>The id the hall is given for <paramref name="device"/>'s request id <paramref name="requestId"/>.</summary>
    public static Guid Scoped(string device, Guid requestId)
    {
        ArgumentNullException.ThrowIfNull(device);
        var length = Scheme.Length + Encoding.UTF8.GetByteCount(device) + 16;
        byte[]? rented = null;
        var input = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            Scheme.CopyTo(input);
            var at = Scheme.Length + Encoding.UTF8.GetBytes(device, input[Scheme.Length..]);
            requestId.TryWriteBytes(input[at..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(input[..(at + 16)], hash);
            var scoped = new Guid(hash[..16]);
            return scoped == Guid.Empty ? requestId : scoped; // the empty id is "none" to the hall
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The id the hall is given for the calling device's request id <paramref name="requestId"/>.</summary>
    public static Guid Scoped(ClaimsPrincipal user, Guid requestId) => Scoped(user.DeviceId(), requestId);
}
