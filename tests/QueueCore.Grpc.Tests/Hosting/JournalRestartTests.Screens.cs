using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// A call screen cut off across a restart comes back with its last sequence and the timeline of its snapshot: on the
/// same journal it resumes (the numbers went on), on a fresh or another journal (which numbers the events again) it
/// gets a fresh snapshot.
/// </summary>
public sealed partial class JournalRestartTests
{
    [Fact]
    public async Task Restart_OnTheSameJournal_ScreenResumesWithItsLastSequence_NothingLostNothingTwice()
    {
        var (seen, timeline) = await ScreenSawCallsAsync(_data);

        await using var again = await StartAsync();
        Assert.Matches("^[0-9a-f]{32}$", again.Services.GetRequiredService<QueueEngine>().Recovery!.JournalId);
        using var resumed = again.Display().Watch(new() { Hall = "hall-1", AfterSequence = seen, Timeline = timeline });
        var first = await resumed.ResponseStream.NextAsync();
        Assert.Null(first.Snapshot); // resumed: the journal's numbers went on
        Assert.Equal(seen, first.Sequence);

        var calls = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            calls.Add((await again.CallAsync("hall-1", window: 1)).Id);
        }

        var shown = new List<long>();
        while (shown.Count < calls.Count)
        {
            var update = await resumed.ResponseStream.NextAsync();
            Assert.Null(update.Snapshot);
            Assert.True(update.Sequence > seen, $"update {update.Sequence} is not after {seen}: shown twice");
            if (update.Call is not null)
            {
                shown.Add(update.Call.Ticket);
            }
        }

        Assert.Equal(calls, shown); // every call after the restart, in order, and none from before it
    }

    [Fact]
    public async Task Restart_OnAFreshJournal_ScreenWithItsLastSequenceAndTimeline_GetsAFreshSnapshot()
    {
        // The data directory lost, moved or restored from elsewhere: the new journal numbers the hall's events from 1
        // again. Once it has gone past the screen's last number, that number named events of the new journal, the
        // timelines were the same (a journaled server named no run), and the screen resumed: it missed the new calls
        // before its number and went on showing the old server's call.
        var (seen, timeline) = await ScreenSawCallsAsync(_data);

        var fresh = _data + "-fresh";
        try
        {
            await using var server = await StartAsync(s => s.Settings["QueueCore:Engine:Journal:Directory"] = fresh);
            await DayOpenAsync(server);
            await server.OpenAsync("hall-1", 2);
            var called = await server.CallAsync("hall-1", window: 2);
            while (called.Sequence <= seen + 2)
            {
                called = await server.CallAsync("hall-1", window: 2);
            }

            using var resumed = server.Display().Watch(new() { Hall = "hall-1", AfterSequence = seen, Timeline = timeline });
            var first = await resumed.ResponseStream.NextAsync();
            Assert.NotNull(first.Snapshot);
            Assert.NotEqual(timeline, first.Snapshot.Timeline);
            Assert.Equal((called.Id, 2), (Assert.Single(first.Snapshot.Current).Ticket, first.Snapshot.Current[0].Window));
        }
        finally
        {
            if (Directory.Exists(fresh))
            {
                Directory.Delete(fresh, recursive: true);
            }
        }
    }

    /// <summary>
    /// Runs a server on the journal in <paramref name="data"/>, makes calls at window 1 and watches them on a screen until
    /// it has seen the hall's last sequence, then stops the server; returns that sequence and the snapshot's timeline.
    /// </summary>
    private async Task<(long Seen, string Timeline)> ScreenSawCallsAsync(string data)
    {
        await using var server = await StartAsync(s => s.Settings["QueueCore:Engine:Journal:Directory"] = data);
        await DayOpenAsync(server);
        await server.OpenAsync("hall-1", 1);
        using var screen = server.Display().Watch(new() { Hall = "hall-1" });
        var snapshot = await screen.ResponseStream.NextAsync();
        Assert.NotNull(snapshot.Snapshot);
        Ticket last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await server.CallAsync("hall-1", window: 1);
        }

        var hall = server.Services.GetRequiredService<QueueEngine>().TryGetHall("hall-1", out var handle) ? handle : null;
        var end = (await hall!.GetSnapshotAsync()).Sequence;
        Assert.True(end >= last.Sequence);
        var seen = (await screen.ResponseStream.NextMatchingAsync(u => u.Sequence >= end)).Sequence;
        Assert.Equal(end, seen);
        return (seen, snapshot.Snapshot.Timeline);
    }
}
