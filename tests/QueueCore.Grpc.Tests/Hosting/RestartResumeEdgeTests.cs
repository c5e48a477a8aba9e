using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// docs/server.md, "A screen never loses a call": after a restart on the same journal the feed's log starts at the
/// hall's recovered sequence, the oldest a screen can resume after. A screen that saw exactly that resumes; one that saw
/// one less (it missed the last event before the stop) gets a fresh snapshot, whose last calls list each call once.
/// </summary>
public sealed class RestartResumeEdgeTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "resume-edge";

    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync() => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 1));
    });

    [Fact]
    public async Task Restart_ScreenResumingAtTheRecoveredSequence_Resumes_OneBefore_GetsASnapshotListingEachCallOnce()
    {
        string timeline;
        Ticket last;
        await using (var server = await StartAsync())
        {
            await server.OpenAsync(Hall, 1);
            using var screen = server.Display().Watch(new() { Hall = Hall });
            timeline = (await screen.ResponseStream.NextAsync()).Snapshot.Timeline;
            await server.CallAsync(Hall, window: 1);
            last = await server.CallAsync(Hall, window: 1);
        }

        await using var again = await StartAsync();
        var hall = again.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var handle) ? handle : null;
        var recovered = (await hall!.GetSnapshotAsync()).Sequence;
        Assert.True(recovered >= last.Sequence);

        using (var atStart = again.Display().Watch(new() { Hall = Hall, AfterSequence = recovered, Timeline = timeline }))
        {
            var first = await atStart.ResponseStream.NextAsync();
            Assert.Null(first.Snapshot); // resumed: it missed nothing
            Assert.Equal(recovered, first.Sequence);
            var next = await again.CallAsync(Hall, window: 1);
            var call = (await atStart.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;
            Assert.Equal(next.Id, call.Ticket); // the next call, not the one before the restart again
        }

        using var behind = again.Display().Watch(new() { Hall = Hall, AfterSequence = recovered - 1, Timeline = timeline });
        var snapshot = (await behind.ResponseStream.NextAsync()).Snapshot;
        Assert.NotNull(snapshot); // the log does not reach back before the restart: no gap
        Assert.Contains(snapshot.RecentCalls, c => c.Number == last.Number);
        Assert.Single(snapshot.RecentCalls, c => c.Number == last.Number);
    }
}
