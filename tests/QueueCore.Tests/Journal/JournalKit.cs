using System.Text.Json;
using Microsoft.Extensions.Logging;
using QueueCore.Tests.Snapshots;

namespace QueueCore.Tests.Journal;

/// <summary>Temporary data directories and engines with a journal, for the journal's tests.</summary>
internal sealed class JournalKit : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "queuecore-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <remarks>
    /// Without the stop's snapshots unless <paramref name="snapshotAtStop"/> (the engine's default is with): a stopped
    /// engine then leaves the log a crash leaves, commands after the snapshots, which the recovery and damage tests
    /// replay and damage. The stop's snapshots are tested in JournalUpgradeTests.
    /// </remarks>
    public QueueEngine Engine(int shards = 1, JournalMode mode = JournalMode.Durable, long segmentBytes = 32L << 20, Func<string, Stream>? open = null, string? directory = null,
        ILoggerFactory? logs = null, TimeSpan? archiveRetention = null, TimeProvider? time = null, bool snapshotAtStop = false)
    {
        var engine = new QueueEngine(
            new QueueEngineOptions
            {
                ShardCount = shards,
                IngressCapacity = 1024,
                Journal = new JournalOptions { Directory = directory ?? Directory, Mode = mode, SegmentBytes = segmentBytes, FlushInterval = TimeSpan.FromMilliseconds(2),
                    ArchiveRetention = archiveRetention ?? new JournalOptions().ArchiveRetention, SnapshotAtStop = snapshotAtStop },
                SegmentOpener = open,
            },
            time,
            loggerFactory: logs);
        return engine;
    }

    /// <summary>
    /// Serves <paramref name="count"/> tickets for item 1 at window 1 (open), issued 100 at a time, so the journal
    /// grows by a couple of commands a ticket while the hall's snapshots stay small (with few completed tickets
    /// retained): segments of 64 KiB roll over every few hundred tickets.
    /// </summary>
    public static async Task ServeAsync(HallHandle hall, int count)
    {
        for (var done = 0; done < count; done += 100)
        {
            var batch = Math.Min(100, count - done);
            var issued = await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => hall.IssueTicketAsync(new ServiceItemList([1])).AsTask()));
            Assert.All(issued, r => Assert.True(r.IsSuccess));
            for (var i = 0; i < batch; i++)
            {
                Assert.True((await hall.FinishAndCallNextAsync(1)).IsSuccess);
            }
        }
    }

    /// <summary>A hall that retains the default 256 completed tickets (its snapshots stay small however long its day).</summary>
    public static HallDefinition SmallHall(string id) => Hall(id) with { RetainedCompletedTickets = 256 };

    public static HallDefinition Hall(string id) => RandomHallTraffic.Definition() with { Id = id, RetainedCompletedTickets = 100_000 };

    public static async Task<string> StateJson(HallHandle hall) => JsonSerializer.Serialize(await hall.SaveStateAsync());

    /// <summary>The segment files of the newest generation, oldest first (not those kept as damaged or in the archive).</summary>
    public string[] Segments() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.qlog", SearchOption.AllDirectories)
            .Where(f => !f.Contains(".damaged", StringComparison.Ordinal) && !f.StartsWith(Archive, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Copies a journal directory, its engine running or not, without the engine's lock file: run while the engine runs,
    /// it is what a crash leaves on disk (a graceful stop instead snapshots the halls and archives the segments before).
    /// </summary>
    public static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var directory in System.IO.Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            System.IO.Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != JournalStore.LockFile))
        {
            using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var target = File.Create(Path.Combine(to, Path.GetRelativePath(from, file)));
            source.CopyTo(target);
        }
    }

    /// <summary>Where the journal keeps the segments recovery no longer needs.</summary>
    public string Archive => Path.Combine(Directory, "archive") + Path.DirectorySeparatorChar;

    /// <summary>The segment files in the archive.</summary>
    public string[] Archived() =>
        System.IO.Directory.Exists(Archive) ? System.IO.Directory.GetFiles(Archive, "*.qlog", SearchOption.AllDirectories) : [];
}
