extern alias server;

using QueueCore.Grpc.Tests.Kit;
using server::QueueCore.Grpc.Feeds;

namespace QueueCore.Grpc.Tests.Feeds;

/// <summary>
/// A hall's first waiting counts reach a screen once: in its snapshot when the feed had them, as an update when the
/// screen's snapshot came first. (The server waits for the first counts before it serves a hall, so only a feed
/// whose engine has not started yet shows the second case.)
/// </summary>
public sealed class FirstCountsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DisplaySnapshot_TakenBeforeTheFirstCounts_GetsThemAsTheNextUpdate()
    {
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        await using var feed = TestFeeds.Create(engine, "first-counts");

        // The engine has not started, so the feed's first refresh waits: the screen's snapshot has no counts.
        var (snapshot, index) = feed.DisplaySnapshot(null, 10);
        Assert.Empty(snapshot.Snapshot.Waiting);

        engine.Start();
        await feed.FiguresReady.WaitAsync(Timeout);

        Assert.True(feed.TryRead(index, out var entry));
        Assert.Equal(FeedEntryKind.Waiting, entry.Kind);
        Assert.Equal([(1, 0), (2, 0)], entry.Display!.Waiting.Services.Select(s => (s.Service, s.Waiting)));
    }

    [Fact]
    public async Task DisplaySnapshot_TakenAfterTheFirstCounts_HasThemAndNoUpdateRepeatsThem()
    {
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        await using var feed = TestFeeds.Create(engine, "first-counts");
        engine.Start();
        await feed.FiguresReady.WaitAsync(Timeout);

        var (snapshot, index) = feed.DisplaySnapshot(null, 10);

        Assert.Equal([(1, 0), (2, 0)], snapshot.Snapshot.Waiting.Select(s => (s.Service, s.Waiting)));
        Assert.Equal(0, index); // nothing in the log: the first counts were not logged for a screen that had them
        Assert.Equal(0, feed.Appended);
    }
}
