using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Audit;

/// <summary>Second audit: halls removed, added back and restored through the engine, and what their handles and readers get.</summary>
public class RunTimeHallsAuditTests
{
    private static HallDefinition Def(string id = "rt") => new()
    {
        Id = id,
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }],
        Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }],
    };

    [Fact]
    public async Task StaleHandle_AfterRemoveAndAddAgain_UnknownHall_NewHallUntouched()
    {
        var (engine, old) = EngineTestKit.Started(EngineTestKit.Options(1), Def());
        await using var _ = engine;
        await EngineTestKit.OpenAsync(old, 1);
        await old.IssueTicketAsync(1).Bounded();
        Assert.True(await engine.RemoveHallAsync("rt").Bounded());
        var again = engine.AddHall(Def());
        await EngineTestKit.OpenAsync(again, 1);
        var before = (await again.SaveStateAsync().Bounded()).Sequence;

        var stale = await old.IssueTicketAsync(1).Bounded();

        Assert.Equal(QueueError.UnknownHall, stale.Error);
        Assert.Equal(before, (await again.SaveStateAsync().Bounded()).Sequence);
        var fresh = await again.IssueTicketAsync(1).Bounded();
        Assert.Equal("A002", fresh.Number.ToString()); // numbering goes on the same day
    }

    [Fact]
    public async Task AddHallFromStateOfAnotherHall_ClearError()
    {
        var (engine, a) = EngineTestKit.Started(EngineTestKit.Options(1), Def("a"));
        await using var _ = engine;
        await EngineTestKit.OpenAsync(a, 1);
        var state = await a.SaveStateAsync().Bounded();

        var e = Assert.ThrowsAny<ArgumentException>(() => engine.AddHall(Def("b"), state));

        Assert.Contains("a", e.Message, StringComparison.Ordinal);
        Assert.False(engine.TryGetHall("b", out var none), none?.ToString());
    }

    [Fact]
    public async Task RestoreAsync_StateOfAnotherHall_ClearError_HallUnchanged()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(1));
        var a = engine.AddHall(Def("a"));
        var b = engine.AddHall(Def("b"));
        engine.Start();
        await EngineTestKit.OpenAsync(a, 1);
        await EngineTestKit.OpenAsync(b);
        var t = await b.IssueTicketAsync(2).Bounded();
        var stateOfA = await a.SaveStateAsync().Bounded();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => b.RestoreAsync(stateOfA).AsTask());

        Assert.Equal(TicketState.Waiting, (await b.QueryTicketAsync(t.Ticket).Bounded()).State);
    }

    [Fact]
    public async Task RedefineAsync_WithAnotherId_ClearError()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(1), Def());
        await using var _ = engine;

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => hall.RedefineAsync(Def("other")).AsTask());

        Assert.Contains("other", e.Message, StringComparison.Ordinal);
        Assert.Equal("rt", hall.Definition.Id);
    }

    [Fact]
    public async Task Reader_WhenHallRemoved_CompletesNotLagged()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(1), Def());
        await using var _ = engine;
        using var events = hall.Subscribe();
        await EngineTestKit.OpenAsync(hall, 1);

        await engine.RemoveHallAsync("rt").Bounded();
        var seen = new List<HallEvent>();
        await foreach (var e in events.ReadAllAsync().WithCancellation(new CancellationTokenSource(EngineTestKit.Timeout).Token))
        {
            seen.Add(e);
        }

        Assert.False(events.Lagged);
        Assert.True(events.IsCompleted);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task Resume_MoreMissedThanTheBuffer_LaggedNeverAGap()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(1), Def());
        await using var _ = engine;
        using (hall.Subscribe())
        {
            await EngineTestKit.OpenAsync(hall, 1);
        }

        var seen = (await hall.IssueTicketAsync(1).Bounded()).Sequence;
        for (var i = 0; i < 20; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
        }

        using var resumed = hall.Subscribe(afterSequence: seen, bufferSize: 8);
        var expected = seen + 1;
        while (true)
        {
            var read = await resumed.ReadAsync().Bounded();
            if (read.Status != EventReadStatus.Event)
            {
                Assert.Equal(EventReadStatus.Lagged, read.Status);
                Assert.Equal(seen + 1 + 8, expected); // as many as its buffer holds, in order, then Lagged
                break;
            }

            Assert.Equal(expected++, read.Event.Sequence);
        }
    }

    [Fact]
    public async Task AddedBackFromSavedState_ReaderAtTheStatesSequenceResumes_ReaderBeyondItLags()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(1), Def(), time);
        await using var _ = engine;
        using (hall.Subscribe())
        {
            await EngineTestKit.OpenAsync(hall, 1);
        }

        await hall.IssueTicketAsync(1).Bounded();
        var state = await hall.SaveStateAsync().Bounded();
        var beyond = (await hall.IssueTicketAsync(2).Bounded()).Sequence;
        await engine.RemoveHallAsync("rt").Bounded();
        var again = engine.AddHall(Def(), state);

        using var atState = again.Subscribe(afterSequence: state.Sequence);
        using var past = again.Subscribe(afterSequence: beyond);
        var next = await again.IssueTicketAsync(2).Bounded();

        var read = await atState.ReadAsync().Bounded();
        Assert.Equal(EventReadStatus.Event, read.Status);
        Assert.Equal(state.Sequence + 1, read.Event.Sequence);
        Assert.Equal(next.Ticket, read.Event.Ticket);
        Assert.Equal(EventReadStatus.Lagged, (await past.ReadAsync().Bounded()).Status);
    }

    [Fact]
    public async Task SameCommandsAndTimes_SameEvents_WithSaveAndAddBackInTheMiddle()
    {
        async Task<List<HallEvent>> Run(bool cut)
        {
            var time = new FakeTimeProvider(EngineTestKit.Morning);
            var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(1), Def(), time);
            await using var _ = engine;
            var events = new List<HallEvent>();
            var sub = hall.Subscribe();
            async Task Drain(EventSubscription s, long upTo)
            {
                while (events.Count == 0 || events[^1].Sequence < upTo)
                {
                    var r = await s.ReadAsync().Bounded();
                    Assert.Equal(EventReadStatus.Event, r.Status);
                    events.Add(r.Event);
                }
            }

            var script = new Func<HallHandle, ValueTask<CommandResult>>[]
            {
                h => h.OpenDayAsync(),
                h => h.OpenWindowAsync(1, 101, auto: true),
                h => h.OpenWindowAsync(2, 102),
                h => h.IssueTicketAsync(new ServiceItemList([1, 2])),
                h => h.IssueTicketAsync(2, age: 80),
                h => h.IssueTicketAsync(1),
                h => h.StartServingAsync(1),
                h => h.CallNextAsync(2),
                h => h.ParkAsync(1, "doc"),
                h => h.StartServingAsync(2),
                h => h.TransferToWindowAsync(2, 1),
                h => h.StartServingAsync(1),
                h => h.FinishAndCallNextAsync(1),
                h => h.IssueTicketAsync(new ServiceItemList([2, 1])),
                h => h.CallNextAsync(2),
                h => h.NoShowAsync(2),
                h => h.CloseDayAsync(DayClosePolicy.ServeRemaining),
                h => h.FinishAndCallNextAsync(1),
            };
            for (var i = 0; i < script.Length; i++)
            {
                if (cut && i == 9)
                {
                    var state = await hall.SaveStateAsync().Bounded();
                    await Drain(sub, state.Sequence);
                    sub.Dispose();
                    await engine.RemoveHallAsync("rt").Bounded();
                    hall = engine.AddHall(Def(), state);
                    sub = hall.Subscribe(afterSequence: state.Sequence);
                }

                time.Advance(TimeSpan.FromMinutes(1));
                var r = await script[i](hall).Bounded();
                await Drain(sub, r.Sequence);
            }

            sub.Dispose();
            return events;
        }

        var straight = await Run(cut: false);
        var split = await Run(cut: true);

        Assert.Equal(straight.Select(e => e.ToString()), split.Select(e => e.ToString()));
        Assert.Equal(straight, split);
    }
}

public class ControlOrderAuditTests
{
    [Fact]
    public async Task SaveStateAsync_AfterCommandsQueuedNotAwaited_HoldsThemAll()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(1, 4096), EngineTestKit.Hall("co"));
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        var pending = new Task<CommandResult>[2000];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = hall.IssueTicketAsync(1).AsTask();
        }

        var state = await hall.SaveStateAsync().Bounded();
        var snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Figures).Bounded();
        var results = await Task.WhenAll(pending).WaitAsync(EngineTestKit.Timeout);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(2000, state.Tickets.Count(t => t.State == TicketState.Waiting));
        Assert.True(state.Sequence >= results.Max(r => r.Sequence));
        Assert.Equal(2000, snapshot.TotalWaiting);
    }

    [Fact]
    public async Task RedefineAsync_AfterCommandsQueuedNotAwaited_AppliedUnderTheOldDefinitionFirst()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(1, 4096), EngineTestKit.Hall("co", windows: 2));
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall, 1, 2);
        await hall.CloseWindowAsync(2).Bounded();
        var pending = new Task<CommandResult>[200];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = hall.IssueTicketAsync(1).AsTask();
        }

        var reopen = hall.OpenWindowAsync(2, 102).AsTask(); // queued before the redefinition that removes window 2
        var e = await Assert.ThrowsAsync<ArgumentException>(() => hall.RedefineAsync(EngineTestKit.Hall("co", windows: 1)).AsTask());
        Assert.True((await reopen.WaitAsync(EngineTestKit.Timeout)).IsSuccess);
        Assert.Contains("window 2", e.Message, StringComparison.Ordinal);
        Assert.All(await Task.WhenAll(pending).WaitAsync(EngineTestKit.Timeout), r => Assert.True(r.IsSuccess));
    }
}
