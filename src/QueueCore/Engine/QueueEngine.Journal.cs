using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <remarks>This part: recovering from the journal and starting its next generation, when the engine is created.</remarks>
public sealed partial class QueueEngine
{
    private FileStream? _journalLock; // held from the constructor until every shard stopped: one engine per directory
    private string? _newGeneration;   // the generation this start writes, until it is marked ready

    /// <summary>
    /// Refuses a journal where dynamic code is off: the journal saves halls with MessagePack's dynamic serializers, so
    /// without it every hall faulted on its first command ("Failed to serialize QueueCore.HallState value"), one by one,
    /// long after the start. Said once, at the start, with the way out.
    /// </summary>
    internal static void RequireDynamicCodeForJournal(bool dynamicCodeSupported)
    {
        if (!dynamicCodeSupported)
        {
            throw new NotSupportedException(
                "The journal (QueueEngineOptions.Journal) needs dynamic code, which this app runs without (PublishAot is set; " +
                "a file-based app sets it by default): its MessagePack serializers generate code at run time. Set PublishAot " +
                "to false (in a file-based app, '#:property PublishAot=false'), or run the engine without a journal.");
        }
    }

    /// <summary>
    /// Says at Warning when <see cref="JournalMode.None"/> leaves a journal in the configured directory unused: the
    /// halls come up without its day, and a later start with a journal brings back that day as it stood, without this
    /// run's tickets. Only a look at the directory's names, once; a directory that cannot be read says nothing.
    /// </summary>
    private static void WarnIfJournalNotUsed(JournalOptions journal, ILogger logger)
    {
        if (journal.Mode != JournalMode.None || string.IsNullOrWhiteSpace(journal.Directory))
        {
            return;
        }

        try
        {
            if (Directory.Exists(journal.Directory) && Directory.EnumerateDirectories(journal.Directory, JournalStore.Prefix + "*").Any())
            {
                Log.JournalNotUsed(logger, Path.GetFullPath(journal.Directory));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Unreadable or not a path: the engine keeps nothing there anyway.
        }
    }

    /// <summary>
    /// Recovers the halls of the newest ready generation, opens a new generation with one log per shard, records
    /// every recovered hall there, waits until that is on disk, then marks the generation ready and moves the old
    /// ones to the archive. Runs in the constructor, before any thread starts.
    /// </summary>
    /// <exception cref="IOException">The data directory cannot be read or written, or another engine uses it (the message names it).</exception>
    private void OpenJournal(CommandCompletionPool pool)
    {
        var options = Options.Journal;
        var directory = Path.GetFullPath(options.Directory!);
        List<Hall> halls;
        IReadOnlyList<(string Id, SavedLeftDay Day)> leftDays;
        JournalRecovery report;
        IReadOnlyList<string> keep;
        string generation;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The journal's data directory '{directory}' cannot be used: {ex.Message}", ex);
        }

        FileSizeLimit.FailWritesInsteadOfDying(); // a segment at the process's file size limit fails its write, as on a full disk
        _journalLock = JournalStore.Lock(directory); // before reading: another engine may be writing what we would read and delete
        try
        {
            (halls, report, keep, leftDays) = JournalStore.Recover(directory, TimeProvider, _logger);
            var (id, made) = JournalIdentity.Open(directory, recovered: report.Generation != 0);
            if (made is not null)
            {
                Log.JournalIdentityMade(_logger, directory, id, made);
            }

            report = report with { JournalId = id };
            generation = JournalStore.GenerationPath(directory, report.NewGeneration);
            _newGeneration = generation;
            if (Directory.Exists(generation))
            {
                Directory.Delete(generation, recursive: true); // an earlier start died before making it ready: it holds nothing acknowledged
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The journal's data directory '{directory}' cannot be used: {ex.Message}", ex);
        }

        var archive = new JournalArchive(directory, options.ArchiveRetention, TimeProvider, _logger);
        try
        {
            for (var i = 0; i < _shards.Length; i++)
            {
                var logs = JournalStore.ShardPath(generation, i);
                var shard = i;
                _shards[i] = new Shard(
                    i, Options, pool, TimeProvider, _logger, _metrics,
                    wake => new ShardJournal(
                        new JournalWriter(logs, options.Mode, options.FlushInterval, wake, TimeProvider, _logger, Options.SegmentOpener, _metrics, shard, archive),
                        options.SegmentBytes,
                        wake,
                        _metrics,
                        shard,
                        _logger));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The journal's data directory '{directory}' cannot be used: {ex.Message}", ex);
        }

        foreach (var hall in halls.OrderBy(h => h.Id, StringComparer.Ordinal))
        {
            hall.MatchReferencesIgnoringCase(); // replayed as written; the new generation's records carry today's rule
            Place(hall.Definition, _ => hall, recovered: true);
        }

        KeepLeftDays(leftDays); // written with the start's records: this generation holds them too

        var starts = new ShardStart[_shards.Length];
        for (var i = 0; i < _shards.Length; i++)
        {
            var shard = _shards[i];
            shard.JournalNewHalls();
            // What the start wrote, for the marker: recovery cannot otherwise tell where these records end, nor miss them.
            starts[i] = new ShardStart(shard.Journal!.Writer.AppendedPosition, [.. shard.Halls.Where(h => h.Journaled).Select(h => h.Id)]);
            shard.Journal.MarkWhole(); // a stop with nothing after these records has nothing to snapshot
            shard.Journal.Commit(shard.Halls);
        }

        foreach (var shard in _shards)
        {
            // Fsynced in either mode before the marker says they are safe: in the batched mode they were only handed to
            // the OS at the next beat, and a power loss could leave a ready generation without its halls.
            shard.Journal!.Writer.SyncSoon();
            WaitUntilSafe(shard.Journal.Writer, directory);
        }

        try
        {
            JournalStore.Complete(directory, generation, starts, keep, archive, options.SegmentBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The journal's data directory '{directory}' cannot be used: {ex.Message}", ex);
        }

        foreach (var shard in _shards)
        {
            if (!shard.Journal!.Writer.BeginRunning())
            {
                // It failed after the start's records were safe: the start fails all the same (the ready generation
                // holds them, and the next start recovers from it).
                var failure = shard.Journal.Writer.Failure!;
                throw new IOException($"The journal cannot write in '{directory}': {failure.Message}", failure);
            }
        }

        _newGeneration = null;
        Recovery = report;
        Log.JournalStarted(_logger, options.Mode, report.NewGeneration, directory);
    }

    /// <summary>
    /// After a failed start (its writers closed): deletes the generation it began if it never marked it ready. It holds
    /// nothing acknowledged, and on a full disk each failed start would otherwise leave another one taking space.
    /// </summary>
    private void DeleteUnfinishedGeneration()
    {
        if (_newGeneration is not { } generation || !Directory.Exists(generation) || JournalStore.IsReady(generation))
        {
            return;
        }

        try
        {
            Directory.Delete(generation, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next start deletes it (an unmarked generation holding only what a start writes); this one is failing anyway.
        }
    }

    /// <summary>Lets another engine use the directory: once the shards (and their journal writers) stopped, or the constructor failed.</summary>
    private void ReleaseJournalLock()
    {
        _journalLock?.Dispose();
        _journalLock = null;
    }

    /// <summary>Waits until the writer has fsynced every record appended so far (the start's), or fails naming the directory.</summary>
    private static void WaitUntilSafe(JournalWriter writer, string directory)
    {
        // Counted sleeps, not the clock: a test's frozen clock must not hang the constructor. About 30 s.
        for (var i = 0; writer.SyncedPosition < writer.AppendedPosition; i++)
        {
            if (writer.Failure is { } failure)
            {
                throw new IOException($"The journal cannot write in '{directory}': {failure.Message}", failure);
            }

            if (i > 30_000)
            {
                throw new IOException($"The journal in '{directory}' did not reach the disk within 30 seconds.");
            }

            Thread.Sleep(1);
        }
    }
}
