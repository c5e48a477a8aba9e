using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>
/// One shard's append-only log. The shard thread frames records into a <see cref="Pipe"/> and never touches the
/// disk; a flusher of its own drains the pipe, writes what has accumulated to the current segment file and fsyncs
/// it: one fsync for every record that arrived during the previous one (group commit). <see cref="DurablePosition"/>
/// says how far the log is safe, so the shard acknowledges commands up to there.
/// </summary>
/// <remarks>
/// The flusher is a thread of its own that blocks between batches (the same sleep handshake as the shard's), not an
/// async loop: an awaited read would resume on the thread pool, behind every acknowledged client's continuation, and
/// each fsync would wait its turn there (it did: ack p99 several milliseconds at 140k acknowledgements a second).
/// </remarks>
/// <remarks>
/// Positions are byte offsets in the shard's log, counted over all its segments; a segment file is named after the
/// position of its first record. The shard chooses where a new segment starts (<see cref="RequestRoll"/>, always at
/// a record boundary, so no record spans two files) and which old segments may go once a snapshot after them is
/// safe (<see cref="RequestDeleteBefore"/>).
/// </remarks>
internal sealed class JournalWriter : IAsyncDisposable
{
    // Large segments: a batch reaches the file in few writes (one syscall per segment; the file has no buffer of its own).
    private readonly Pipe _pipe = new(new PipeOptions(new JournalBlockPool(), pauseWriterThreshold: 0, resumeWriterThreshold: 0, minimumSegmentSize: JournalBlockPool.BlockSize, useSynchronizationContext: false));
    private readonly ConcurrentQueue<long> _rolls = new(); // positions where a new segment starts, in order
    private readonly ConcurrentQueue<(long Before, long WhenSynced)> _deletions = new();
    private readonly string _directory;
    private readonly JournalMode _mode;
    private readonly TimeSpan _flushInterval;
    private readonly Action _onDurable;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<string, Stream> _open;
    private readonly EngineMetrics? _metrics;
    private readonly JournalArchive? _archive;
    private readonly int _shard;
    private readonly TaskCompletionSource _flusherStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _work = new(false, spinCount: 0);
    private readonly ITimer? _syncTimer;

    private const int Starting = 0, Running = 1, FailedStarting = 2;

    private long _appended;        // shard thread: bytes framed so far (the position after the last record)
    private long _committed;       // shard thread writes, flusher reads: the position handed to the flusher by the last Commit
    private int _flusherSleeping;  // 1 while the flusher waits for work (it is then woken by a Commit)
    private int _beat;             // 1 when the batched mode's beat has come and not been served
    private int _stopping;         // 1 once disposing: the flusher drains what is left and ends
    private long _durable;         // flusher writes, any thread reads: bytes safe for the mode
    private long _synced;          // flusher writes, any thread reads: bytes fsynced
    private int _phase;            // Starting, Running or FailedStarting: decided once, by whichever of the engine and the flusher comes first
    private Stream? _segment;
    private Exception? _failure;

    /// <summary>Opens a log in <paramref name="directory"/> (created if missing), from position 0, and makes its first segment.</summary>
    /// <param name="directory">The shard's log directory.</param>
    /// <param name="mode">Durable (fsync every batch) or batched (fsync on a beat).</param>
    /// <param name="flushInterval">The batched mode's beat.</param>
    /// <param name="onDurable">Called on the flusher after each batch is safe (wakes the shard).</param>
    /// <param name="time">The engine's clock (the beat's timer).</param>
    /// <param name="logger">A logger that never throws.</param>
    /// <param name="openSegment">Opens a new segment file for writing (tests inject failing disks here); default a <see cref="FileStream"/>.</param>
    /// <param name="metrics">The engine's instruments (bytes written, fsync durations), if any.</param>
    /// <param name="shard">The shard whose log this is (the instruments' tag).</param>
    /// <param name="archive">Where the segments a snapshot made unnecessary go (null: they are deleted).</param>
    /// <exception cref="IOException">The directory or the first segment cannot be made.</exception>
    public JournalWriter(
        string directory, JournalMode mode, TimeSpan flushInterval, Action onDurable, TimeProvider time, ILogger logger,
        Func<string, Stream>? openSegment = null, EngineMetrics? metrics = null, int shard = 0, JournalArchive? archive = null)
    {
        _metrics = metrics;
        _archive = archive;
        _shard = shard;
        _time = time;
        _directory = directory;
        _mode = mode;
        _flushInterval = flushInterval;
        _onDurable = onDurable;
        _logger = logger;
        _open = openSegment ?? OpenFile;
        Directory.CreateDirectory(directory);

        // The first segment is made now, even if nothing is ever written to it: every shard of a ready generation has a
        // segment, so recovery can tell a lost one from a shard that had nothing to say.
        _segment = _open(Path.Combine(directory, SegmentName(0)));
        try
        {
            DirectorySync.Sync(directory);
        }
        catch
        {
            _segment.Dispose();
            throw;
        }

        if (mode == JournalMode.Batched)
        {
            // Batched: the flusher fsyncs on this beat even when no record comes to wake it.
            _syncTimer = time.CreateTimer(static s => ((JournalWriter)s!).Beat(), this, flushInterval, flushInterval);
        }

        new Thread(FlushLoop) { IsBackground = true, Name = "QueueCore journal " + Path.GetFileName(directory) }.Start();
    }

    /// <summary>Durable (fsync every batch) or batched.</summary>
    public JournalMode Mode => _mode;

    /// <summary>The position after the last record appended (shard thread).</summary>
    public long AppendedPosition => _appended;

    /// <summary>The position up to which records are safe for the mode: fsynced (durable) or written to the OS (batched). Any thread.</summary>
    public long DurablePosition => Volatile.Read(ref _durable); // acquire: pairs with the flusher's release after the write

    /// <summary>The position up to which records are fsynced, in either mode. Any thread.</summary>
    public long SyncedPosition => Volatile.Read(ref _synced); // acquire: pairs with the flusher's release in Synced

    /// <summary>
    /// Asks the flusher to fsync what it has written now rather than at the batched mode's next beat: the engine's start
    /// wants its records on disk before it marks its generation ready (durable mode: they are already). Any thread.
    /// </summary>
    public void SyncSoon() => Beat();

    /// <summary>Why the journal stopped writing, if it did (a full disk, an unwritable directory): then nothing more is acknowledged.</summary>
    public Exception? Failure => Volatile.Read(ref _failure); // acquire: the exception is seen whole

    /// <summary>
    /// Ends the engine's start: what the start wrote is safe, and a failure from now on stops commands being
    /// acknowledged. False when the log failed before (the start fails instead, and the failure said so).
    /// </summary>
    public bool BeginRunning() => Interlocked.CompareExchange(ref _phase, Running, Starting) == Starting; // full fence: one side decides

    /// <summary>Whether the engine's start ended with this log ready (<see cref="BeginRunning"/>). Any thread.</summary>
    public bool IsRunning => Volatile.Read(ref _phase) == Running; // acquire: pairs with the exchange in BeginRunning

    /// <summary>Frames <paramref name="payload"/> into the pipe (shard thread); returns the position after it.</summary>
    public long Append(ReadOnlySpan<byte> payload)
    {
        JournalFrame.Write(_pipe.Writer, payload);
        return _appended += JournalFrame.HeaderSize + payload.Length;
    }

    /// <summary>Hands what was appended to the flusher (shard thread, once per round of commands). Never waits.</summary>
    public void Commit()
    {
        if (_appended == _committed)
        {
            return;
        }

        var flush = _pipe.Writer.FlushAsync();
        if (!flush.IsCompleted)
        {
            // The pipe never pauses its writer (no threshold): an incomplete flush can only mean it is completing.
            _ = flush.AsTask();
        }

        Interlocked.Exchange(ref _committed, _appended); // full fence: published before we look whether the flusher sleeps
        if (Volatile.Read(ref _flusherSleeping) != 0)
        {
            _work.Set();
        }
    }

    /// <summary>The next record appended starts a new segment file (shard thread).</summary>
    public void RequestRoll()
    {
        _rolls.Enqueue(_appended);
    }

    /// <summary>
    /// Segments that end at or before <paramref name="before"/> go (to the archive, if any, else deleted) once the log is
    /// fsynced up to <paramref name="whenSynced"/> (the end of a snapshot that makes them unnecessary). Shard thread.
    /// </summary>
    public void RequestDeleteBefore(long before, long whenSynced) => _deletions.Enqueue((before, whenSynced));

    /// <summary>The segment file for the records from <paramref name="start"/> on.</summary>
    public static string SegmentName(long start) => $"{start:x16}.qlog";

    /// <summary>The start position a segment file's name gives, or -1 when it is not a segment.</summary>
    public static long SegmentStart(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length == 21 && name.EndsWith(".qlog", StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(0, 16), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var start) ? start : -1;
    }

    private static FileStream OpenFile(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);

    private void FlushLoop()
    {
        var reader = _pipe.Reader;
        var lastSync = _time.GetTimestamp();
        var position = 0L;
        try
        {
            while (true)
            {
                if (!reader.TryRead(out var read))
                {
                    if (Interlocked.Exchange(ref _beat, 0) != 0 && _segment is not null && Volatile.Read(ref _synced) < position)
                    {
                        var started = _time.GetTimestamp();
                        Flush(_segment, sync: true); // the batched mode's beat, or the engine's start asking (SyncSoon)
                        lastSync = _time.GetTimestamp();
                        _metrics?.JournalSynced(_shard, _time.GetElapsedTime(started, lastSync).TotalSeconds);
                        Synced(position);
                    }

                    WaitForWork(position);
                    continue;
                }

                var buffer = read.Buffer;
                if (!buffer.IsEmpty)
                {
                    foreach (var memory in buffer)
                    {
                        position = Write(memory, position);
                    }

                    var sync = _mode == JournalMode.Durable || _time.GetElapsedTime(lastSync) >= _flushInterval;
                    var flushStarted = _time.GetTimestamp();
                    Flush(_segment!, sync);
                    _metrics?.JournalWritten(_shard, buffer.Length);
                    if (sync)
                    {
                        lastSync = _time.GetTimestamp();
                        _metrics?.JournalSynced(_shard, _time.GetElapsedTime(flushStarted, lastSync).TotalSeconds);
                        _beat = 0;
                    }

                    reader.AdvanceTo(buffer.End);
                    Volatile.Write(ref _durable, position); // release: after the bytes are where the mode wants them
                    if (sync)
                    {
                        Synced(position);
                    }

                    _onDurable();
                }
                else
                {
                    reader.AdvanceTo(buffer.End);
                }

                if (read.IsCompleted)
                {
                    break;
                }
            }

            if (_segment is not null)
            {
                Flush(_segment, sync: true);
                Synced(position);
            }
        }
        catch (Exception caught) // a disk that fails (IOException and the like) or a bug: either way nothing more is safe
        {
            var ex = FileSizeLimit.Explain(caught, _directory);
            Volatile.Write(ref _failure, ex); // release: published before the shard is woken to read it
            if (Interlocked.CompareExchange(ref _phase, FailedStarting, Starting) == Starting)
            {
                // The engine never ran (a full disk at start): nothing of this start was acknowledged, and it fails.
                Log.JournalFailedAtStart(_logger, ex, _directory);
            }
            else
            {
                Log.JournalFailed(_logger, ex, _directory);
            }

            reader.Complete(ex);
            _onDurable(); // wake the shard: it refuses what cannot be made durable
        }
        finally
        {
            try
            {
                _segment?.Dispose();
            }
            catch (IOException)
            {
                // the failure was already recorded; a second one while closing adds nothing
            }

            _flusherStopped.TrySetResult();
        }
    }

    /// <summary>
    /// Blocks until the shard commits past <paramref name="position"/>, the beat comes or the log closes. The
    /// flusher's half of the sleep handshake: announce sleep (full fence), look once more, only then wait.
    /// </summary>
    private void WaitForWork(long position)
    {
        _work.Reset();
        Interlocked.Exchange(ref _flusherSleeping, 1); // full fence: the flag is visible before we look at the committed position
        if (Volatile.Read(ref _committed) == position && Volatile.Read(ref _beat) == 0 && Volatile.Read(ref _stopping) == 0)
        {
            _work.Wait();
        }

        Volatile.Write(ref _flusherSleeping, 0);
    }

    private void Beat()
    {
        Volatile.Write(ref _beat, 1);
        _work.Set();
    }

    /// <summary>Writes one chunk at <paramref name="position"/>, starting new segments where the shard asked; returns the position after it.</summary>
    private long Write(ReadOnlyMemory<byte> memory, long position)
    {
        var span = memory.Span;
        while (!span.IsEmpty)
        {
            if (_rolls.TryPeek(out var roll) && roll < position + span.Length && roll >= position)
            {
                var before = (int)(roll - position);
                if (before > 0)
                {
                    _segment!.Write(span[..before]);
                    span = span[before..];
                    position = roll;
                }

                _rolls.TryDequeue(out _);
                Roll(position);
                continue;
            }

            if (_segment is null)
            {
                Roll(position);
            }

            _segment!.Write(span);
            position += span.Length;
            span = default;
        }

        return position;
    }

    private void Roll(long position)
    {
        if (_segment is not null)
        {
            Flush(_segment, sync: true); // the old file is complete on disk before the next one starts
            _segment.Dispose();
        }

        _segment = _open(Path.Combine(_directory, SegmentName(position)));
        DirectorySync.Sync(_directory); // the new file's name is on disk before any record in it is called safe
    }

    private static void Flush(Stream segment, bool sync)
    {
        if (segment is FileStream file)
        {
            file.Flush(flushToDisk: sync); // durable: fsync; otherwise in the OS, which survives a process crash
        }
        else
        {
            segment.Flush();
        }
    }

    /// <summary>
    /// Records how far the log is fsynced and moves the segments a safe snapshot made unnecessary to the archive (or
    /// deletes them). Only a round of snapshots allocates here (the list), never a command.
    /// </summary>
    private void Synced(long position)
    {
        Volatile.Write(ref _synced, position); // release: read by tests and health
        var before = -1L;
        while (_deletions.TryPeek(out var deletion) && deletion.WhenSynced <= position && _deletions.TryDequeue(out _))
        {
            before = Math.Max(before, deletion.Before);
        }

        if (before < 0)
        {
            return;
        }

        var gone = Directory.EnumerateFiles(_directory, "*.qlog").Where(f => SegmentStart(f) is var start and >= 0 && start < before).ToList();
        if (gone.Count == 0)
        {
            return;
        }

        if (_archive is null)
        {
            gone.ForEach(File.Delete);
        }
        else
        {
            _archive.Take(_directory, gone);
        }

        DirectorySync.Sync(_directory); // once per round of snapshots, not per command
        _archive?.PruneSoon();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_syncTimer is not null)
        {
            await _syncTimer.DisposeAsync().ConfigureAwait(false);
        }

        await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref _stopping, 1); // full fence: set before the wake, so a flusher about to sleep sees it
        _work.Set();
        await _flusherStopped.Task.ConfigureAwait(false);
        _work.Dispose();
    }
}
