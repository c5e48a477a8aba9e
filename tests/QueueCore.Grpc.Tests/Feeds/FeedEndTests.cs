using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Feeds;

/// <summary>
/// When a hall's feed ends (the hall was removed), a stream waiting on it is woken and then sees it ended, rather than
/// waiting again. The feed now marks itself ended before its last signal: a stream woken by that signal once found the
/// feed's task still finishing, waited again, and a screen hung after its hall was removed (a CI run of 2026-11-29).
/// That window is too short to hit on demand; the test checks the protocol around it on many halls.
/// </summary>
public sealed class FeedEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HallRemoved_AStreamWokenByTheLastSignal_SeesTheFeedEnded()
    {
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        engine.Start();

        // Many halls, each removed under a waiting stream: the moment between the last signal and the end of the feed's
        // task is short, so one hall would rarely show a feed that reports itself running after its last signal.
        for (var i = 0; i < 40; i++)
        {
            var id = $"ending-{i}";
            await using var feed = TestFeeds.Create(engine, id);
            await feed.FiguresReady.WaitAsync(Timeout);
            var cursor = feed.Appended;
            var woken = feed.WaitAsync(cursor, CancellationToken.None);

            Assert.True(await engine.RemoveHallAsync(id).AsTask().WaitAsync(Timeout));
            await woken.WaitAsync(Timeout);

            // What a stream does when woken: nothing new to read, so it asks whether the feed ended, or waits again.
            Assert.True(feed.IsCompleted || feed.WaitAsync(cursor, CancellationToken.None).IsCompleted, $"hall {id}: the stream would wait forever");
        }
    }
}
