namespace QueueCore.Tests.Engine;

/// <summary>The subscription's ring and lag protocol on its own, fed directly (the test plays the shard).</summary>
public class EventSubscriptionTests
{
    [Fact]
    public void TryRead_AfterPublish_ReturnsEventsInOrder()
    {
        using var subscription = new EventSubscription(8, hall: null, unsubscribe: null);

        Assert.False(subscription.Publish(Events(1, 3)));

        Assert.Equal([1L, 2L, 3L], Drain(subscription));
        Assert.False(subscription.TryRead(out _));
        Assert.False(subscription.Lagged);
    }

    [Fact]
    public async Task ReadAsync_BufferOverflowed_ReportsLagAfterTheBufferedEvents()
    {
        using var subscription = new EventSubscription(4, hall: null, unsubscribe: null);

        Assert.True(subscription.Publish(Events(1, 6))); // 4 fit, 2 dropped: this call made it lag
        Assert.False(subscription.Publish(Events(7, 7))); // dropped while lagged, not a new lag
        Assert.True(subscription.Lagged);

        for (var seq = 1; seq <= 4; seq++)
        {
            Assert.Equal(seq, (await subscription.ReadAsync().Bounded()).Event.Sequence);
        }

        var lag = await subscription.ReadAsync().Bounded();
        Assert.Equal(EventReadStatus.Lagged, lag.Status);
        Assert.Equal(4, lag.LastSequence);
        Assert.Equal(EventReadStatus.Lagged, (await subscription.ReadAsync().Bounded()).Status); // until resynced
    }

    [Fact]
    public void Resync_AfterLag_SkipsEventsTheSnapshotCovers()
    {
        using var subscription = new EventSubscription(4, hall: null, unsubscribe: null);
        subscription.Publish(Events(1, 6));
        Drain(subscription);
        Assert.False(subscription.TryRead(out _)); // at the point of loss
        Assert.True(subscription.Lagged);

        // The shard has resumed: it writes 8 and 9 before the reader's snapshot (taken at 9) and 10 after it.
        Assert.False(subscription.Publish(Events(8, 10)));
        subscription.Resync(Snapshot(9));

        Assert.False(subscription.Lagged);
        Assert.Equal([10L], Drain(subscription));
    }

    [Fact]
    public async Task WaitToReadAsync_PublishedLater_Wakes()
    {
        using var subscription = new EventSubscription(8, hall: null, unsubscribe: null);
        var wait = subscription.WaitToReadAsync();
        Assert.False(wait.IsCompleted);

        await Task.Run(() => subscription.Publish(Events(1, 1)));

        Assert.True(await wait.Bounded());
        Assert.Equal([1L], Drain(subscription));
    }

    [Fact]
    public async Task WaitToReadAsync_Cancelled_ThrowsAndNextWaitWorks()
    {
        using var subscription = new EventSubscription(8, hall: null, unsubscribe: null);
        using var cts = new CancellationTokenSource();
        var wait = subscription.WaitToReadAsync(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Bounded());
        var again = subscription.WaitToReadAsync();
        subscription.Publish(Events(1, 1));
        Assert.True(await again.Bounded());
    }

    [Fact]
    public async Task ReadAllAsync_Completed_YieldsBufferedThenEnds()
    {
        var subscription = new EventSubscription(8, hall: null, unsubscribe: null);
        subscription.Publish(Events(1, 3));
        subscription.Dispose();

        var seen = new List<long>();
        await foreach (var e in subscription.ReadAllAsync().WithCancellation(new CancellationTokenSource(EngineTestKit.Timeout).Token))
        {
            seen.Add(e.Sequence);
        }

        Assert.Equal([1L, 2L, 3L], seen);
    }

    [Fact]
    public void Publish_ManyRoundsWithReader_NeverLosesOrReorders()
    {
        using var subscription = new EventSubscription(16, hall: null, unsubscribe: null);
        var seen = new List<long>();
        for (long seq = 1; seq <= 1000; seq += 5)
        {
            Assert.False(subscription.Publish(Events(seq, seq + 4)));
            seen.AddRange(Drain(subscription));
        }

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), seen);
    }

    internal static HallEvent[] Events(long from, long to) =>
        [.. Enumerable.Range(0, (int)(to - from + 1)).Select(i => new HallEvent(from + i, HallEventKind.TicketIssued, 0, 0, default, 0, -1, 0, 0))];

    private static List<long> Drain(EventSubscription subscription)
    {
        var list = new List<long>();
        while (subscription.TryRead(out var e))
        {
            list.Add(e.Sequence);
        }

        return list;
    }

    private static HallSnapshot Snapshot(long sequence) => new()
    {
        HallId = "h1", Sequence = sequence, Time = EngineTestKit.Morning, DayOpen = true,
        Services = [], Windows = [], AtWindows = [], Waiting = [],
    };
}
