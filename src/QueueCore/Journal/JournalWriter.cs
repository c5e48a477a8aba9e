using System.IO.Pipelines;
using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>
/// One shard's append-only log. The shard thread frames records into a <see cref="Pipe"/> and never touches the
/// disk; a flusher of its own drains the pipe, writes what has accumulated to the current segment file and fsyncs
/// it: one fsync for every record that arrived during the previous one (group commit). <see cref="DurablePosition"/>
/// says how far the log is safe, so the shard acknowledges commands up to there.
/// </summary>
internal sealed class JournalWriter : IAsyncDisposable
{
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private readonly string _directory;
    private readonly JournalMode _mode;
    private readonly long _segmentBytes;
    private readonly TimeSpan _flushInterval;
    private readonly Action _onDurable;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Task _flusher;
    private readonly ITimer? _syncTimer;

    private long _appended;        // shard thread: bytes framed so far (the position after the last record)
    private long _durable;         // flusher writes, shard reads: bytes safe for the mode
    private FileStream? _segment;
    private long _segmentStart;
    private Exception? _failure;

    /// <summary>Opens the log in <paramref name="directory"/>, continuing after <paramref name="position"/>.</summary>
    public JournalWriter(string directory, long position, JournalMode mode, long segmentBytes, TimeSpan flushInterval, Action onDurable, TimeProvider time, ILogger logger)
    {
        _time = time;
        _directory = directory;
        _mode = mode;
        _segmentBytes = segmentBytes;
        _flushInterval = flushInterval;
        _onDurable = onDurable;
        _logger = logger;
        _appended = _durable = position;
        Directory.CreateDirectory(directory);
        if (mode == JournalMode.Batched)
        {
            // Batched: the flusher fsyncs on this beat even when no record comes to wake it.
            _syncTimer = time.CreateTimer(static s => ((Pipe)s!).Reader.CancelPendingRead(), _pipe, flushInterval, flushInterval);
        }

        _flusher = Task.Factory.StartNew(FlushLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>The position after the last record appended (shard thread).</summary>
    public long AppendedPosition => _appended;

    /// <summary>The position up to which records are safe for the mode (any thread).</summary>
    public long DurablePosition => Volatile.Read(ref _durable);

    /// <summary>Why the journal stopped writing, if it did (a full disk, an unwritable directory): then nothing more is acknowledged.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Frames <paramref name="payload"/> into the pipe (shard thread); returns the position after it.</summary>
    public long Append(ReadOnlySpan<byte> payload)
    {
        JournalFrame.Write(_pipe.Writer, payload);
        return _appended += JournalFrame.HeaderSize + payload.Length;
    }

    /// <summary>Hands what was appended to the flusher (shard thread, once per round of commands). Never waits.</summary>
    public void Commit()
    {
        var flush = _pipe.Writer.FlushAsync();
        if (!flush.IsCompleted)
        {
            // The pipe never pauses its writer (no threshold): an incomplete flush can only mean it is completing.
            _ = flush.AsTask();
        }
    }

    /// <summary>The segment file for the records from <paramref name="start"/> on.</summary>
    public static string SegmentName(long start) => $"{start:x16}.qlog";

    private async Task FlushLoopAsync()
    {
        var reader = _pipe.Reader;
        var lastSync = _time.GetTimestamp();
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                if (read.IsCanceled && buffer.IsEmpty)
                {
                    _segment?.Flush(flushToDisk: true); // the batched mode's beat
                    lastSync = _time.GetTimestamp();
                    reader.AdvanceTo(buffer.End);
                    continue;
                }

                if (!buffer.IsEmpty)
                {
                    var position = Volatile.Read(ref _durable);
                    foreach (var memory in buffer)
                    {
                        Segment(position).Write(memory.Span);
                        position += memory.Length;
                    }

                    var sync = _mode == JournalMode.Durable || _time.GetElapsedTime(lastSync) >= _flushInterval;
                    if (sync)
                    {
                        _segment!.Flush(flushToDisk: true);
                        lastSync = _time.GetTimestamp();
                    }
                    else
                    {
                        _segment!.Flush(flushToDisk: false); // in the OS: survives a process crash
                    }

                    reader.AdvanceTo(buffer.End);
                    Volatile.Write(ref _durable, position);
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

            _segment?.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Volatile.Write(ref _failure, ex);
            Log.JournalFailed(_logger, ex, _directory);
            await reader.CompleteAsync(ex).ConfigureAwait(false);
            _onDurable(); // wake the shard: it refuses what cannot be made durable
        }
        finally
        {
            if (_segment is not null)
            {
                await _segment.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The open segment, rolled over to a new file once it is full.</summary>
    private FileStream Segment(long position)
    {
        if (_segment is not null && position - _segmentStart < _segmentBytes)
        {
            return _segment;
        }

        _segment?.Flush(flushToDisk: true);
        _segment?.Dispose();
        _segmentStart = position;
        _segment = new FileStream(
            Path.Combine(_directory, SegmentName(position)), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        return _segment;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_syncTimer is not null)
        {
            await _syncTimer.DisposeAsync().ConfigureAwait(false);
        }

        await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        await _flusher.ConfigureAwait(false);
    }
}
