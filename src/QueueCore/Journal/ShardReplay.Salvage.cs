using System.Buffers.Binary;
using MessagePack;

namespace QueueCore;

/// <remarks>
/// This part: what recovery keeps past damage. A damaged record cannot say whose it was, so from there on every hall
/// replayed so far is frozen (kept as it stood at the damage; its later commands are skipped, since one of them may be
/// the damaged record), and so is a snapshot whose mark came before the damage. A hall record, or a snapshot whose mark
/// follows the damage, is a whole state that needs nothing before it: the hall is rebuilt from it and its commands
/// after it are replayed. So a hall whose first record is the damaged one is not lost when a snapshot of it follows
/// (the next segment begins with one); otherwise it is reported lost, by name when the damaged record still shows it.
/// Nothing is read from a record that fails its checksum except that name, for the report.
/// </remarks>
internal sealed partial class ShardReplay
{
    private readonly HashSet<int> _frozen = [];
    private readonly Dictionary<int, (JournalDamage At, int Skipped)> _cut = [];  // frozen halls: where, and commands skipped
    private readonly Dictionary<int, SkippedIssues> _skippedIssues = [];           // frozen halls: the numbers their skipped commands took
    private readonly Dictionary<int, JournalDamage> _lost = [];                    // keys past damage without a whole state
    private readonly Dictionary<int, string> _damagedHallIds = [];                 // ids read from damaged hall records (unverified)
    private readonly Dictionary<int, string> _namedByLog = [];                     // ids whole hall records and snapshots give each key
    private JournalDamage? _firstDamage;
    private long _unknownIssues; // the most issues the damage took that no whole frame shows (bytes destroyed or cut off)
    private long _roundSnapshotBytes; // the snapshot records read whole in the round the log begins with (what sizes its segment)

    /// <summary>The largest <see cref="JournalOptions.SegmentBytes"/> an engine takes: the bound when the log does not say its own.</summary>
    internal const long LargestSegmentBytes = 4L << 30;

    /// <summary>
    /// The fewest bytes an issue's record takes in the log, frame included (one item, nothing else, an instant of any real
    /// date: eight bytes of ticks): damaged or missing bytes held at most their length over this many issues.
    /// </summary>
    internal static readonly int MinIssueFrame = IssueFrameBytes();

    /// <summary>
    /// The <see cref="JournalOptions.SegmentBytes"/> the log was written with (its generation's <c>ready</c> marker says):
    /// a first segment (position 0) is started afresh once it holds that many bytes, checked after each batch of at most
    /// <see cref="Shard.MaxBatch"/> commands, so a first segment cut at its end lost at most that many bytes past the cut
    /// and a batch more. <see cref="LargestSegmentBytes"/> when unknown.
    /// </summary>
    public long SegmentBytes { get; init; } = LargestSegmentBytes;

    /// <summary>
    /// Where the log is known to be cut from outside though it may read as a clean or torn end there (the records its
    /// generation's start wrote are not whole from here, which the <c>ready</c> marker shows): damage, with everything
    /// past it unknown. Null when nothing says so.
    /// </summary>
    public JournalDamage? KnownCut { get; init; }

    /// <summary>Whether the records read so far came past a damage (a hall restored from here skips what lay between).</summary>
    public bool PastDamage => _firstDamage is not null;

    /// <summary>Where the log ends inside a record in its last segment (a crash mid-write, not damage), if it does.</summary>
    public JournalDamage? TornTail { get; private set; }

    /// <summary>Every place the log is damaged, in order (a segment missing, a bad record, a cut before the last segment).</summary>
    public List<JournalDamage> Damage { get; } = [];

    /// <summary>
    /// Halls the log held that the damage left nothing whole of: key, id, where, and whether that id was read from the
    /// damaged bytes (then a flip may have changed it: the caller prefers any other source). The id is a whole record's
    /// of the log when one names the key; else the damaged record's when it decodes and no whole record gives it to
    /// another hall; else null.
    /// </summary>
    public List<(int Key, string? Id, JournalDamage At, bool IdFromDamage)> LostHalls { get; } = [];

    /// <summary>Halls recovered as they stood at a damage, with how many of their commands after it were skipped (more than none).</summary>
    public List<(string Id, int Skipped, JournalDamage At)> CutHalls { get; } = [];

    /// <summary>Halls kept as at a damage, with each category's next number: their numbering went on past the damage's.</summary>
    public List<(string Id, List<string> Next)> NumberingMoved { get; } = [];

    /// <summary>Records a damage: the halls replayed so far are frozen, and snapshots marked before it are unusable.</summary>
    private void Damaged(JournalDamage damage)
    {
        _firstDamage ??= damage;
        Damage.Add(damage);
        foreach (var key in _halls.Keys)
        {
            if (_frozen.Add(key))
            {
                _cut[key] = (damage, 0);
            }
        }

        foreach (var key in _awaitingSnapshot.Keys.Concat(_notYetIntroduced))
        {
            if (!_halls.ContainsKey(key))
            {
                _lost.TryAdd(key, damage); // unless a whole state of it follows
            }
        }

        _awaitingSnapshot.Clear();
    }

    /// <summary>A frozen hall's command, skipped (its issues are counted: their numbers are in citizens' hands).</summary>
    private void Skipped(int key, in HallCommand command)
    {
        if (_cut.TryGetValue(key, out var cut))
        {
            _cut[key] = (cut.At, cut.Skipped + 1);
            if (!_skippedIssues.TryGetValue(key, out var issues))
            {
                _skippedIssues[key] = issues = new SkippedIssues();
            }

            issues.Add(command);
        }
    }

    /// <summary>A hall was rebuilt from a whole state, or left the shard: it is neither frozen nor lost any more.</summary>
    private void Settled(int key)
    {
        _frozen.Remove(key);
        _cut.Remove(key);
        _skippedIssues.Remove(key);
        _lost.Remove(key);
        _damagedHallIds.Remove(key);
    }

    /// <summary>
    /// Reads the hall id from a damaged hall record's first bytes if they still decode (a flipped byte is far more often
    /// in its definition or state, which make up nearly all of it), so a hall lost to it is reported by name when nothing
    /// whole names it (see <see cref="LostHalls"/>: a flip in the id itself can make it read another hall's).
    /// </summary>
    private void NameDamagedHall(byte[] bytes, long offset, JournalDamage damage)
    {
        var start = (int)offset + JournalFrame.HeaderSize;
        if (start >= bytes.Length)
        {
            return;
        }

        try
        {
            var reader = new MessagePackReader(bytes.AsMemory(start, Math.Min(bytes.Length - start, 4096)));
            if (JournalRecord.ReadHeader(ref reader, out var key) is JournalRecordKind.Hall or JournalRecordKind.Snapshot
                && reader.ReadString() is { Length: > 0 } id
                && !_halls.ContainsKey(key))
            {
                _damagedHallIds.TryAdd(key, id);
                _lost.TryAdd(key, damage);
            }
        }
        catch (Exception)
        {
            // too damaged to name (damaged bytes decode to anything): the hall is reported by the commands that follow, if any
        }
    }

    /// <summary>Whether a whole record of the log, or a hall rebuilt, gives <paramref name="id"/> to a key other than <paramref name="key"/>.</summary>
    private bool NamedElsewhere(int key, string id) =>
        _namedByLog.Any(n => n.Key != key && n.Value == id) || _halls.Any(h => h.Key != key && h.Value.Id == id);

    /// <summary>
    /// Where to read on after the damaged frame at <paramref name="offset"/>: past it when its length still leads to a
    /// whole frame (or the end), else the next offset where a whole frame with a record's first byte starts (a
    /// MessagePack array of 2 to 5: a garbage match must also pass a CRC-32C), else the end.
    /// </summary>
    private static int Resync(byte[] bytes, int offset)
    {
        if (offset + JournalFrame.HeaderSize <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            if (length > 0 && length <= bytes.Length - offset - JournalFrame.HeaderSize)
            {
                var next = offset + JournalFrame.HeaderSize + length;
                if (next == bytes.Length || JournalFrame.TryRead(bytes.AsSpan(next), out _, out _) == FrameStatus.Ok)
                {
                    return next;
                }
            }
        }

        for (var at = offset + 1; at + JournalFrame.HeaderSize < bytes.Length; at++)
        {
            if (bytes[at + JournalFrame.HeaderSize] is >= 0x92 and <= 0x95 && JournalFrame.TryRead(bytes.AsSpan(at), out _, out _) == FrameStatus.Ok)
            {
                return at;
            }
        }

        return bytes.Length;
    }

    /// <summary>
    /// Counts the issues that <paramref name="bytes"/> destroyed or missing bytes of the log could have held (none of
    /// them readable, so which halls' they were is unknown): a hall kept as it stood at the damage moves every category's
    /// numbering past them all.
    /// </summary>
    private void Unknown(long bytes)
    {
        if (bytes > 0)
        {
            _unknownIssues = Math.Min(int.MaxValue, _unknownIssues + ((bytes + MinIssueFrame - 1) / MinIssueFrame));
        }
    }

    /// <summary>
    /// A segment, the log's last, cut at <paramref name="offset"/> (from its start) with nothing readable after it: what
    /// it held past the cut is gone, and all that bounds it is the size at which it would have been followed by the next:
    /// <see cref="SegmentBytes"/>, or, when its round of snapshots was larger, <see cref="ShardJournal.SegmentPerSnapshotBytes"/>
    /// times the snapshots the round wrote (only those read before the cut are known).
    /// </summary>
    private void CutAtTheEnd(long offset)
    {
        Unknown(Math.Max(0, Math.Max(SegmentBytes, ShardJournal.SegmentPerSnapshotBytes * _roundSnapshotBytes) - offset));
        _unknownIssues = Math.Min(int.MaxValue, _unknownIssues + Shard.MaxBatch);
    }

    /// <summary>
    /// The log is known to be cut at <see cref="KnownCut"/> in its only segment, and reading did not find damage there
    /// (it read a torn or a clean end: the file was cut or zeroed from there on): damage after all, and what followed it
    /// is unknown.
    /// </summary>
    private void KnownCutAtTheEnd(string lastSegment)
    {
        if (KnownCut is not { } known || known.Segment != lastSegment || Damage.Exists(d => d.Segment == known.Segment && d.Offset <= known.Offset))
        {
            return;
        }

        if (TornTail is { } torn && torn.Segment == known.Segment)
        {
            TornTail = null; // those records were safe before the marker: not a write a crash cut short
        }

        Damaged(known);
        CutAtTheEnd(known.Offset);
    }

    private static int IssueFrameBytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        JournalRecord.WriteCommand(buffer, 0, HallCommand.IssueTicket(new ServiceItemList([0])), DateTimeOffset.UnixEpoch);
        return JournalFrame.HeaderSize + buffer.WrittenCount;
    }

    /// <summary>After the last segment: what is still pending becomes damage (an intact log) or a lost hall (past damage).</summary>
    private void Finish(string? firstSegment, string? lastSegment)
    {
        if (_firstDamage is null)
        {
            if (_awaitingSnapshot.Count != 0 && lastSegment is not null)
            {
                // Only a log that lost its end could do this, and a lost end is reported as damage above.
                Damaged(new JournalDamage(lastSegment, 0, $"the snapshot of hall key {_awaitingSnapshot.Keys.First()} is missing", Torn: false));
            }
            else if (_notYetIntroduced.Count != 0 && firstSegment is not null)
            {
                Damaged(new JournalDamage(firstSegment, 0, $"commands for hall key {_notYetIntroduced.First()}, which no record introduces", Torn: false));
            }
        }
        else
        {
            foreach (var key in _awaitingSnapshot.Keys.Concat(_notYetIntroduced))
            {
                _lost.TryAdd(key, _firstDamage);
            }
        }

        foreach (var (key, at) in _lost.OrderBy(l => l.Key))
        {
            if (_halls.ContainsKey(key))
            {
                continue;
            }

            if (_namedByLog.TryGetValue(key, out var named))
            {
                LostHalls.Add((key, named, at, false));
            }
            else if (_damagedHallIds.TryGetValue(key, out var read) && !NamedElsewhere(key, read))
            {
                LostHalls.Add((key, read, at, true));
            }
            else
            {
                LostHalls.Add((key, null, at, false)); // e.g. a flip made its id read a live hall's: that hall is not the lost one
            }
        }

        foreach (var (key, (at, skipped)) in _cut.OrderBy(c => c.Key))
        {
            if (!_halls.TryGetValue(key, out var hall))
            {
                continue;
            }

            // Kept as at the damage, which may have been one of its issues (and its skipped commands may hold more): its
            // numbering, ticket ids and event sequence go on past whatever those handed out.
            var issues = _skippedIssues.GetValueOrDefault(key) ?? new SkippedIssues();
            var next = hall.SkipNumbersPastDamage(issues.ByFirstItem, issues.DayOpened, issues.All, skipped, _unknownIssues);
            if (skipped > 0)
            {
                CutHalls.Add((hall.Id, skipped, at));
            }

            NumberingMoved.Add((hall.Id, next));
        }
    }
}
