using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace QueueCore;

/// <summary>
/// How a record sits in a journal segment: a 4-byte little-endian payload length, the payload's CRC-32C (4 bytes,
/// little-endian), then the payload. A crash mid-write leaves a short or mismatching last frame, and a flipped
/// byte anywhere breaks its frame's checksum: both are detected, never replayed.
/// </summary>
internal static class JournalFrame
{
    /// <summary>Bytes before the payload.</summary>
    public const int HeaderSize = 8;

    /// <summary>
    /// The largest payload written or accepted: 1 GiB. A length field above it is damage, not a record. The largest
    /// records are hall snapshots, which grow with the tickets a hall keeps (a hall keeping 100,000 finished tickets
    /// writes about 17 MB); nothing is allocated by the length, so a generous limit costs nothing.
    /// </summary>
    public const int MaxPayload = 1 << 30;

    /// <summary>Writes <paramref name="payload"/> as one frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The payload is larger than <see cref="MaxPayload"/>: it could never be read back.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayload, nameof(payload));
        var span = output.GetSpan(HeaderSize + payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Checksum(payload));
        payload.CopyTo(span[HeaderSize..]);
        output.Advance(HeaderSize + payload.Length);
    }

    /// <summary>The payload's CRC-32C.</summary>
    public static uint Checksum(ReadOnlySpan<byte> payload) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, payload);

    /// <summary>
    /// Reads the frame at the start of <paramref name="bytes"/>: its payload and total size, or why it is not a
    /// whole, intact frame.
    /// </summary>
    public static FrameStatus TryRead(ReadOnlySpan<byte> bytes, out ReadOnlySpan<byte> payload, out int frameSize)
    {
        payload = default;
        frameSize = 0;
        if (bytes.Length < HeaderSize)
        {
            return FrameStatus.Truncated;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (length is <= 0 or > MaxPayload)
        {
            return FrameStatus.BadLength;
        }

        if (bytes.Length - HeaderSize < length)
        {
            return FrameStatus.Truncated;
        }

        var body = bytes.Slice(HeaderSize, length);
        if (Checksum(body) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]))
        {
            return FrameStatus.BadChecksum;
        }

        payload = body;
        frameSize = HeaderSize + length;
        return FrameStatus.Ok;
    }
}

/// <summary>What reading a frame found.</summary>
internal enum FrameStatus
{
    /// <summary>A whole frame with a matching checksum.</summary>
    Ok,

    /// <summary>The bytes end inside the frame (a crash mid-write, or a cut file).</summary>
    Truncated,

    /// <summary>The length field is zero, negative or implausibly large.</summary>
    BadLength,

    /// <summary>The payload does not match its checksum (a flipped byte, or a torn write).</summary>
    BadChecksum,
}
