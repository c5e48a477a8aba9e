using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A screen that resumes with nothing missed learns at once that its stream is up (the browser screen shows "live"): the
/// newest waiting counts come first, at its own sequence, and nothing else until the hall changes.
/// </summary>
public class DisplayResumeHeadersTests(ITestOutputHelper output)
{
    // Several fresh servers: whether a hall's feed loads its first waiting counts before or after it takes in the
    // opened day is a race at every start, and a resume at the day's sequence must get the counts either way.
    [Fact]
    public async Task Watch_ResumedWithNothingMissed_SendsTheNewestCountsAtOnceThenNothing()
    {
        for (var start = 0; start < 6; start++)
        {
            await ResumeWithNothingMissedAsync();
        }
    }

    private async Task ResumeWithNothingMissedAsync()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        DisplayUpdate seen;
        using (var first = server.Display().Watch(new() { Hall = TestHalls.Demo }))
        {
            seen = await first.ResponseStream.NextAsync();
        }

        using var resumed = server.Display().Watch(new() { Hall = TestHalls.Demo, AfterSequence = seen.Sequence, Timeline = seen.Snapshot.Timeline });

        await resumed.ResponseHeadersAsync.WaitAsync(Rpc.Timeout);
        var counts = await resumed.ResponseStream.NextAsync();
        Assert.Equal(seen.Sequence, counts.Sequence); // it brings the screen no further than it was
        Assert.Equal(seen.Snapshot.Waiting, counts.Waiting.Services);
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        try
        {
            var more = await resumed.ResponseStream.MoveNext(quiet.Token);
            Assert.Fail($"Resumed after {seen.Sequence}, the quiet hall's stream sent {(more ? resumed.ResponseStream.Current : "its end")}.");
        }
        catch (RpcException error)
        {
            Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        }
    }

    [Fact]
    public async Task Watch_RightAfterStart_SnapshotHasTheWaitingCounts()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        using var screen = server.Display().Watch(new() { Hall = TestHalls.Demo });

        var first = await screen.ResponseStream.NextAsync();

        Assert.NotNull(first.Snapshot);
        Assert.NotEmpty(first.Snapshot.Waiting); // the counts are in the snapshot, not an update after it
    }
}
