using System.Buffers;
using System.Runtime.InteropServices;
using MessagePack;

namespace QueueCore;

/// <summary>Replays one shard's log, from its directory (or, for the day export, the directories holding its parts: the archive's, then the live one).</summary>
/// <remarks>
/// Up to the first damage every intact record is replayed. Past it (see ShardReplay.Salvage.cs) only what stands on
/// its own is used: a hall whose record or snapshot follows the damage is rebuilt from there, while a hall whose
/// commands might be missing one (the damaged record could have been any hall's) keeps the state it had at the damage.
/// </remarks>
internal sealed partial class ShardReplay(params string[] paths)
{
    private readonly Dictionary<int, Hall> _halls = [];
    private readonly Dictionary<string, SavedLeftDay> _leftDays = new(StringComparer.Ordinal);

    // Halls whose snapshot was taken where the log starts for them (the older segments were deleted): their commands
    // between the SnapshotTaken record and the Snapshot record wait here for the state they apply to.
    private readonly Dictionary<int, List<(HallCommand Command, DateTimeOffset At)>> _awaitingSnapshot = [];

    // Halls whose commands came before any record of them: where the log starts after a roll-over, a hall's commands
    // logged before its snapshot was taken are in that snapshot. Each must be introduced by a record further on.
    private readonly HashSet<int> _notYetIntroduced = [];

    // Each hall's commands replayed since its last whole state (hall record or snapshot): its tail.
    private readonly Dictionary<int, long> _tails = [];

    // Keys with a whole state (hall record, snapshot) or a removal in the log: what a round of snapshots accounts for.
    private readonly HashSet<int> _accounted = [];
    private bool _inRound;   // reading the log's first segment, which starts past 0 (so begins with a round of snapshots)
    private int? _roundSize; // the hall count that round's first mark holds, if it has one

    public long Records { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>
    /// Where the round of snapshots the log begins with is missing (its first segment starts past 0 and holds no whole
    /// record at its start), or null. The halls those snapshots held cannot be named from the log: the caller names them.
    /// </summary>
    public JournalDamage? RoundLost { get; private set; }

    /// <summary>Segments whose records end before the file does, in zeros (a clean end: see <see cref="SegmentReader"/>).</summary>
    public List<(string Segment, long Offset, long Length)> ZeroTails { get; } = [];

    public IEnumerable<Hall> Halls => _halls.Values;

    /// <summary>
    /// The days removed halls left (<see cref="JournalRecordKind.LeftDay"/>), by id: each id's last, less those of an id
    /// whose hall record or snapshot came after it (added again: that hall carries it).
    /// </summary>
    public IReadOnlyDictionary<string, SavedLeftDay> LeftDays => _leftDays;

    /// <summary>
    /// The halls, by key, that the round of snapshots the log's first segment begins with must hold when that segment
    /// starts past 0 and its round does not say (written before rounds began with a <see cref="JournalRecord.RoundBegins"/>
    /// mark): the log's part in the archive names them, or null when it cannot.
    /// </summary>
    public Func<IReadOnlyDictionary<int, string>?>? RoundHalls { get; init; }

    /// <summary>
    /// The keys the round of snapshots the log begins with should have held and does not (no whole state nor removal
    /// of them anywhere in the log), when the log's first segment starts past 0 and the round says which (or
    /// <see cref="RoundHalls"/> does); else null.
    /// </summary>
    public IReadOnlyList<int>? RoundUnaccounted { get; private set; }

    /// <summary>
    /// The highest key whose snapshot the round of snapshots the log begins with had started (its
    /// <see cref="JournalRecordKind.SnapshotTaken"/> mark read), when the log's first segment starts past 0; else null.
    /// A round takes its halls' snapshots in key order, so a key below it with no whole state in the log was no live hall
    /// at the round (removed before it): not lost to a cut after it.
    /// </summary>
    public int? RoundReached { get; private set; }

    /// <summary>The log's first segment, once <see cref="Run"/> has read it.</summary>
    public string? FirstSegment { get; private set; }

    /// <summary>Each hall rebuilt, with the commands replayed on top of its last whole state (hall record or snapshot).</summary>
    public IEnumerable<(Hall Hall, long Commands)> Tails => _halls.Select(h => (h.Value, _tails.GetValueOrDefault(h.Key)));

    /// <summary>Called after each replayed command with the hall's key, the hall, the command, its instant and its result.</summary>
    public Action<int, Hall, HallCommand, DateTimeOffset, CommandResult>? Applied { get; init; }

    /// <summary>Called after each hall record with its key and the hall restored from it.</summary>
    public Action<int, Hall>? Restored { get; init; }

    /// <summary>
    /// Reads the segments in order; returns where the log was first cut (a damage, or its torn tail), or null. Every
    /// damage is in <see cref="Damage"/>, the torn tail in <see cref="TornTail"/>, and what the damage cost each hall
    /// in <see cref="LostHalls"/> and <see cref="CutHalls"/>.
    /// </summary>
    public JournalDamage? Run()
    {
        var segments = paths.Where(Directory.Exists)
            .SelectMany(p => Directory.EnumerateFiles(p, "*.qlog"))
            .Select(f => (Start: JournalWriter.SegmentStart(f), Path: f))
            .Where(s => s.Start >= 0)
            .OrderBy(s => s.Start)
            .DistinctBy(s => s.Start) // in both parts (not expected: a move is a rename): the same records, read once
            .ToList();
        FirstSegment = segments.Count == 0 ? null : segments[0].Path;
        long? expected = null;
        for (var i = 0; i < segments.Count && TornTail is null; i++)
        {
            var (start, file) = segments[i];
            if (expected is { } e && start != e)
            {
                Damaged(new JournalDamage(file, 0, $"a segment is missing: the previous one ends at position {e}, this one starts at {start}", Torn: false));
                Unknown(start - e);
            }

            var bytes = File.ReadAllBytes(file);
            Bytes += bytes.Length;
            _inRound = i == 0 && start > 0;
            expected = null; // unless the segment reads to its end: then the next one starts where its records ended
            var from = 0;
            var ended = 0;
            while (true)
            {
                var cut = SegmentReader.Read(file, bytes, Apply, out var end, from);
                ended = end;
                if (i == 0 && start > 0 && end == 0)
                {
                    cut = RoundMissing(file, bytes.Length, cut);
                }

                if (cut is null)
                {
                    if (end < bytes.Length)
                    {
                        ZeroTails.Add((file, end, bytes.Length - end));
                    }

                    expected = from == 0 ? start + end : null; // not after zeros; after damage where it really ends is unknown
                    break;
                }

                from = Resync(bytes, (int)cut.Offset);
                if (cut.Torn && i == segments.Count - 1)
                {
                    if (from >= bytes.Length)
                    {
                        TornTail = cut; // a write a crash cut short: the end of the log, nothing follows it
                        break;
                    }

                    // Whole records follow: not a write cut short but a length field damaged to reach past the end.
                    cut = cut with { Status = "a record's length field reaches past the end of the segment, yet whole records follow it (damaged bytes)", Torn = false };
                }

                Damaged(cut);
                // The bytes no frame shows: up to the next whole frame or the file's end, or, for a segment cut short before
                // the last (a torn tail of the last one is no damage), up to where the next segment starts.
                Unknown(cut.Torn ? Math.Max(bytes.Length, segments[i + 1].Start - start) - cut.Offset : from - cut.Offset);

                NameDamagedHall(bytes, cut.Offset, cut);
                if (from >= bytes.Length)
                {
                    break;
                }
            }

            if (i == 0 && start > 0)
            {
                _inRound = false;
                RoundUnaccounted = Unaccounted(_roundSize is { } n ? Enumerable.Range(0, n) : RoundHalls?.Invoke()?.Keys);
            }

            // A round that lacks only halls a damage already lost did not end early: the records after that damage are whole.
            if (i == 0 && start > 0 && i == segments.Count - 1 && (_awaitingSnapshot.Count != 0 || RoundUnaccounted?.Any(k => !_lost.ContainsKey(k)) == true) && RoundLost is null)
            {
                RoundEndsEarly(file, TornTail ?? new JournalDamage(file, ended, "the records end", Torn: false));
                NameDamagedHall(bytes, RoundLost!.Offset, RoundLost); // a snapshot cut short still shows its hall's id
            }
        }

        if (RoundUnaccounted is { Count: > 0 } && segments.Count > 1)
        {
            RoundUnaccounted = Unaccounted(RoundUnaccounted); // a later round may hold them
        }

        if (segments.Count == 1 && segments[0].Start == 0)
        {
            KnownCutAtTheEnd(segments[0].Path);
        }

        Finish(segments.Count == 0 ? null : segments[0].Path, segments.Count == 0 ? null : segments[^1].Path);
        return _firstDamage ?? TornTail;
    }

    /// <summary>
    /// The first segment the log holds starts past position 0 and holds no whole record at its start (cut to zero bytes,
    /// zeros only, or cut or damaged inside its first record): the segments before it went to the archive only once the
    /// round of snapshots at its start was fsynced, so those records were on disk and the cut came from outside. As damage
    /// (never a torn tail, nor the zeros of a clean end): the halls they held are lost, which <see cref="RoundLost"/>
    /// tells the caller to name.
    /// </summary>
    private JournalDamage RoundMissing(string file, int length, JournalDamage? cut)
    {
        var found = cut is { } c ? $"{c.Status}, at its first record" : length == 0 ? "the segment is empty (0 bytes)" : $"the segment holds only zeros ({length} bytes)";
        RoundLost = new JournalDamage(
            file, 0,
            $"{found}; it is the first segment of its shard's log, whose older segments went to the archive once the snapshots " +
            "at its start were on disk, so it was cut or overwritten from outside and the halls those snapshots held are lost",
            Torn: false);
        return RoundLost;
    }

    /// <summary>
    /// The log's only segment starts past position 0 and ends (<paramref name="at"/>) while a hall of the round of
    /// snapshots it begins with still awaits its snapshot: that round was fsynced before the older segments went to the
    /// archive, so this is damage from outside, not a write a crash cut short (nor the zeros of a clean end). What the
    /// segment held past the cut is gone unread (commands acknowledged after the round among it), so a hall kept as at
    /// the damage moves its numbering past all the segment could still have held, as for a first segment cut at its end.
    /// </summary>
    private void RoundEndsEarly(string file, JournalDamage at)
    {
        TornTail = null;
        RoundLost = new JournalDamage(
            file, at.Offset,
            $"{at.Status}, inside the snapshots this segment begins with; it is the first segment of its shard's log, whose older " +
            "segments went to the archive once those snapshots were on disk, so it was cut or overwritten from outside and the halls " +
            "without a snapshot before the cut are lost",
            Torn: false);
        Damaged(RoundLost);
        CutAtTheEnd(at.Offset);
    }

    /// <summary>The keys of <paramref name="expected"/> with neither a whole state nor a removal in the log so far; null for null.</summary>
    private List<int>? Unaccounted(IEnumerable<int>? expected) =>
        expected?.Where(k => !_accounted.Contains(k) && !_halls.ContainsKey(k)).Order().ToList();

    private string? Apply(ReadOnlyMemory<byte> payload, long offset)
    {
        try
        {
            var reader = new MessagePackReader(payload);
            var kind = JournalRecord.ReadHeader(ref reader, out var key);
            if (kind == JournalRecordKind.LeftDay)
            {
                LeftDay(ref reader); // no hall's record: stands on its own, past damage too
                Records++;
                return null;
            }

            if (kind != JournalRecordKind.Command)
            {
                _notYetIntroduced.Remove(key);
            }

            if (kind is JournalRecordKind.Hall or JournalRecordKind.Snapshot)
            {
                if (_inRound)
                {
                    _roundSnapshotBytes += JournalFrame.HeaderSize + payload.Length; // as the writer counts them (see CutAtTheEnd)
                }

                var peek = reader; // a copy: the record is read on below
                if (peek.ReadString() is { Length: > 0 } named)
                {
                    _namedByLog[key] = named; // a whole record's: it names the hall should a damage lose it
                    _leftDays.Remove(named);  // added again since that removal: its state holds the day it carried
                }
            }

            if (kind is JournalRecordKind.Hall or JournalRecordKind.Snapshot or JournalRecordKind.Removed)
            {
                _accounted.Add(key);
                if (kind == JournalRecordKind.Removed && JournalRecord.RoundSize(key) is { } size)
                {
                    if (_inRound && offset == 0)
                    {
                        _roundSize = size; // the round the log begins with: every key below it must be accounted for
                    }

                    Records++;
                    return null; // no hall's removal
                }
            }

            var used = true;
            switch (kind)
            {
                case JournalRecordKind.Command:
                    var (command, at) = HallCommandSerializer.Read(ref reader);
                    if (_awaitingSnapshot.TryGetValue(key, out var waiting))
                    {
                        waiting.Add((command, at));
                    }
                    else if (_frozen.Count != 0 && _frozen.Contains(key))
                    {
                        Skipped(key, command); // its commands may lack the damaged record: the hall stays as it was at the damage
                        used = false;
                    }
                    else if (_halls.TryGetValue(key, out var hall))
                    {
                        Apply(key, hall, command, at);
                    }
                    else
                    {
                        _notYetIntroduced.Add(key); // in the snapshot further on (checked at the end)
                        used = _firstDamage is null;
                    }

                    break;
                case JournalRecordKind.SnapshotTaken:
                    if (_inRound)
                    {
                        RoundReached = Math.Max(RoundReached ?? key, key);
                    }

                    if (!_halls.ContainsKey(key) || _frozen.Contains(key))
                    {
                        _awaitingSnapshot.TryAdd(key, []);
                    }

                    break;
                case JournalRecordKind.Snapshot when _halls.ContainsKey(key) && !_frozen.Contains(key):
                    break; // replayed from an earlier record: the hall already is this state plus the commands since
                case JournalRecordKind.Snapshot when _firstDamage is not null && !_awaitingSnapshot.ContainsKey(key):
                    used = false; // taken before a damage: the commands between it and here may lack the damaged record
                    if (!_halls.ContainsKey(key))
                    {
                        // Its mark was not read (it was in the damaged bytes): the hall has nothing whole to start from, so
                        // it is lost unless a whole state follows, not silently missing (this record still names it).
                        _lost.TryAdd(key, Damage[^1]);
                    }

                    break;
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
                    _tails[key] = 0;
                    Settled(key);
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
                    _tails.Remove(key);
                    _awaitingSnapshot.Remove(key);
                    Settled(key);
                    break;
            }

            if (used)
            {
                Records++;
            }

            return null;
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or InvalidOperationException or ArgumentException or FormatException or EndOfStreamException or System.Text.Json.JsonException)
        {
            return $"a record that passed its checksum does not decode or apply ({ex.GetType().Name}: {ex.Message})";
        }
    }

    /// <summary>A <see cref="JournalRecordKind.LeftDay"/> record: the id's left day, unless one of a later removal was read.</summary>
    private void LeftDay(ref MessagePackReader reader)
    {
        var id = reader.ReadString() ?? throw new MessagePackSerializationException("A left day record has no id.");
        var bytes = reader.ReadBytes() ?? throw new MessagePackSerializationException("A left day record has no day.");
        var day = SavedLeftDay.Deserialize(bytes);
        if (!_leftDays.TryGetValue(id, out var seen) || seen.Removal <= day.Removal)
        {
            _leftDays[id] = day;
        }
    }

    private void Apply(int key, Hall hall, in HallCommand command, DateTimeOffset at)
    {
        var result = hall.Apply(in command, at);
        CollectionsMarshal.GetValueRefOrAddDefault(_tails, key, out _)++; // one lookup per replayed record
        Applied?.Invoke(key, hall, command, at, result);
    }
}
