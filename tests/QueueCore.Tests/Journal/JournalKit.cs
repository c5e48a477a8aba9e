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

    public QueueEngine Engine(int shards = 1, JournalMode mode = JournalMode.Durable, long segmentBytes = 32L << 20, Func<string, Stream>? open = null, string? directory = null,
        ILoggerFactory? logs = null)
    {
        var engine = new QueueEngine(
            new QueueEngineOptions
            {
                ShardCount = shards,
                IngressCapacity = 1024,
                Journal = new JournalOptions { Directory = directory ?? Directory, Mode = mode, SegmentBytes = segmentBytes, FlushInterval = TimeSpan.FromMilliseconds(2) },
                SegmentOpener = open,
            },
            loggerFactory: logs);
        return engine;
    }

    public static HallDefinition Hall(string id) => RandomHallTraffic.Definition() with { Id = id, RetainedCompletedTickets = 100_000 };

    public static async Task<string> StateJson(HallHandle hall) => JsonSerializer.Serialize(await hall.SaveStateAsync());

    /// <summary>The segment files of the newest generation, oldest first.</summary>
    public string[] Segments() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.qlog", SearchOption.AllDirectories).Where(f => !f.Contains(".damaged", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
