using System.Buffers;
using MessagePack;

namespace QueueCore;

/// <summary>Replays one shard's log.</summary>
internal sealed class ShardReplay(string path)
{
    private readonly Dictionary<int, Hall> _halls = [];

    // Halls whose snapshot was taken where the log starts for them (the older segments were deleted): their commands
    // between the SnapshotTaken record and the Snapshot record wait here for the state they apply to.
    private readonly Dictionary<int, List<(HallCommand Command, DateTimeOffset At)>> _awaitingSnapshot = [];

    // Halls whose commands came before any record of them: where the log starts after a roll-over, a hall's commands
    // logged before its snapshot was taken are in that snapshot. Each must be introduced by a record further on.
    private readonly HashSet<int> _notYetIntroduced = [];

    public long Records { get; private set; }

    public long Bytes { get; private set; }

    public bool CutInLastSegment { get; private set; }

    /// <summary>Segments whose records end before the file does, in zeros (a clean end: see <see cref="SegmentReader"/>).</summary>
    public List<(string Segment, long Offset, long Length)> ZeroTails { get; } = [];

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
            var cut = SegmentReader.Read(file, bytes, Apply, out var end);
            if (cut is not null)
            {
                CutInLastSegment = i == segments.Count - 1;
                return cut;
            }

            if (end < bytes.Length)
            {
                ZeroTails.Add((file, end, bytes.Length - end));
            }

            expected = start + end; // the next segment starts where the records ended, not after the zeros
        }

        if (_awaitingSnapshot.Count != 0 && segments.Count != 0)
        {
            // Only a log that lost its end could do this, and a lost end is reported as damage above.
            CutInLastSegment = false;
            return new JournalDamage(segments[^1].Path, 0, $"the snapshot of hall key {_awaitingSnapshot.Keys.First()} is missing", Torn: false);
        }

        if (_notYetIntroduced.Count != 0 && segments.Count != 0)
        {
            CutInLastSegment = false;
            return new JournalDamage(segments[0].Path, 0, $"commands for hall key {_notYetIntroduced.First()}, which no record introduces", Torn: false);
        }

        return null;
    }

    private string? Apply(ReadOnlyMemory<byte> payload, long offset)
    {
        try
        {
            var reader = new MessagePackReader(payload);
            var kind = JournalRecord.ReadHeader(ref reader, out var key);
            if (kind != JournalRecordKind.Command)
            {
                _notYetIntroduced.Remove(key);
            }

            switch (kind)
            {
                case JournalRecordKind.Command:
                    var (command, at) = HallCommandSerializer.Read(ref reader);
                    if (_halls.TryGetValue(key, out var hall))
                    {
                        Apply(key, hall, command, at);
                    }
                    else if (_awaitingSnapshot.TryGetValue(key, out var waiting))
                    {
                        waiting.Add((command, at));
                    }
                    else
                    {
                        _notYetIntroduced.Add(key); // in the snapshot further on (checked at the end)
                    }

                    break;
                case JournalRecordKind.SnapshotTaken:
                    if (!_halls.ContainsKey(key))
                    {
                        _awaitingSnapshot.TryAdd(key, []);
                    }

                    break;
                case JournalRecordKind.Snapshot when _halls.ContainsKey(key):
                    break; // replayed from an earlier record: the hall already is this state plus the commands since
                case JournalRecordKind.Hall or JournalRecordKind.Snapshot:
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
                    if (_awaitingSnapshot.Remove(key, out var since) && kind == JournalRecordKind.Snapshot)
                    {
                        foreach (var (c, t) in since)
                        {
                            Apply(key, restored, c, t);
                        }
                    }

                    break;
                case JournalRecordKind.Removed:
                    _halls.Remove(key);
                    _awaitingSnapshot.Remove(key);
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

    private void Apply(int key, Hall hall, in HallCommand command, DateTimeOffset at)
    {
        var result = hall.Apply(in command, at);
        Applied?.Invoke(key, hall, command, at, result);
    }
}
