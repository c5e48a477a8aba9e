using System.Buffers;
using MessagePack;

namespace QueueCore;

/// <summary>
/// Writes and reads applied commands: a <see cref="HallCommand"/> with the instant the hall applied it at. The hall
/// is deterministic, so a saved state plus the applied commands since give the identical hall (same results, same
/// events): this is what a journal stores and replays. Ticks are commands too.
/// </summary>
public static class HallCommandSerializer
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard;

    /// <summary>Writes <paramref name="command"/> applied at <paramref name="appliedAt"/> as one MessagePack array.</summary>
    public static void Write(ref MessagePackWriter writer, in HallCommand command, DateTimeOffset appliedAt)
    {
        writer.WriteArrayHeader(2);
        writer.Write(appliedAt.UtcTicks);
        HallCommandFormatter.Instance.Serialize(ref writer, command, Options);
    }

    /// <summary>Reads a command and its instant written by <see cref="Write(ref MessagePackWriter, in HallCommand, DateTimeOffset)"/>.</summary>
    /// <exception cref="MessagePackSerializationException">The bytes are not an applied command.</exception>
    public static (HallCommand Command, DateTimeOffset AppliedAt) Read(ref MessagePackReader reader)
    {
        try
        {
            if (reader.ReadArrayHeader() != 2)
            {
                throw new MessagePackSerializationException("An applied command is an array of the instant and the command.");
            }

            var at = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            return (HallCommandFormatter.Instance.Deserialize(ref reader, Options), at);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or OverflowException or InvalidOperationException or FormatException)
        {
            // Truncated bytes, an instant out of range, a number too large for its field: one documented failure.
            throw new MessagePackSerializationException($"The bytes are not an applied command: {ex.Message}", ex);
        }
    }

    /// <summary>Writes <paramref name="command"/> applied at <paramref name="appliedAt"/> to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, in HallCommand command, DateTimeOffset appliedAt)
    {
        var writer = new MessagePackWriter(output);
        Write(ref writer, command, appliedAt);
        writer.Flush();
    }

    /// <summary>The MessagePack bytes of <paramref name="command"/> applied at <paramref name="appliedAt"/>.</summary>
    public static byte[] Serialize(in HallCommand command, DateTimeOffset appliedAt)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Write(buffer, command, appliedAt);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a command and its instant from <paramref name="bytes"/>.</summary>
    /// <exception cref="MessagePackSerializationException">The bytes are not an applied command.</exception>
    public static (HallCommand Command, DateTimeOffset AppliedAt) Deserialize(ReadOnlyMemory<byte> bytes)
    {
        var reader = new MessagePackReader(bytes);
        return Read(ref reader);
    }
}
