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
    public static JournalDamage? Read(string path, ReadOnlyMemory<byte> bytes, RecordHandler onRecord)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = JournalFrame.TryRead(bytes.Span[offset..], out var payload, out var size);
            if (status != FrameStatus.Ok)
            {
                return new JournalDamage(path, offset, Describe(status), status == FrameStatus.Truncated);
            }

            if (onRecord(bytes.Slice(offset + JournalFrame.HeaderSize, payload.Length), offset) is { } unusable)
            {
                return new JournalDamage(path, offset, unusable, Torn: false);
            }

            offset += size;
        }

        return null;
    }

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
