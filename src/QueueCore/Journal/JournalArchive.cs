using System.Globalization;
using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>
/// Where the journal keeps the segments recovery no longer needs, for <see cref="DayTraceExport"/>: those a round of
/// snapshots covered and those of the generations before the current start's, under
/// <c>archive/gen-NNNNNNNNNN/shard-N/</c> with the names they had (a rename: the same file system), until they are older
/// than <see cref="JournalOptions.ArchiveRetention"/>. Recovery never reads it, and it holds no live generation.
/// </summary>
/// <remarks>
/// Segments arrive from the shards' flushers, after a roll-over's snapshots are safe, and from the start, for the
/// older generations; the prune runs at each start and, on the thread pool, after each roll-over, never on a shard's
/// thread or its flusher. A directory is removed only under <see cref="Directories"/>, so a flusher never moves a
/// segment into a directory a prune is removing (one lock for the process: an engine's prune may still run while the
/// next engine on the directory starts). The archive serves the export only: a segment it cannot take is deleted, as
/// without it, and logged, rather than stopping the journal.
/// </remarks>
internal sealed class JournalArchive(string directory, TimeSpan retention, TimeProvider time, ILogger logger)
{
    /// <summary>The archive's subdirectory of the journal's directory.</summary>
    public const string Name = "archive";

    private static readonly Lock Directories = new();
    private int _pruning; // 1 while a prune is queued or running on the thread pool

    /// <summary>The archive's directory.</summary>
    public string Root { get; } = Path.Combine(directory, Name);

    /// <summary>The archive of the journal in <paramref name="directory"/>.</summary>
    public static string RootOf(string directory) => Path.Combine(directory, Name);

    /// <summary>
    /// Moves <paramref name="segments"/> (of one shard log, <c>gen-N/shard-M</c>) into the archive, or deletes them when
    /// the retention is zero or the archive cannot take them (logged). The caller syncs the directory they left; this
    /// syncs the one they entered.
    /// </summary>
    /// <exception cref="IOException">A segment can be neither archived nor deleted.</exception>
    public void Take(string shardLog, IReadOnlyCollection<string> segments)
    {
        if (segments.Count == 0)
        {
            return;
        }

        if (retention > TimeSpan.Zero)
        {
            var target = Path.Combine(Root, Path.GetFileName(Path.GetDirectoryName(shardLog))!, Path.GetFileName(shardLog));
            try
            {
                lock (Directories)
                {
                    Directory.CreateDirectory(target);
                    foreach (var segment in segments)
                    {
                        // A name already there can only be this very segment's (a generation's number is never given
                        // again: see ArchivedGenerations).
                        File.Move(segment, Path.Combine(target, Path.GetFileName(segment)), overwrite: true);
                    }
                }

                DirectorySync.Sync(target);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.JournalArchiveFailed(logger, ex, Root, shardLog);
            }
        }

        foreach (var segment in segments)
        {
            File.Delete(segment); // one already moved is not there: no error
        }
    }

    /// <summary>Deletes, on the thread pool, what is older than the retention (after a roll-over; one prune at a time).</summary>
    public void PruneSoon()
    {
        if (Interlocked.CompareExchange(ref _pruning, 1, 0) == 0) // full fence: one prune queued at a time
        {
            ThreadPool.UnsafeQueueUserWorkItem(static archive =>
            {
                try
                {
                    archive.Prune();
                }
                finally
                {
                    Volatile.Write(ref archive._pruning, 0);
                }
            }, this, preferLocal: false);
        }
    }

    /// <summary>
    /// Deletes the archived files whose last write is older than the retention, and the directories that leaves empty.
    /// A file that cannot be deleted is logged and left for the next prune: the journal goes on.
    /// </summary>
    public void Prune()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        var before = time.GetUtcNow().UtcDateTime - retention;
        var deleted = 0;
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                if (File.GetLastWriteTimeUtc(file) < before)
                {
                    File.Delete(file);
                    deleted++;
                }
            }

            lock (Directories)
            {
                foreach (var generation in Directory.EnumerateDirectories(Root))
                {
                    foreach (var shard in Directory.EnumerateDirectories(generation).Where(IsEmpty))
                    {
                        Directory.Delete(shard);
                    }

                    if (IsEmpty(generation))
                    {
                        Directory.Delete(generation);
                    }
                }
            }

            if (deleted > 0)
            {
                DirectorySync.Sync(Root);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.JournalArchivePruneFailed(logger, ex, Root);
        }
    }

    /// <summary>
    /// The archived generations of the journal in <paramref name="directory"/>, by number (oldest first): their shard
    /// logs hold the segments of that generation before those still in <c>gen-N</c> (or <c>gen-N.damaged</c>).
    /// </summary>
    public static List<(long Number, string Path)> ArchivedGenerations(string directory)
    {
        var found = new List<(long, string)>();
        var root = RootOf(directory);
        if (!Directory.Exists(root))
        {
            return found;
        }

        foreach (var path in Directory.EnumerateDirectories(root, JournalStore.Prefix + "*"))
        {
            if (long.TryParse(Path.GetFileName(path.AsSpan())[JournalStore.Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                found.Add((number, path));
            }
        }

        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    private static bool IsEmpty(string path) => !Directory.EnumerateFileSystemEntries(path).Any();
}
