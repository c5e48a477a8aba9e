namespace QueueCore;

/// <summary>Reads a segment's frames in order up to its end or its first damage.</summary>
internal static class SegmentReader
{
    /// <summary>
    /// Calls <paramref name="onRecord"/> with each intact record's payload and its offset; returns the damage that
    /// stopped it, or null when the segment was read to its end. A segment that ends inside a frame is damaged
    /// there (the torn tail of a crash). A record the handler cannot use (it returns why) is damage too: nothing
    /// after it is read.
    /// </summary>
    public static JournalDamage? Read(string path, ReadOnlyMemory<byte> bytes, RecordHandler onRecord) =>
        Read(path, bytes, onRecord, out _);

    /// <summary>
    /// As <see cref="Read(string, ReadOnlyMemory{byte}, RecordHandler)"/>, from the frame at <paramref name="from"/>
    /// (offsets stay the segment's); <paramref name="end"/> is where the records
    /// end: the segment's length, or where a zero-filled tail starts (zero bytes from a record boundary to the end of
    /// the file, at least a whole frame header of them, read as a clean end), or where the damage is.
    /// </summary>
    /// <remarks>
    /// A zero-filled tail is what a file system leaves when a file's size reached the disk before its data did (a power
    /// loss in batched mode, before the fsync) or when space is preallocated: a frame never has a length of zero, so
    /// zeros to the end are not a record, and nothing can follow them. Zeros followed by anything else are damage.
    /// </remarks>
    public static JournalDamage? Read(string path, ReadOnlyMemory<byte> bytes, RecordHandler onRecord, out int end, int from = 0)
    {
        var offset = from;
        while (offset < bytes.Length)
        {
            var status = JournalFrame.TryRead(bytes.Span[offset..], out var payload, out var size);
            if (status != FrameStatus.Ok)
            {
                end = offset;
                if (status == FrameStatus.BadLength && IsZeroFilled(bytes.Span[offset..]))
                {
                    return null;
                }

                return new JournalDamage(path, offset, Describe(status), status == FrameStatus.Truncated);
            }

            if (onRecord(bytes.Slice(offset + JournalFrame.HeaderSize, payload.Length), offset) is { } unusable)
            {
                end = offset;
                return new JournalDamage(path, offset, unusable, Torn: false);
            }

            offset += size;
        }

        end = offset;
        return null;
    }

    /// <summary>Whether <paramref name="rest"/> is zeros only (then its length field, read as zero, was no record's).</summary>
    private static bool IsZeroFilled(ReadOnlySpan<byte> rest) => rest.IndexOfAnyExcept((byte)0) < 0;

    private static string Describe(FrameStatus status) => status switch
    {
        FrameStatus.Truncated => "the segment ends inside a record (a torn write)",
        FrameStatus.BadLength => "a record's length field is not plausible (damaged bytes)",
        FrameStatus.BadChecksum => "a record does not match its CRC-32C (damaged bytes or a torn write)",
        _ => status.ToString(),
    };
}

/// <summary>Receives one record's payload and its offset in the segment; returns null, or why the record cannot be used.</summary>
internal delegate string? RecordHandler(ReadOnlyMemory<byte> payload, long offset);
