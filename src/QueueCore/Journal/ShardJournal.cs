using System.Buffers;
using MessagePack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QueueCore;

/// <summary>
/// A shard's side of the journal (shard thread only): encodes what the shard applies into records for its
/// <see cref="JournalWriter"/>, and holds each command's result and events until the record is safe
/// (<see cref="JournalWriter.DurablePosition"/>), so nobody hears of a command a crash could take back.
/// </summary>
/// <remarks>
/// Every record is appended at a position; a held result or event run waits for the durable position to pass it.
/// The shard starts a new segment once the current one is full, and writes a snapshot of each of its halls in it;
/// the older segments go to the journal's archive (see <see cref="JournalArchive"/>) once those snapshots are fsynced. A snapshot is taken on the shard thread (a copy
/// of the hall's ticket records, about a millisecond for 60,000 tickets) and saved and encoded on the thread pool
/// (tens of milliseconds for such a hall), so the shard goes on applying commands meanwhile; a
/// <see cref="JournalRecordKind.SnapshotTaken"/> record marks where it was taken. A faulted hall (isolated after it
/// threw) cannot be snapshotted, since its state is unknown: a round that passes one deletes nothing, so the segments
/// holding its last records (every ticket it acknowledged) stay until it is restored or removed, and a restart
/// recovers it from them.
/// </remarks>
internal sealed class ShardJournal : IAsyncDisposable
{
    /// <summary>
    /// A segment holds at least this many times the bytes of the last round of snapshots: with halls of tens of
    /// thousands of waiting tickets, a round of snapshots per <see cref="JournalOptions.SegmentBytes"/> was most of
    /// what the journal wrote (the flusher busy with snapshots, acknowledgements waiting behind them), so snapshots
    /// stay at most a quarter of the log, and the tail that recovery replays stays proportional to the halls' size.
    /// </summary>
    internal const int SegmentPerSnapshotBytes = 4;

    private readonly ArrayBufferWriter<byte> _scratch = new(512);
    private readonly long _segmentBytes;
    private long _segmentStart;
    private readonly Action _wake;
    private readonly EngineMetrics? _metrics;
    private readonly int _shard;
    private readonly ILogger _logger;
    private List<string>? _faultedInRound; // faulted halls the current round could not snapshot: it deletes nothing
    private int _snapshotCursor = -1; // the next hall to snapshot after a roll-over, or -1 when none is pending
    private PendingSnapshot? _pending; // a snapshot being saved off the shard thread
    private TicketRecord[]? _captureBuffer; // reused by each capture (one at a time)
    private long _roundSnapshotBytes; // bytes of the snapshots written so far in the current round
    private long _lastSnapshotBytes;  // bytes of the snapshots of the last complete round
    private long _wholeAt = -1;       // where every hall last had a whole state at the log's end (the start's records)
    private bool _lastRoundCovered;   // whether the last round snapshotted every hall (and so archives the older segments)
    private long _roundMarks;         // bytes of the marks the current round began with (see BeginRound)
    private readonly List<HallEntry> _leftDays = []; // removed halls whose left day each round writes again, until taken (see BeginRound)

    /// <param name="writer">The log.</param>
    /// <param name="segmentBytes">When to start a new segment.</param>
    /// <param name="wake">Wakes the shard (when a snapshot saved off its thread is ready to be written).</param>
    /// <param name="metrics">The engine's instruments (snapshots written), if any.</param>
    /// <param name="shard">The shard whose journal this is (the instruments' tag).</param>
    /// <param name="logger">A logger that never throws (segments kept for a faulted hall), or null.</param>
    public ShardJournal(JournalWriter writer, long segmentBytes, Action wake, EngineMetrics? metrics = null, int shard = 0, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _shard = shard;
        Writer = writer;
        _segmentBytes = segmentBytes;
        _wake = wake;
    }

    /// <summary>Test hook: runs on the thread pool before a hall's snapshot is saved (a test holds it there and acts meanwhile).</summary>
    internal static Action<string>? BeforeSnapshotSaved { get; set; }

    /// <summary>The log.</summary>
    public JournalWriter Writer { get; }

    /// <summary>Results waiting for their record to be safe.</summary>
    public FifoBuffer<HeldResult> Results { get; } = new(1024);

    /// <summary>Events waiting for their command's record to be safe, in publish order.</summary>
    public FifoBuffer<HallEvent> Events { get; } = new(1024);

    /// <summary>Which hall the held events belong to, run by run.</summary>
    public FifoBuffer<HeldEvents> Runs { get; } = new(256);

    /// <summary>Control work (redefinitions, restores, removals) whose answer waits for its records to be safe; rare.</summary>
    public Queue<HeldControl> Controls { get; } = new();

    /// <summary>Whether anything is held.</summary>
    public bool HasHeld => Results.Count != 0 || Runs.Count != 0 || Controls.Count != 0;

    /// <summary>Whether a snapshot saved off the shard thread is ready to be written (the shard should go round).</summary>
    public bool SnapshotReady => _pending?.State.IsCompleted == true;

    /// <summary>Whether something held can be released now (its record is safe, or the journal failed).</summary>
    public bool CanRelease
    {
        get
        {
            if (!HasHeld)
            {
                return false;
            }

            var durable = Writer.DurablePosition;
            return (Results.Count != 0 && Results.Head.Position <= durable)
                || (Runs.Count != 0 && Runs.Head.Position <= durable)
                || (Controls.Count != 0 && Controls.Peek().Position <= durable)
                || Writer.Failure is not null;
        }
    }

    /// <summary>Appends the record of a command the hall with <paramref name="key"/> applied at <paramref name="appliedAt"/>.</summary>
    public void AppendCommand(int key, in HallCommand command, DateTimeOffset appliedAt)
    {
        JournalRecord.WriteCommand(_scratch, key, command, appliedAt);
        Flush();
    }

    /// <summary>Appends the hall as it stands now (definition and saved state).</summary>
    public void AppendHall(HallEntry entry)
    {
        var hall = entry.Hall;
        var state = MessagePackSerializer.Serialize(hall.SaveState());
        JournalRecord.WriteHall(_scratch, JournalRecordKind.Hall, entry.Index, entry.Id, entry.DefinitionJson(), state);
        Flush();
        entry.Journaled = true;
    }

    /// <summary>Appends the removal of the hall with <paramref name="key"/>.</summary>
    public void AppendRemoved(int key)
    {
        JournalRecord.WriteMark(_scratch, JournalRecordKind.Removed, key);
        Flush();
    }

    /// <summary>
    /// Appends what removed hall <paramref name="entry"/> left, <paramref name="day"/> (nothing when null), and has each
    /// round write it again while <see cref="HallEntry.LeftDay"/> holds it: the round lets go of the segment this record is
    /// in, and a restart must still find it. At the removal and at the engine's start; never per command.
    /// </summary>
    public void AppendLeftDay(HallEntry entry, CarriedDay? day)
    {
        if (day is null)
        {
            return;
        }

        WriteLeftDay(entry, day);
        _leftDays.Add(entry);
    }

    private void WriteLeftDay(HallEntry entry, CarriedDay day)
    {
        JournalRecord.WriteLeftDay(_scratch, entry.Id, SavedLeftDay.Serialize(day, entry.Removal));
        Flush();
    }

    /// <summary>
    /// Records that every hall has a whole state at the log's end now (the engine's start wrote them): a stop with nothing
    /// appended since has nothing to snapshot.
    /// </summary>
    public void MarkWhole() => _wholeAt = Writer.AppendedPosition;

    /// <summary>
    /// Stopping, after the shard's last command (shard thread, or the stopping thread for a shard that never ran): a round
    /// of snapshots of every live hall at the start of a new segment, as a roll-over's (a round under way finishes
    /// first), so the older segments go once the writer's close fsyncs it, and a restart, of this version or an upgrade,
    /// replays no command. Waits for each snapshot saved off this thread at most <paramref name="sleeps"/> milliseconds
    /// in all. Until the round is fsynced nothing is deleted, so a failure or a timeout loses nothing: the next start
    /// replays the commands since the last snapshots, as after a crash.
    /// </summary>
    /// <returns>
    /// <see cref="StopSnapshot.Written"/> when every hall was snapshotted, <see cref="StopSnapshot.None"/> when there was
    /// nothing to do (or a faulted hall keeps the older segments: see <see cref="Commit"/>), <see cref="StopSnapshot.TimedOut"/>.
    /// </returns>
    public StopSnapshot SnapshotAtStop(HallEntry[] halls, long sleeps)
    {
        // Not before the generation is ready (a failed start: it is deleted), not on a failed log, not when the start's
        // records are still the log's end, not without a live hall (no snapshot would begin the new segment).
        if (!Writer.IsRunning || Writer.Failure is not null || Writer.AppendedPosition == _wholeAt || !Array.Exists(halls, h => h.IsActive))
        {
            return StopSnapshot.None;
        }

        if (!FinishRound(halls, ref sleeps))
        {
            return StopSnapshot.TimedOut;
        }

        Writer.RequestRoll();
        BeginRound(halls);
        if (!FinishRound(halls, ref sleeps))
        {
            return StopSnapshot.TimedOut;
        }

        return _lastRoundCovered ? StopSnapshot.Written : StopSnapshot.None;
    }

    /// <summary>Runs the round under way, if any, to its end, then hands its records to the flusher; false when <paramref name="sleeps"/> ran out.</summary>
    private bool FinishRound(HallEntry[] halls, ref long sleeps)
    {
        while (_snapshotCursor >= 0)
        {
            if (_pending is { State.IsCompleted: false })
            {
                if (sleeps-- <= 0)
                {
                    Writer.Commit();
                    return false;
                }

                Thread.Sleep(1); // only at stop: the snapshot is being saved on the thread pool
                continue;
            }

            SnapshotNext(halls);
        }

        Writer.Commit();
        return true;
    }

    /// <summary>Holds a command's result until what was appended so far is safe.</summary>
    public void Hold(CommandCompletion completion, in CommandResult result) =>
        Results.Add(new HeldResult(completion, result, Writer.AppendedPosition));

    /// <summary>Holds a hall's events until what was appended so far is safe.</summary>
    public void Hold(HallEntry entry, ReadOnlySpan<HallEvent> events)
    {
        Events.Add(events);
        Runs.Add(new HeldEvents(entry, events.Length, Writer.AppendedPosition));
    }

    /// <summary>
    /// Hands the round's records to the flusher. When the segment is full, starts a new one; then snapshots each live
    /// hall in turn, one at a time (taken here, saved off the shard thread, written when ready), and once every hall
    /// has a record in the new segment, has the older segments archived when that is fsynced. Until then replay still
    /// starts in the older segments, where each hall's earlier record is.
    /// </summary>
    public void Commit(HallEntry[] halls)
    {
        if (_snapshotCursor < 0 && Writer.AppendedPosition - _segmentStart >= Math.Max(_segmentBytes, SegmentPerSnapshotBytes * _lastSnapshotBytes))
        {
            Writer.RequestRoll();
            BeginRound(halls);
        }

        if (_snapshotCursor >= 0)
        {
            SnapshotNext(halls);
        }

        Writer.Commit();
    }

    /// <summary>
    /// Starts a round of snapshots at the start of the new segment with what makes it checkable: a
    /// <see cref="JournalRecord.RoundBegins"/> mark holding the shard's hall count (every key below it must have a whole
    /// state or a removal in the round), and a removal mark for each hall removed earlier (its removal is in the segments
    /// the round lets go). Recovery can then tell a round cut short from a whole one, which the round's last snapshot
    /// alone cannot show. Then the days removed halls left that the engine still keeps (see <see cref="AppendLeftDay"/>).
    /// Once per roll-over, never per command.
    /// </summary>
    private void BeginRound(HallEntry[] halls)
    {
        _segmentStart = Writer.AppendedPosition;
        _snapshotCursor = 0;
        if (!Array.Exists(halls, h => h.IsActive))
        {
            _roundMarks = 0;
            return; // no snapshot to write: the round writes nothing and the older segments stay
        }

        JournalRecord.WriteMark(_scratch, JournalRecordKind.Removed, JournalRecord.RoundBegins(halls.Length));
        Flush();
        for (var key = 0; key < halls.Length; key++)
        {
            if (halls[key].IsRemoved)
            {
                AppendRemoved(key); // the slot: a tombstone stands in every slot of its id (see Shard.Remove)
            }
        }

        _leftDays.RemoveAll(static e => e.LeftDay is null); // taken by a hall added again: its own records carry it now
        foreach (var entry in _leftDays)
        {
            if (entry.LeftDay is { } day) // as the engine keeps it now (only the serial once its date ended)
            {
                WriteLeftDay(entry, day);
            }
        }

        _roundMarks = Writer.AppendedPosition - _segmentStart;
    }

    private void SnapshotNext(HallEntry[] halls)
    {
        if (_pending is { } pending)
        {
            if (!pending.State.IsCompleted)
            {
                return;
            }

            _pending = null;
            WriteSnapshot(pending);
        }

        while (_snapshotCursor < halls.Length && !halls[_snapshotCursor].IsActive)
        {
            if (halls[_snapshotCursor].IsFaulted)
            {
                // Its state is unknown, so no snapshot of it; its last good records are in the older segments.
                (_faultedInRound ??= []).Add(halls[_snapshotCursor].Id);
            }

            _snapshotCursor++;
        }

        if (_snapshotCursor < halls.Length)
        {
            TakeSnapshot(halls[_snapshotCursor++]);
            return;
        }

        _snapshotCursor = -1;
        (_lastSnapshotBytes, _roundSnapshotBytes) = (_roundSnapshotBytes, 0);
        if (_faultedInRound is { } faulted)
        {
            // Deleting the older segments would delete the faulted halls' tickets with them (a restart would not know
            // the halls at all): they stay until a round finds every hall snapshotted (restored or removed by then).
            _faultedInRound = null;
            _lastRoundCovered = false;
            Log.JournalSegmentsKeptForFaultedHalls(_logger, _shard, string.Join(", ", faulted));
            return;
        }

        _lastRoundCovered = true;
        if (Writer.AppendedPosition == _segmentStart + _roundMarks)
        {
            // No live hall, so no record in the new segment: the older ones stay. A log's first segment past position 0
            // thus always begins with the round that let the older ones go, and recovery reports it empty as damage.
            return;
        }

        Writer.RequestDeleteBefore(_segmentStart, Writer.AppendedPosition);
    }

    private void TakeSnapshot(HallEntry entry)
    {
        var capture = entry.Hall.CaptureState(_captureBuffer);
        _captureBuffer = capture.Records;
        JournalRecord.WriteMark(_scratch, JournalRecordKind.SnapshotTaken, entry.Index);
        Flush();
        var id = entry.Id;
        var state = Task.Run(() =>
        {
            BeforeSnapshotSaved?.Invoke(id);
            return MessagePackSerializer.Serialize(capture.Complete());
        });
        _ = state.ContinueWith(static (_, wake) => Wake((Action)wake!), _wake, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _pending = new PendingSnapshot(entry, capture.Hall, entry.DefinitionJson(), state);
    }

    private static void Wake(Action wake)
    {
        try
        {
            wake();
        }
        catch (ObjectDisposedException)
        {
            // The engine stopped while the snapshot was being saved: nobody is left to wake, and the snapshot is dropped.
        }
    }

    private void WriteSnapshot(PendingSnapshot pending)
    {
        var entry = pending.Entry;
        if (entry.IsRemoved || !ReferenceEquals(entry.Hall, pending.Hall))
        {
            return; // removed, redefined or restored since: its own record, after the mark, supersedes this one
        }

        // A hall that faulted after the capture is still written: the capture was taken between two commands, before the
        // fault, and its commands after the mark are in the log up to the one that threw.
        var before = Writer.AppendedPosition;
        if (!pending.State.IsCompletedSuccessfully)
        {
            if (entry.IsFaulted)
            {
                (_faultedInRound ??= []).Add(entry.Id); // its state now is unknown: keep the older segments instead
                return;
            }

            AppendHall(entry); // saving failed (an engine bug): record the hall as it stands now instead, on this thread
        }
        else
        {
            JournalRecord.WriteHall(_scratch, JournalRecordKind.Snapshot, entry.Index, entry.Id, pending.Definition, pending.State.Result);
            Flush();
        }

        _roundSnapshotBytes += Writer.AppendedPosition - before;
        _metrics?.SnapshotWritten(_shard);
    }

    private void Flush()
    {
        Writer.Append(_scratch.WrittenSpan);
        _scratch.ResetWrittenCount();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Writer.DisposeAsync();
}

/// <summary>What a stop's round of snapshots did (<see cref="ShardJournal.SnapshotAtStop"/>).</summary>
internal enum StopSnapshot
{
    /// <summary>Nothing to snapshot, or a faulted hall keeps the older segments (logged): the next start replays what it must.</summary>
    None,

    /// <summary>Every live hall was snapshotted; once the writer's close fsyncs it, nothing is left to replay.</summary>
    Written,

    /// <summary>A snapshot was not saved in time: the older segments stay, and the next start replays them.</summary>
    TimedOut,
}

/// <summary>A command's result waiting for its record to be safe.</summary>
internal readonly record struct HeldResult(CommandCompletion Completion, CommandResult Result, long Position);

/// <summary>Control work whose answer waits for its records (up to <c>Position</c>) to be safe.</summary>
internal readonly record struct HeldControl(ShardWorkItem Item, HallEntry? Entry, long Position);

/// <summary>A hall's snapshot being saved off the shard thread.</summary>
internal sealed record PendingSnapshot(HallEntry Entry, Hall Hall, byte[] Definition, Task<byte[]> State);

/// <summary>A run of one hall's events waiting for their command's record to be safe.</summary>
internal readonly record struct HeldEvents(HallEntry Entry, int Count, long Position);
