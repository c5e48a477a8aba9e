extern alias server;

using QueueCore.Grpc.Tests.Kit;
using server::QueueCore.Grpc.Feeds;

namespace QueueCore.Grpc.Tests.Feeds;

/// <summary>An admin's rename reaches every open screen, whenever other screens connect.</summary>
public sealed class RenameTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DisplaySnapshot_TakenBeforeTheFeedReadTheRename_OpenScreensStillGetAFreshSnapshot()
    {
        // A screen connecting right after an admin renamed the hall, before the feed had read the redefinition, got the
        // new name in its snapshot, and that snapshot made the feed take the new name as the one screens were given:
        // reading the redefinition, it saw no rename, and the screens already open kept the old name. The race is the
        // server's own (a screen connects whenever it likes), so it is run many times.
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        await using var feed = TestFeeds.Create(engine, "renamed");
        engine.Start();
        await feed.Attached.WaitAsync(Timeout);
        for (var i = 1; i <= 20; i++)
        {
            var open = feed.Appended; // where a screen that is open reads on from
            await feed.Hall.RedefineAsync(TestHalls.Small("renamed") with { Name = $"Hall {i}" }).AsTask().WaitAsync(Timeout);
            feed.DisplaySnapshot(null, 10); // a screen connecting now

            // A command after the redefinition: once the feed has read it, it has read the redefinition whole.
            var after = await feed.Hall.SubmitAsync(i % 2 == 1 ? HallCommand.OpenWindow(1) : HallCommand.CloseWindow(1)).AsTask().WaitAsync(Timeout);
            Assert.True(after.IsSuccess, after.ToString());
            await feed.CaughtUpAsync(after.Sequence, CancellationToken.None).WaitAsync(Timeout);

            var kinds = new List<FeedEntryKind>();
            for (var index = open; index < feed.Appended; index++)
            {
                Assert.True(feed.TryRead(index, out var entry));
                kinds.Add(entry.Kind);
            }

            // Renamed, or a Reset: both give the open screen a fresh snapshot with the new name. A Reset comes when the
            // feed's own start (its first snapshot, which may come after Attached) read the first redefinition already.
            Assert.True(kinds.Contains(FeedEntryKind.Renamed) || kinds.Contains(FeedEntryKind.Reset), $"rename {i}: the open screen read {string.Join(", ", kinds)}");
        }
    }
}
