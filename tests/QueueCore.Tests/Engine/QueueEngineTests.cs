namespace QueueCore.Tests.Engine;

public class QueueEngineTests
{
    [Fact]
    public async Task SubmitAsync_IssueThenCall_RoundTrips()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);

        var issued = await hall.IssueTicketAsync(1).Bounded();
        Assert.True(issued.IsSuccess, issued.ToString());
        Assert.Equal("A001", issued.Number.ToString());

        var called = await engine.SubmitAsync("h1", HallCommand.CallNext(1)).Bounded();
        Assert.True(called.IsSuccess, called.ToString());
        Assert.Equal(issued.Ticket, called.Ticket);
        Assert.Equal(1, called.Window);
        Assert.True(called.Sequence > issued.Sequence);
    }

    [Theory]
    [InlineData(WaitStrategy.SpinThenBlock)]
    [InlineData(WaitStrategy.Blocking)]
    [InlineData(WaitStrategy.BusySpin)]
    public async Task SubmitAsync_EachWaitStrategy_RoundTripsAndStops(WaitStrategy strategy)
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1) with { WaitStrategy = strategy, SpinIterations = 3 });
        await EngineTestKit.OpenAsync(hall, 1);
        for (var i = 0; i < 50; i++)
        {
            Assert.True((await hall.IssueTicketAsync(1).Bounded()).IsSuccess);
            await Task.Yield(); // let the shard go idle between commands, so it spins, blocks and is woken
        }

        await engine.DisposeAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
        Assert.True(hall.Shard.Stopped.IsCompleted);
    }

    [Fact]
    public async Task SubmitAsync_UnknownHall_ReturnsUnknownHallError()
    {
        var (engine, _) = EngineTestKit.Started();
        await using var lifetime = engine;

        var result = await engine.SubmitAsync("nowhere", HallCommand.OpenDay()).Bounded();

        Assert.Equal(QueueError.UnknownHall, result.Error);
        Assert.Contains("nowhere", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHall_DuplicateId_Throws()
    {
        var (engine, _) = EngineTestKit.Started();
        await using var lifetime = engine;

        Assert.Throws<ArgumentException>(() => engine.AddHall(EngineTestKit.Hall("h1")));
    }

    [Fact]
    public async Task AddHall_IdDifferingOnlyInLetterCase_ThrowsNamingTheHallThere()
    {
        // "H1" beside "h1": two halls a manager, a kiosk's integrator and the configuration's per-hall keys (read ignoring
        // case) cannot tell apart.
        var (engine, _) = EngineTestKit.Started();
        await using var lifetime = engine;

        var e = Assert.Throws<ArgumentException>(() => engine.AddHall(EngineTestKit.Hall("H1")));

        Assert.StartsWith("A hall with id 'H1' differs from hall 'h1' only in letter case", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("H1", engine.HallIds);
    }

    [Fact]
    public async Task AddHall_IdInOtherLetterCase_AfterTheHallWasRemoved_IsAdded_AndThenItsOwnCaseTwinIsRefused()
    {
        // A manager who removes "h1" may add "H1" (nothing left to confuse it with); "h1" is then H1's twin.
        var (engine, _) = EngineTestKit.Started();
        await using var lifetime = engine;

        Assert.True(await engine.RemoveHallAsync("h1").Bounded());
        engine.AddHall(EngineTestKit.Hall("H1"));
        var e = Assert.Throws<ArgumentException>(() => engine.AddHall(EngineTestKit.Hall("h1")));

        Assert.StartsWith("A hall with id 'h1' differs from hall 'H1' only in letter case", e.Message, StringComparison.Ordinal);
        Assert.Contains("H1", engine.HallIds);
        Assert.DoesNotContain("h1", engine.HallIds);
    }

    [Fact]
    public async Task AddHall_InvalidDefinition_ThrowsAndAddsNothing()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options());

        Assert.ThrowsAny<ArgumentException>(() => engine.AddHall(EngineTestKit.Hall("bad") with { Categories = [] }));
        Assert.Empty(engine.HallIds);
    }

    [Fact]
    public async Task AddHall_AfterStart_SpreadsOverShardsAndServes()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 2));
        engine.Start();
        var halls = Enumerable.Range(0, 4).Select(i => engine.AddHall(EngineTestKit.Hall($"h{i}"))).ToArray();

        foreach (var hall in halls)
        {
            await EngineTestKit.OpenAsync(hall);
            Assert.Equal("A001", (await hall.IssueTicketAsync(1).Bounded()).Number.ToString());
        }

        Assert.Equal(2, halls.Select(h => h.Shard.Id).Distinct().Count());
        Assert.Equal(["h0", "h1", "h2", "h3"], engine.HallIds.Order());
        Assert.True(engine.TryGetHall("h2", out var found));
        Assert.Same(halls[2], found);
        Assert.False(engine.TryGetHall("h9", out _));
    }

    [Fact]
    public async Task CheckInAppointmentAsync_NullReference_ThrowsNamingItAndIssuesNoTicket()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);

        var error = Assert.Throws<ArgumentNullException>(() => hall.CheckInAppointmentAsync(new ServiceItemList([1]), null!, EngineTestKit.Morning));

        Assert.Equal("appointment", error.ParamName);
        var snapshot = await hall.GetSnapshotAsync().Bounded();
        Assert.Equal(0, snapshot.TotalWaiting); // no walk-in ticket issued in the appointment's name
    }

    [Fact]
    public async Task AddHall_NullId_ThrowsNamingTheDefinition()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options());

        var error = Assert.Throws<ArgumentException>(() => engine.AddHall(EngineTestKit.Hall() with { Id = null! }));

        Assert.Equal("definition", error.ParamName);
        Assert.StartsWith("The hall needs an id.", error.Message, StringComparison.Ordinal);
        Assert.Empty(engine.HallIds);
    }

    [Fact]
    public async Task SubmitAsync_BeforeStart_IsAppliedOnceStarted()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options());
        var hall = engine.AddHall(EngineTestKit.Hall());
        var open = hall.OpenDayAsync();
        var issue = hall.IssueTicketAsync(1);
        Assert.False(issue.IsCompleted);

        engine.Start();

        Assert.True((await open.Bounded()).IsSuccess);
        Assert.Equal("A001", (await issue.Bounded()).Number.ToString());
    }

    [Fact]
    public async Task SubmitAsync_CancelledBeforeShardTakesIt_ReturnsCancelledAndIsNotApplied()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);
        using var cts = new CancellationTokenSource();

        ValueTask<CommandResult> pending;
        using (var gate = ShardGate.Park(hall))
        {
            pending = hall.IssueTicketAsync(1, cancellationToken: cts.Token);
            Assert.False(pending.IsCompleted);
            await cts.CancelAsync();

            // Completes while the shard is still parked: the cancellation, not the shard, produced the result.
            Assert.Equal(QueueError.Cancelled, (await pending.Bounded()).Error);
        }

        var next = await hall.IssueTicketAsync(1).Bounded();
        Assert.Equal("A001", next.Number.ToString()); // the cancelled issue was never applied
    }

    [Fact]
    public async Task SubmitAsync_RingFullOfCancelledCalls_LaterCallersAreServedOnceTheShardRuns()
    {
        const int Capacity = 16;
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1, capacity: Capacity));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        using var cts = new CancellationTokenSource();

        // The shard stalls (a slow disk, a long redefinition): every kiosk waiting on it gives up (a gRPC deadline).
        using (var gate = ShardGate.Park(hall))
        {
            var abandoned = Enumerable.Range(0, Capacity).Select(_ => hall.IssueTicketAsync(1, cancellationToken: cts.Token).AsTask()).ToList();
            await cts.CancelAsync();
            Assert.All(await Task.WhenAll(abandoned).WaitAsync(EngineTestKit.Timeout), r => Assert.Equal(QueueError.Cancelled, r.Error));
        }

        // The cancelled calls held their slots only while the shard stood still: it frees them without applying them,
        // so callers after the stall are served (a whole ring's worth) and numbering goes on where it stood.
        Assert.True(SpinWait.SpinUntil(() => hall.Shard.Depth == 0, EngineTestKit.Timeout), "the shard never passed the cancelled calls");
        var served = new List<CommandResult>();
        for (var i = 0; i < Capacity; i++)
        {
            served.Add(await hall.IssueTicketAsync(1).Bounded());
        }

        Assert.All(served, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal("A001", served[0].Number.ToString());
    }

    [Fact]
    public async Task SubmitAsync_TokenAlreadyCancelled_ReturnsCancelled()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;

        var result = await hall.OpenDayAsync(new CancellationToken(canceled: true)).Bounded();

        Assert.Equal(QueueError.Cancelled, result.Error);
    }

    [Fact]
    public async Task SubmitAsync_CancelledAfterApplied_KeepsResult()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        using var cts = new CancellationTokenSource();

        var result = await hall.OpenDayAsync(cts.Token).Bounded();
        await cts.CancelAsync();

        Assert.True(result.IsSuccess);
        Assert.True((await hall.OpenWindowAsync(1, 7).Bounded()).IsSuccess); // the late cancel did not disturb the recycled source
    }

    [Fact]
    public async Task SubmitAsync_IngressFull_ReturnsOverloadedThenRecovers()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1, capacity: 4));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);

        var queued = new List<ValueTask<CommandResult>>();
        CommandResult refused;
        using (var gate = ShardGate.Park(hall))
        {
            for (var i = 0; i < 4; i++)
            {
                queued.Add(hall.IssueTicketAsync(1));
            }

            refused = await hall.IssueTicketAsync(1).Bounded(); // the ring is full and the shard is parked
        }

        Assert.Equal(QueueError.Overloaded, refused.Error);
        Assert.Contains("full", refused.Message, StringComparison.Ordinal);
        foreach (var q in queued)
        {
            Assert.True((await q.Bounded()).IsSuccess);
        }
    }

    [Fact]
    public async Task WorkItemThrows_ShardKeepsServing()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;

        hall.Shard.Post(new ThrowingWorkItem(), hall.Entry.Index);

        Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);
    }

    [Fact]
    public async Task GetSnapshotAsync_AfterCommands_MatchesTheirSequence()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        CommandResult last = default;
        for (var i = 0; i < 3; i++)
        {
            last = await hall.IssueTicketAsync(1).Bounded();
        }

        var snapshot = await hall.GetSnapshotAsync().Bounded();

        Assert.Equal("h1", snapshot.HallId);
        Assert.Equal(last.Sequence, snapshot.Sequence);
        Assert.Equal(3, snapshot.TotalWaiting);
    }

    [Fact]
    public void Constructor_CapacityNotPowerOfTwo_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueueEngine(new QueueEngineOptions { IngressCapacity = 1000 }));

    [Theory]
    [InlineData(10_000, 65_536, "ShardCount")]
    [InlineData(1, 1 << 25, "IngressCapacity")]
    [InlineData(1024, 1 << 17, "IngressCapacity")] // 2^27 slots together: 16 GiB
    public void Constructor_RingsTooLargeToReserve_ThrowsNamingTheOption(int shards, int capacity, string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new QueueEngine(new QueueEngineOptions { ShardCount = shards, IngressCapacity = capacity }));

        Assert.Equal(option, error.ParamName);
    }

    private sealed class ThrowingWorkItem : ShardWorkItem
    {
        public override void Execute(Shard shard, HallEntry? hall) => throw new InvalidOperationException("a bug in a work item");
    }
}
