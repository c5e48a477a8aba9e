using System.Buffers;
using MessagePack;

namespace QueueCore;

/// <summary>What a journal record says.</summary>
internal enum JournalRecordKind : byte
{
    /// <summary>A command applied to a hall at an instant: <c>[0, key, [instant, command]]</c>.</summary>
    Command = 0,

    /// <summary>
    /// A hall as it stands: <c>[1, key, id, definition JSON, state]</c>. Written when a hall joins the shard, when it is
    /// redefined or restored, and as the snapshot at the start of every segment; replay restarts the hall from it.
    /// </summary>
    Hall = 1,

    /// <summary>
    /// A hall left the engine: <c>[2, key]</c>. With a negative key, <c>[2, -N]</c>, the first record of a round of
    /// snapshots, N the shard's hall count then (see <see cref="JournalRecord.RoundBegins"/>); the round then writes this
    /// mark again for each hall removed before it.
    /// </summary>
    Removed = 2,

    /// <summary>
    /// Where a snapshot of a hall was taken, <c>[3, key]</c>: the <see cref="Snapshot"/> record written once the state
    /// is saved (off the shard thread) holds the hall as it stood here, and the hall's commands between the two apply
    /// after it.
    /// </summary>
    SnapshotTaken = 3,

    /// <summary>
    /// A hall as it stood at its <see cref="SnapshotTaken"/> record: <c>[4, key, id, definition JSON, state]</c>. Replay
    /// uses it only when the log holds nothing earlier of the hall (the older segments were deleted); otherwise the hall
    /// replayed so far already is that state plus the commands since.
    /// </summary>
    Snapshot = 4,

    /// <summary>
    /// What a hall removed from the engine leaves to one added again with its id (<see cref="CarriedDay"/>):
    /// <c>[5, -1, id, day]</c>, the day a <see cref="SavedLeftDay"/> (the key names no slot: the hall is gone). Written
    /// at the removal, again in each round of snapshots while the engine keeps it (the round lets the removal's segment
    /// go), and by each start for every one it recovered. Recovery keeps each id's last (the highest
    /// <see cref="SavedLeftDay.Removal"/>), unless a hall with the id is recovered: that hall took it over (its state
    /// holds it). An engine before this kind reads it as damage.
    /// </summary>
    LeftDay = 5,
}

/// <summary>
/// The MessagePack body of a journal record. A hall is named by its key (its slot in the shard, stable for the life
/// of a generation) so a command record carries no string; a Hall record ties the key to the hall's id.
/// </summary>
internal static class JournalRecord
{
    /// <summary>Writes a command record.</summary>
    public static void WriteCommand(IBufferWriter<byte> output, int key, in HallCommand command, DateTimeOffset appliedAt)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(3);
        writer.Write((byte)JournalRecordKind.Command);
        writer.Write(key);
        HallCommandSerializer.Write(ref writer, command, appliedAt);
        writer.Flush();
    }

    /// <summary>Writes a hall record (<see cref="JournalRecordKind.Hall"/> or <see cref="JournalRecordKind.Snapshot"/>).</summary>
    public static void WriteHall(IBufferWriter<byte> output, JournalRecordKind kind, int key, string id, ReadOnlySpan<byte> definitionJson, ReadOnlySpan<byte> state)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(5);
        writer.Write((byte)kind);
        writer.Write(key);
        writer.Write(id);
        writer.Write(definitionJson);
        writer.Write(state);
        writer.Flush();
    }

    /// <summary>Writes a record of just a kind and a key (<see cref="JournalRecordKind.Removed"/> or <see cref="JournalRecordKind.SnapshotTaken"/>).</summary>
    public static void WriteMark(IBufferWriter<byte> output, JournalRecordKind kind, int key)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(2);
        writer.Write((byte)kind);
        writer.Write(key);
        writer.Flush();
    }

    /// <summary>Writes a <see cref="JournalRecordKind.LeftDay"/> record: removed hall <paramref name="id"/> left <paramref name="day"/> (a <see cref="SavedLeftDay"/>).</summary>
    public static void WriteLeftDay(IBufferWriter<byte> output, string id, ReadOnlySpan<byte> day)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(4);
        writer.Write((byte)JournalRecordKind.LeftDay);
        writer.Write(-1); // no slot
        writer.Write(id);
        writer.Write(day);
        writer.Flush();
    }

    /// <summary>
    /// The key of the mark a round of snapshots begins with: a <see cref="JournalRecordKind.Removed"/> mark of a key no
    /// hall has (minus the shard's hall count), so it reads as a removal of nothing to an engine that does not know it (a
    /// rollback still recovers). See <see cref="RoundSize"/>.
    /// </summary>
    public static int RoundBegins(int halls) => -halls;

    /// <summary>The shard's hall count a round-begins mark holds (keys 0 to it, less one), or null for a real removal.</summary>
    public static int? RoundSize(int removedKey) => removedKey < 0 ? -removedKey : null;

    /// <summary>Reads a record's kind and key; the reader is left on the rest.</summary>
    /// <exception cref="MessagePackSerializationException">The bytes are not a journal record.</exception>
    public static JournalRecordKind ReadHeader(ref MessagePackReader reader, out int key)
    {
        var count = reader.ReadArrayHeader();
        var kind = (JournalRecordKind)reader.ReadByte();
        var expected = kind switch
        {
            JournalRecordKind.Command => 3,
            JournalRecordKind.Hall or JournalRecordKind.Snapshot => 5,
            JournalRecordKind.Removed or JournalRecordKind.SnapshotTaken => 2,
            JournalRecordKind.LeftDay => 4,
            _ => throw new MessagePackSerializationException($"Unknown journal record kind {(byte)kind}."),
        };
        if (count != expected)
        {
            throw new MessagePackSerializationException($"A {kind} record has {expected} fields; this one has {count}.");
        }

        key = reader.ReadInt32();
        return kind;
    }
}
