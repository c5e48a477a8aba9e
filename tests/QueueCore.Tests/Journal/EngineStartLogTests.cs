using Microsoft.Extensions.Logging;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>What an operator reading the logs sees when the engine starts: what runs, and where its journal is.</summary>
public sealed class EngineStartLogTests : IDisposable
{
    private const int EngineStarted = 1040;
    private const int JournalNotUsed = 1038;

    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Start_WithJournal_LogsShardsHallsJournalModeAndDataDirectory()
    {
        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();
        await using var engine = _kit.Engine(shards: 2, mode: JournalMode.Batched, logs: factory);
        engine.AddHall(JournalKit.Hall("north"));
        engine.AddHall(JournalKit.Hall("south"));
        engine.AddHall(JournalKit.Hall("east"));

        engine.Start();
        engine.Start(); // idempotent: one line

        var started = Assert.Single(logs.Entries, e => e.Id == EngineStarted);
        Assert.Equal(LogLevel.Information, started.Level);
        Assert.Equal(
            $"QueueCore engine started (shards: 2, halls: 3, journal: Batched, data directory: {Path.GetFullPath(_kit.Directory)})",
            started.Message);
    }

    [Fact]
    public async Task Start_WithoutJournal_SaysItKeepsNothingOnDisk()
    {
        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), loggerFactory: factory);
        engine.AddHall(EngineTestKit.Hall());

        engine.Start();

        var started = Assert.Single(logs.Entries, e => e.Id == EngineStarted);
        Assert.Equal("QueueCore engine started (shards: 1, halls: 1, journal: None, data directory: none (in memory only))", started.Message);
    }

    [Fact]
    public async Task Create_ModeNoneOnADirectoryHoldingAJournal_WarnsItIsNeitherReadNorWritten()
    {
        // An operator who switches a journaled server to None for a while gets halls without the journal's day, and
        // when switching back, the day as it stood before: nothing said so.
        await using (var journaled = _kit.Engine())
        {
            var hall = journaled.AddHall(JournalKit.Hall("h"));
            journaled.Start();
            await hall.OpenDayAsync();
            await hall.IssueTicketAsync(1);
        }

        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();
        await using var engine = _kit.Engine(mode: JournalMode.None, logs: factory);

        Assert.Null(engine.Recovery);
        var warning = Assert.Single(logs.Entries, e => e.Id == JournalNotUsed);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(Path.GetFullPath(_kit.Directory), warning.Message, StringComparison.Ordinal);
        Assert.Contains("Mode None", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ModeNoneOnAnEmptyDirectory_NoWarning()
    {
        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();
        await using var engine = _kit.Engine(mode: JournalMode.None, logs: factory);

        Assert.DoesNotContain(logs.Entries, e => e.Id == JournalNotUsed);
    }
}
