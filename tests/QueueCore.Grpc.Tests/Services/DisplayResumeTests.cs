using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A screen that resumes with an <c>after_sequence</c>: display.proto promises the newest waiting counts first, then the
/// calls and clears after it; a number the hall cannot vouch for (another hall's, another timeline's, one ahead of the
/// hall) gets a fresh snapshot instead.
/// </summary>
public class DisplayResumeTests(ITestOutputHelper output)
{
    private const string Hall = "hall-r";

    private Task<ServerKit> StartAsync(Action<ServerSetup>? more = null) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 3));
        Traffic.Unlimited(s);
        more?.Invoke(s);
    });

    [Fact]
    public async Task Watch_ResumedInsideTheHistoryWithNoCallSince_FirstSendsTheNewestCounts()
    {
        // The windows' openings move the hall's sequence on without changing a count: the log after the resume point
        // holds nothing a screen shows. The screen resumed there was sent nothing at all until the hall's next call.
        await using var server = await StartAsync();
        await server.TakeAsync(Hall);
        var taken = await server.TakeAsync(Hall, service: 2);
        await FeedReachesAsync(server, taken.Sequence, service: 2, waiting: 1); // the counts are refreshed before the openings
        var opened = new List<long>();
        foreach (var window in new[] { 1, 2, 3 })
        {
            opened.Add((await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = window }).Bounded()).Sequence);
        }

        var timeline = await FeedReachesAsync(server, opened[^1], service: 1, waiting: 1);

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = opened[0], Timeline = timeline });
        var first = await resumed.ResponseStream.NextAsync();

        Assert.Null(first.Snapshot); // resumed from the log: the number is the hall's own
        Assert.NotNull(first.Waiting);
        Assert.Equal(opened[0], first.Sequence); // it brings the screen no further than it was: nothing is skipped on a reconnect
        Assert.Equal(1, WaitingFor(first, service: 1));
        Assert.Equal(1, WaitingFor(first, service: 2));

        // Then the calls after it, as before.
        var called = await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(called.Id, (await resumed.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call.Ticket);
    }

    [Fact]
    public async Task Watch_ResumedBeforeCallsAndCounts_CountsOnceThenEveryMissedCallInOrder()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2);
        using var witness = server.Display().Watch(new() { Hall = Hall });
        var last = (await witness.ResponseStream.NextAsync()).Sequence;
        var missed = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add((await server.CallAsync(Hall, window: 1 + (i % 2))).Id);
        }

        await server.TakeAsync(Hall);
        await witness.ResponseStream.NextMatchingAsync(u => WaitingFor(u, service: 1) == 1);

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = last });
        var first = await resumed.ResponseStream.NextAsync();
        Assert.Equal(1, WaitingFor(first, service: 1)); // the newest counts first
        var calls = new List<long>();
        while (calls.Count < missed.Count)
        {
            var update = await resumed.ResponseStream.NextAsync();
            Assert.Null(update.Snapshot);
            Assert.Null(update.Waiting); // the counts already given are not given again, older or the same
            if (update.Call is not null)
            {
                calls.Add(update.Call.Ticket);
            }
        }

        Assert.Equal(missed, calls);
    }

    [Fact]
    public async Task Watch_AfterSequenceAndTimelineOfAnotherHall_StartsWithThisHallsSnapshot()
    {
        // A screen moved from one hall to another keeps its last number: it must not resume this hall's log as if it had
        // seen this hall up to that number (it would go on showing the other hall's calls and counts).
        await using var server = await StartAsync(s => s.Halls.Add(TestHalls.Small("hall-other", windows: 2)));
        await server.OpenAsync("hall-other", 1);
        await server.CallAsync("hall-other", window: 1);
        DisplayUpdate seen;
        using (var other = server.Display().Watch(new() { Hall = "hall-other" }))
        {
            seen = await other.ResponseStream.NextAsync();
        }

        await server.OpenAsync(Hall, 1, 2, 3);
        var called = await server.CallAsync(Hall, window: 1);
        while (called.Sequence <= seen.Sequence)
        {
            called = await server.CallAsync(Hall, window: 1); // this hall's log holds the other hall's number too
        }

        var timeline = await FeedReachesAsync(server, called.Sequence, service: 1, waiting: 0);
        Assert.NotEqual(seen.Snapshot.Timeline, timeline);

        using var moved = server.Display().Watch(new() { Hall = Hall, AfterSequence = seen.Sequence, Timeline = seen.Snapshot.Timeline });
        var first = await moved.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        Assert.Equal((Hall, timeline), (first.Snapshot.Hall, first.Snapshot.Timeline));
        Assert.Equal(called.Id, Assert.Single(first.Snapshot.Current).Ticket);
    }

    [Fact]
    public async Task Watch_AfterSequenceFromBeforeTheHallWasRemovedAndAddedAgain_StartsWithSnapshot()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var before = await server.CallAsync(Hall, window: 1);
        DisplayUpdate seen;
        using (var screen = server.Display().Watch(new() { Hall = Hall }))
        {
            seen = await screen.ResponseStream.NextMatchingAsync(u => u.Sequence >= before.Sequence);
        }

        var timeline = seen.Snapshot?.Timeline ?? "";
        Assert.NotEmpty(timeline);
        await server.Admin().RemoveHallAsync(new() { Hall = Hall }).Bounded();
        await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small(Hall, windows: 3)) }).Bounded();
        await server.OpenAsync(Hall, 1);
        var after = await server.CallAsync(Hall, window: 1);
        while (after.Sequence <= seen.Sequence + 2)
        {
            after = await server.CallAsync(Hall, window: 1); // the new hall gives the old one's numbers out again, and more
        }

        var now = await FeedReachesAsync(server, after.Sequence, service: 1, waiting: 0);
        Assert.NotEqual(timeline, now);

        // With its timeline, and with its number alone (one the new hall gave out too): a snapshot of the new hall either way.
        foreach (var request in new WatchDisplayRequest[]
        {
            new() { Hall = Hall, AfterSequence = seen.Sequence, Timeline = timeline },
            new() { Hall = Hall, AfterSequence = seen.Sequence },
        })
        {
            using var resumed = server.Display().Watch(request);
            var first = await resumed.ResponseStream.NextAsync();
            Assert.NotNull(first.Snapshot);
            Assert.Equal(now, first.Snapshot.Timeline);
            Assert.Equal(after.Id, Assert.Single(first.Snapshot.Current).Ticket);
        }
    }

    [Fact]
    public async Task Watch_AfterSequenceFromBeforeARestartWithoutAJournal_WithItsTimelineStartsWithTheNewServersSnapshot()
    {
        // A call screen cut off while the server restarts without a journal comes back with its last number once the new
        // server has gone past it: the number alone reads as the new server's (no snapshot, the old calls stay on screen),
        // with the timeline of the snapshot it came from it gets a snapshot of the new server's hall.
        long seen;
        string timeline;
        await using (var before = await StartAsync())
        {
            await before.OpenAsync(Hall, 1);
            seen = (await before.CallAsync(Hall, window: 1)).Sequence;
            timeline = await FeedReachesAsync(before, seen, service: 1, waiting: 0);
        }

        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 2);
        var after = await server.CallAsync(Hall, window: 2);
        while (after.Sequence <= seen + 2)
        {
            after = await server.CallAsync(Hall, window: 2);
        }

        var now = await FeedReachesAsync(server, after.Sequence, service: 1, waiting: 0);
        Assert.NotEqual(timeline, now);

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = seen, Timeline = timeline });
        var first = await resumed.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        Assert.Equal(now, first.Snapshot.Timeline);
        Assert.Equal((after.Id, 2), (Assert.Single(first.Snapshot.Current).Ticket, first.Snapshot.Current[0].Window));

        // Without the timeline the number is taken for this server's own: a resume, no snapshot (what the browser screen
        // got before it kept its timeline).
        using var numberAlone = server.Display().Watch(new() { Hall = Hall, AfterSequence = seen });
        Assert.Null((await numberAlone.ResponseStream.NextAsync()).Snapshot);
    }

    [Fact]
    public async Task Watch_AfterSequenceAheadOfTheHallWithItsTimeline_StartsWithSnapshot()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var called = await server.CallAsync(Hall, window: 1);
        var timeline = await FeedReachesAsync(server, called.Sequence, service: 1, waiting: 0);

        using var screen = server.Display().Watch(new() { Hall = Hall, AfterSequence = called.Sequence + 1000, Timeline = timeline });
        var first = await screen.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        Assert.True(first.Sequence < called.Sequence + 1000);
    }

    [Fact]
    public async Task Watch_TimelineChangesWithARestore_ScreenResumingPastTheRenumberedRangeWithTheOldTimelineGetsASnapshot()
    {
        // Numbers past those the restore gave out again are the new timeline's only, so the number alone resumes there; a
        // screen that saw them on the old timeline (it went further before the restore) tells itself apart by its timeline.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        var saved = await hall.SaveStateAsync().AsTask().WaitAsync(Rpc.Timeout);
        var old = await server.CallAsync(Hall, window: 1);
        var oldTimeline = await FeedReachesAsync(server, old.Sequence, service: 1, waiting: 0);

        await hall.RestoreAsync(saved).AsTask().WaitAsync(Rpc.Timeout);
        Ticket called;
        do
        {
            called = await server.CallAsync(Hall, window: 1);
        }
        while (called.Sequence <= old.Sequence + 4);

        var timeline = await FeedReachesAsync(server, called.Sequence, service: 1, waiting: 0);
        Assert.NotEqual(oldTimeline, timeline);

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = called.Sequence - 1, Timeline = oldTimeline });
        var first = await resumed.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        Assert.Equal(timeline, first.Snapshot.Timeline);
    }

    /// <summary>
    /// Waits until a fresh screen's state is at <paramref name="sequence"/> or later, with <paramref name="waiting"/>
    /// tickets waiting for <paramref name="service"/> (the feed has read the events and refreshed its counts).
    /// Returns the snapshot's timeline.
    /// </summary>
    private static async Task<string> FeedReachesAsync(ServerKit server, long sequence, int service, int waiting)
    {
        var timeline = "";
        await Rpc.EventuallyAsync(async () =>
        {
            using var probe = server.Display().Watch(new() { Hall = Hall });
            var snapshot = await probe.ResponseStream.NextAsync();
            Assert.True(snapshot.Sequence >= sequence, $"the feed is at {snapshot.Sequence}, not yet {sequence}");
            Assert.Equal(waiting, snapshot.Snapshot.Waiting.Single(w => w.Service == service).Waiting);
            timeline = snapshot.Snapshot.Timeline;
        });
        return timeline;
    }

    private static int? WaitingFor(DisplayUpdate update, int service) =>
        update.Waiting?.Services.SingleOrDefault(w => w.Service == service)?.Waiting;
}
