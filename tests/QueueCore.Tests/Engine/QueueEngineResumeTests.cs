namespace QueueCore.Tests.Engine;

public class QueueEngineResumeTests
{
    [Fact]
    public async Task Subscribe_AfterTheLastSequenceSeen_ReceivesExactlyTheMissedEventsThenLiveOnes()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        var first = hall.Subscribe(); // the hall's first subscriber starts its history
        await EngineTestKit.OpenAsync(hall, 1);
        var seen = await hall.IssueTicketAsync(1).Bounded();
        first.Dispose(); // the reader disconnects
        CommandResult last = default;
        for (var i = 0; i < 5; i++)
        {
            last = await hall.IssueTicketAsync(1).Bounded();
        }

        using var resumed = hall.Subscribe(afterSequence: seen.Sequence);

        for (var expected = seen.Sequence + 1; expected <= last.Sequence; expected++)
        {
            var read = await resumed.ReadAsync().Bounded();
            Assert.Equal(EventReadStatus.Event, read.Status);
            Assert.Equal(expected, read.Event.Sequence);
        }

        var live = await hall.IssueTicketAsync(1).Bounded();
        Assert.Equal(live.Sequence, (await resumed.ReadAsync().Bounded()).Event.Sequence);
        Assert.False(resumed.TryRead(out var extra), $"unexpected {extra}");
    }

    [Fact]
    public async Task Subscribe_HistoryNoLongerReachesBack_StartsLaggedThenResyncsFromASnapshot()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1) with { HistorySize = 8 });
        await using var lifetime = engine;
        hall.Subscribe().Dispose();
        await EngineTestKit.OpenAsync(hall, 1);
        var seen = await hall.IssueTicketAsync(1).Bounded();
        for (var i = 0; i < 20; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
        }

        using var resumed = hall.Subscribe(afterSequence: seen.Sequence);

        var read = await resumed.ReadAsync().Bounded();
        Assert.Equal(EventReadStatus.Lagged, read.Status);
        Assert.Equal(seen.Sequence, read.LastSequence);
        var snapshot = await resumed.ResyncAsync().Bounded();
        Assert.Equal(21, snapshot.TotalWaiting);
        var next = await hall.IssueTicketAsync(1).Bounded();
        var after = await resumed.ReadAsync().Bounded();
        Assert.Equal(snapshot.Sequence + 1, after.Event.Sequence);
        Assert.Equal(next.Sequence, after.Event.Sequence);
    }

    [Fact]
    public async Task Subscribe_AheadOfTheHall_StartsLagged()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);

        using var resumed = hall.Subscribe(afterSequence: 1000); // e.g. a sequence from before the hall was restored

        Assert.Equal(EventReadStatus.Lagged, (await resumed.ReadAsync().Bounded()).Status);
        Assert.Equal(1, (await resumed.ResyncAsync().Bounded()).Sequence);
    }

    [Fact]
    public async Task Subscribe_AfterASequenceARestoreGaveToOtherEvents_StartsLagged()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        using var screen = hall.Subscribe(); // the hall keeps a history
        await EngineTestKit.OpenAsync(hall, 1);
        await hall.IssueTicketAsync(1).Bounded();
        await hall.IssueTicketAsync(1).Bounded();
        var saved = await hall.SaveStateAsync().Bounded();
        await hall.CallNextAsync(1).Bounded();
        var seen = await hall.StartServingAsync(1).Bounded(); // a screen saw the first ticket called and served, then disconnected
        await hall.RestoreAsync(saved).AsTask().WaitAsync(EngineTestKit.Timeout);
        await hall.CallNextAsync(1).Bounded(); // the numbers after the saved state's again, for other events
        await hall.RecallAsync(1).Bounded();
        var last = await hall.NoShowAsync(1).Bounded();
        Assert.True(last.Sequence > seen.Sequence, $"{last.Sequence} > {seen.Sequence}");

        using var resumed = hall.Subscribe(afterSequence: seen.Sequence);
        using var atTheSeam = hall.Subscribe(afterSequence: saved.Sequence); // before the restored state: shared by both

        var read = await resumed.ReadAsync().Bounded();
        Assert.Equal(EventReadStatus.Lagged, read.Status); // not the recall and the no-show as if they followed what it saw
        Assert.Equal(last.Sequence, (await resumed.ResyncAsync().Bounded()).Sequence);
        Assert.Equal(saved.Sequence + 1, (await atTheSeam.ReadAsync().Bounded()).Event.Sequence);
    }

    [Fact]
    public async Task GetSnapshotAsync_AfterARestoreToAnEarlierState_SaysWhichNumbersItGaveOutAgain()
    {
        // What a reader that keeps its own log (the server's feed) needs to refuse the same resumes as Subscribe does,
        // however far the restored hall has moved on by the time the reader takes its snapshot.
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        await hall.IssueTicketAsync(1).Bounded();
        Assert.Equal((0, 0), Range(await hall.GetSnapshotAsync().Bounded()));
        var saved = await hall.SaveStateAsync().Bounded();
        await hall.CallNextAsync(1).Bounded();
        var reached = await hall.StartServingAsync(1).Bounded();
        await hall.RestoreAsync(saved).AsTask().WaitAsync(EngineTestKit.Timeout);
        for (var i = 0; i < 3; i++)
        {
            await hall.IssueTicketAsync(1).Bounded(); // past every number the old timeline reached
        }

        var snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Services).Bounded();
        Assert.True(snapshot.Sequence > reached.Sequence);
        Assert.Equal((saved.Sequence, reached.Sequence), Range(snapshot));

        static (long, long) Range(HallSnapshot s) => (s.RenumberedAfter, s.RenumberedThrough);
    }

    [Fact]
    public async Task Subscribe_AfterASequenceOfARemovedHallWithTheSameId_StartsLagged()
    {
        var (engine, old) = EngineTestKit.Started(EngineTestKit.Options(shards: 2));
        await using var lifetime = engine;
        using (old.Subscribe())
        {
            await EngineTestKit.OpenAsync(old, 1);
            await old.IssueTicketAsync(1).Bounded();
        }

        var seen = await old.IssueTicketAsync(1).Bounded(); // a screen saw this hall's events up to here
        var saved = await old.SaveStateAsync().Bounded();
        var unseen = await old.IssueTicketAsync(1).Bounded(); // the last event of this hall; the screen missed it
        Assert.True(await engine.RemoveHallAsync(old.Id).AsTask().WaitAsync(EngineTestKit.Timeout));

        var hall = engine.AddHall(EngineTestKit.Hall()); // the same id, a new hall: its numbers start again at 1
        using (hall.Subscribe())
        {
            await EngineTestKit.OpenAsync(hall, 1);
            CommandResult last;
            do
            {
                last = await hall.IssueTicketAsync(1).Bounded();
            }
            while (last.Sequence <= unseen.Sequence + 2);
        }

        using var resumed = hall.Subscribe(afterSequence: seen.Sequence);
        using var fresh = hall.Subscribe(afterSequence: 0); // a reader that saw nothing: every event of the new hall

        var read = await resumed.ReadAsync().Bounded();
        Assert.Equal(EventReadStatus.Lagged, read.Status); // not the new hall's events as if they followed what it saw
        var snapshot = await resumed.ResyncAsync().Bounded();
        Assert.Equal(unseen.Sequence + 3, snapshot.Sequence);
        Assert.Equal(1, (await fresh.ReadAsync().Bounded()).Event.Sequence);

        // Added again from a state the removed hall saved: the numbers up to that state name the same events.
        Assert.True(await engine.RemoveHallAsync(hall.Id).AsTask().WaitAsync(EngineTestKit.Timeout));
        var moved = engine.AddHall(EngineTestKit.Hall(), saved);
        using (moved.Subscribe())
        {
            await moved.IssueTicketAsync(1).Bounded();
        }

        using var atTheSeam = moved.Subscribe(afterSequence: saved.Sequence);
        using var past = moved.Subscribe(afterSequence: saved.Sequence + 1);
        Assert.Equal(saved.Sequence + 1, (await atTheSeam.ReadAsync().Bounded()).Event.Sequence);
        Assert.Equal(EventReadStatus.Lagged, (await past.ReadAsync().Bounded()).Status);
    }

    [Fact]
    public async Task Subscribe_AtTheHallsSequence_GetsLiveEventsOnly()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1) with { HistorySize = 0 });
        await using var lifetime = engine;
        var open = await hall.OpenDayAsync().Bounded();

        using var resumed = hall.Subscribe(afterSequence: open.Sequence); // nothing missed: no history needed
        await hall.GetSnapshotAsync().Bounded(); // control work runs in order: the subscription is attached now

        var next = await hall.IssueTicketAsync(1).Bounded();
        var read = await resumed.ReadAsync().Bounded();
        Assert.Equal(next.Sequence, read.Event.Sequence);
        Assert.False(resumed.Lagged);
    }

    [Fact]
    public async Task Subscribe_FromASequenceWhileCommandsFlow_NoGapNoDuplicate()
    {
        const int PerProducer = 2000;
        const int Subscriptions = 24;
        var producers = Math.Clamp(Environment.ProcessorCount, 2, 4);
        var bufferSize = 4 * producers * PerProducer; // holds every event of the run: a lag here would be a bug
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1, capacity: 4096) with { HistorySize = 1 << 16 });
        await using var lifetime = engine;
        hall.Subscribe().Dispose(); // start the history before the traffic
        await EngineTestKit.OpenAsync(hall);
        long lastSeen = 0;
        var producing = producers;
        var issued = 0;
        var subscribed = 0;

        // PerProducer each, and on until a few readers resumed among them.
        var producerTasks = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < PerProducer || (Volatile.Read(ref subscribed) < 4 && i < 2 * PerProducer); i++)
            {
                if (i % 50 == 0)
                {
                    // A command a caller applies itself completes at once, so this loop would never give its thread
                    // back: the resuming reader below runs on the same few pool threads.
                    await Task.Yield();
                }
                var r = await hall.IssueTicketAsync(1);
                Assert.True(r.IsSuccess, r.ToString());
                Interlocked.Increment(ref issued);
                InterlockedMax(ref lastSeen, r.Sequence);
            }

            Interlocked.Decrement(ref producing);
        })).ToArray();

        // Resume from sequences seen while the shard keeps applying: each must continue exactly after its own.
        var resumed = new List<(long After, EventSubscription Subscription)>();
        var random = new Random(7);
        long previous = -1;
        while (Volatile.Read(ref producing) > 0 && resumed.Count < Subscriptions)
        {
            var seen = Volatile.Read(ref lastSeen);
            if (seen - previous < 100)
            {
                await Task.Yield(); // wait for the traffic to move on
                continue;
            }

            previous = seen;
            var after = Math.Max(0, seen - random.Next(0, 50));
            resumed.Add((after, hall.Subscribe(afterSequence: after, bufferSize: bufferSize)));
            Interlocked.Increment(ref subscribed);
        }

        await Task.WhenAll(producerTasks).WaitAsync(TimeSpan.FromSeconds(60));
        var final = (await hall.GetSnapshotAsync().Bounded()).Sequence;
        Assert.Equal(1 + issued, final);
        Assert.NotEmpty(resumed);

        foreach (var (after, subscription) in resumed)
        {
            var expected = after;
            while (expected < final)
            {
                var read = await subscription.ReadAsync().Bounded();
                Assert.Equal(EventReadStatus.Event, read.Status);
                Assert.Equal(++expected, read.Event.Sequence);
            }

            Assert.False(subscription.TryRead(out var extra), $"unexpected {extra}");
            subscription.Dispose();
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current); // many producers report at once
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
