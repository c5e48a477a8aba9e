using System.Buffers;
using MessagePack;

namespace QueueCore;

/// <summary>
/// A shard's side of the journal (shard thread only): encodes what the shard applies into records for its
/// <see cref="JournalWriter"/>, and holds each command's result and events until the record is safe
/// (<see cref="JournalWriter.DurablePosition"/>), so nobody hears of a command a crash could take back.
/// </summary>
/// <remarks>
/// Every record is appended at a position; a held result or event run waits for the durable position to pass it.
/// The shard starts a new segment once the current one is full, and writes a snapshot of each of its halls at the
/// start of it; the older segments are deleted once that snapshot is fsynced.
/// </remarks>
internal sealed class ShardJournal : IAsyncDisposable
{
    private readonly ArrayBufferWriter<byte> _scratch = new(512);
    private readonly long _segmentBytes;
    private long _segmentStart;
    private int _snapshotCursor = -1; // the next hall to snapshot after a roll-over, or -1 when none is pending

    public ShardJournal(JournalWriter writer, long segmentBytes)
    {
        Writer = writer;
        _segmentBytes = segmentBytes;
    }

    /// <summary>The log.</summary>
    public JournalWriter Writer { get; }

    /// <summary>Results waiting for their record to be safe.</summary>
    public FifoBuffer<HeldResult> Results { get; } = new(1024);

    /// <summary>Events waiting for their command's record to be safe, in publish order.</summary>
    public FifoBuffer<HallEvent> Events { get; } = new(1024);

    /// <summary>Which hall the held events belong to, run by run.</summary>
    public FifoBuffer<HeldEvents> Runs { get; } = new(256);

    /// <summary>Whether anything is held.</summary>
    public bool HasHeld => Results.Count != 0 || Runs.Count != 0;

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
        JournalRecord.WriteHall(_scratch, entry.Index, entry.Id, entry.DefinitionJson(), state);
        Flush();
        entry.Journaled = true;
    }

    /// <summary>Appends the removal of the hall with <paramref name="key"/>.</summary>
    public void AppendRemoved(int key)
    {
        JournalRecord.WriteRemoved(_scratch, key);
        Flush();
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
    /// Hands the round's records to the flusher. When the segment is full, starts a new one; then, a hall per round
    /// (so no round stalls on snapshotting every hall at once), records each live hall as it stands, and once every
    /// hall has a record in the new segment, has the older segments deleted when that is fsynced. Until then replay
    /// still starts in the older segments, where each hall's earlier record is.
    /// </summary>
    public void Commit(HallEntry[] halls)
    {
        if (_snapshotCursor < 0 && Writer.AppendedPosition - _segmentStart >= _segmentBytes)
        {
            Writer.RequestRoll();
            _segmentStart = Writer.AppendedPosition;
            _snapshotCursor = 0;
        }

        if (_snapshotCursor >= 0)
        {
            SnapshotNext(halls);
        }

        Writer.Commit();
    }

    private void SnapshotNext(HallEntry[] halls)
    {
        while (_snapshotCursor < halls.Length && !halls[_snapshotCursor].IsActive)
        {
            _snapshotCursor++;
        }

        if (_snapshotCursor < halls.Length)
        {
            AppendHall(halls[_snapshotCursor++]);
            return;
        }

        _snapshotCursor = -1;
        Writer.RequestDeleteBefore(_segmentStart, Writer.AppendedPosition);
    }

    private void Flush()
    {
        Writer.Append(_scratch.WrittenSpan);
        _scratch.ResetWrittenCount();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Writer.DisposeAsync();
}

/// <summary>A command's result waiting for its record to be safe.</summary>
internal readonly record struct HeldResult(CommandCompletion Completion, CommandResult Result, long Position);

/// <summary>A run of one hall's events waiting for their command's record to be safe.</summary>
internal readonly record struct HeldEvents(HallEntry Entry, int Count, long Position);
