using System.Buffers;
using MessagePack;

namespace QueueCore;

/// <summary>Replays one shard's log.</summary>
internal sealed class ShardReplay(string path)
{
    private readonly Dictionary<int, Hall> _halls = [];

    public long Records { get; private set; }

    public long Bytes { get; private set; }

    public bool CutInLastSegment { get; private set; }

    public IEnumerable<Hall> Halls => _halls.Values;

    /// <summary>Called after each replayed command with the hall's key, the hall, the command, its instant and its result.</summary>
    public Action<int, Hall, HallCommand, DateTimeOffset, CommandResult>? Applied { get; init; }

    /// <summary>Called after each hall record with its key and the hall restored from it.</summary>
    public Action<int, Hall>? Restored { get; init; }

    /// <summary>Reads the segments in order; returns where the log was cut, or null.</summary>
    public JournalDamage? Run()
    {
        var segments = Directory.EnumerateFiles(path, "*.qlog")
            .Select(f => (Start: JournalWriter.SegmentStart(f), Path: f))
            .Where(s => s.Start >= 0)
            .OrderBy(s => s.Start)
            .ToList();
        long? expected = null;
        for (var i = 0; i < segments.Count; i++)
        {
            var (start, file) = segments[i];
            if (expected is { } e && start != e)
            {
                CutInLastSegment = false;
                return new JournalDamage(file, 0, $"a segment is missing: the previous one ends at position {e}, this one starts at {start}", Torn: false);
            }

            var bytes = File.ReadAllBytes(file);
            Bytes += bytes.Length;
            var cut = SegmentReader.Read(file, bytes, Apply);
            if (cut is not null)
            {
                CutInLastSegment = i == segments.Count - 1;
                return cut;
            }

            expected = start + bytes.Length;
        }

        return null;
    }

    private string? Apply(ReadOnlyMemory<byte> payload, long offset)
    {
        try
        {
            var reader = new MessagePackReader(payload);
            var kind = JournalRecord.ReadHeader(ref reader, out var key);
            switch (kind)
            {
                case JournalRecordKind.Command:
                    if (!_halls.TryGetValue(key, out var hall))
                    {
                        return $"a command for hall key {key}, which no earlier record introduced";
                    }

                    var (command, at) = HallCommandSerializer.Read(ref reader);
                    var result = hall.Apply(in command, at);
                    Applied?.Invoke(key, hall, command, at, result);
                    break;
                case JournalRecordKind.Hall:
                    var id = reader.ReadString() ?? throw new MessagePackSerializationException("A hall record has no id.");
                    var json = reader.ReadBytes() ?? throw new MessagePackSerializationException("A hall record has no definition.");
                    var stateBytes = reader.ReadBytes() ?? throw new MessagePackSerializationException("A hall record has no state.");
                    var definition = HallConfiguration.FromWrittenJson(json.IsSingleSegment ? json.FirstSpan : json.ToArray());
                    var state = MessagePackSerializer.Deserialize<HallState>(stateBytes.ToArray());
                    var restored = Hall.Restore(definition, state);
                    if (restored.Id != id)
                    {
                        return $"a hall record for '{id}' holds hall '{restored.Id}'";
                    }

                    _halls[key] = restored;
                    Restored?.Invoke(key, restored);
                    break;
                case JournalRecordKind.Removed:
                    _halls.Remove(key);
                    break;
            }

            Records++;
            return null;
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or InvalidOperationException or ArgumentException or FormatException or EndOfStreamException or System.Text.Json.JsonException)
        {
            return $"a record that passed its checksum does not decode or apply ({ex.GetType().Name}: {ex.Message})";
        }
    }
}
