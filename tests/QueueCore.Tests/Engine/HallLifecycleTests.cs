namespace QueueCore.Tests.Engine;

public class HallLifecycleTests
{
    [Fact]
    public async Task RemoveHallAsync_Hall_CompletesItsSubscriptionsAndLaterSubmitsGetUnknownHall()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1));
        var removed = engine.AddHall(EngineTestKit.Hall("a"));
        var neighbour = engine.AddHall(EngineTestKit.Hall("b"));
        engine.Start();
        await EngineTestKit.OpenAsync(removed);
        await EngineTestKit.OpenAsync(neighbour);
        var subscription = removed.Subscribe();
        await removed.IssueTicketAsync(1).Bounded();

        Assert.True(await engine.RemoveHallAsync("a").Bounded());

        Assert.Equal(HallEventKind.TicketIssued, (await subscription.ReadAsync().Bounded()).Event.Kind); // buffered events stay readable
        Assert.Equal(EventReadStatus.Completed, (await subscription.ReadAsync().Bounded()).Status);
        Assert.Equal(QueueError.UnknownHall, (await engine.SubmitAsync("a", HallCommand.IssueTicket(1)).Bounded()).Error);
        Assert.Equal(QueueError.UnknownHall, (await removed.IssueTicketAsync(1).Bounded()).Error);
        Assert.True(removed.Subscribe().IsCompleted);
        Assert.Equal(EventReadStatus.Completed, (await removed.Subscribe(afterSequence: 0).ReadAsync().Bounded()).Status);
        await Assert.ThrowsAsync<HallRemovedException>(() => removed.GetSnapshotAsync().Bounded()); // an InvalidOperationException
        Assert.DoesNotContain("a", engine.HallIds);

        // The tombstone keeps indices stable: the neighbour's handle still works, and a new hall "a" gets a new slot.
        Assert.Equal("A001", (await neighbour.IssueTicketAsync(1).Bounded()).Number.ToString());
        var again = engine.AddHall(EngineTestKit.Hall("a"));
        Assert.NotEqual(removed.Entry.Index, again.Entry.Index);
        await EngineTestKit.OpenAsync(again);
        // The same day: it numbers on after the removed hall's A001, which its citizen still holds (RemovedHallNumberingTests).
        Assert.Equal("A002", (await again.IssueTicketAsync(1).Bounded()).Number.ToString());
        Assert.Equal(QueueError.UnknownHall, (await removed.IssueTicketAsync(1).Bounded()).Error);

        Assert.False(await engine.RemoveHallAsync("nowhere").Bounded());
        Assert.Equal(2, engine.GetHealth().Shards[0].Halls);
    }

    [Fact]
    public async Task RemoveHallAsync_HallAddedAgain_OldHandleRefusedSayingItNamesTheRemovedHallAndHowToGetTheNewOne()
    {
        // A handle is the hall it was got for (its events, its numbering), not its id: a hall added again with the id is
        // another hall. The old handle's refusal said only "was removed", although a hall 'a' was there.
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1));
        var old = engine.AddHall(EngineTestKit.Hall("a"));
        engine.Start();
        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        var again = engine.AddHall(EngineTestKit.Hall("a"));
        await EngineTestKit.OpenAsync(again);

        var refused = await old.IssueTicketAsync(1).Bounded();
        var thrown = await Assert.ThrowsAsync<HallRemovedException>(() => old.GetSnapshotAsync().Bounded());

        const string expected = "Hall 'a' was removed from the engine. A handle stays with the hall it was got for: for a hall " +
            "added again with this id, use the handle QueueEngine.AddHall returned or QueueEngine.TryGetHall gives.";
        Assert.Equal((QueueError.UnknownHall, expected), (refused.Error, refused.Message));
        Assert.Equal(expected, thrown.Message);
        Assert.True(engine.TryGetHall("a", out var current));
        Assert.True((await current.IssueTicketAsync(1).Bounded()).IsSuccess);
    }

    [Fact]
    public async Task RemoveHallAsync_CommandsQueuedBefore_AreAppliedFirst()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);

        ValueTask<CommandResult> before;
        Task<bool> removal;
        using (var gate = ShardGate.Park(hall))
        {
            before = hall.IssueTicketAsync(1);
            removal = engine.RemoveHallAsync("h1").AsTask();
        }

        Assert.True(await removal.WaitAsync(EngineTestKit.Timeout));
        Assert.True((await before.Bounded()).IsSuccess);
    }

    [Fact]
    public async Task SaveStateAsync_ThenAddHallFromTheState_ContinuesTheDay()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        for (var i = 0; i < 3; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
        }

        await hall.CallNextAsync(1).Bounded();
        var state = await hall.SaveStateAsync().Bounded();
        Assert.True(await engine.RemoveHallAsync("h1").Bounded());

        var restored = engine.AddHall(EngineTestKit.Hall(), state);

        var next = await restored.IssueTicketAsync(1).Bounded();
        Assert.Equal("A004", next.Number.ToString());
        Assert.Equal(state.Sequence + 1, next.Sequence);
        Assert.Equal(3, (await restored.GetSnapshotAsync().Bounded()).TotalWaiting);
        Assert.Throws<ArgumentException>(() => engine.AddHall(EngineTestKit.Hall("h2"), state)); // another hall's state
    }

    [Fact]
    public async Task RedefineAsync_NewDefinition_KeepsTheQueueAndIsVisibleFromAnyThread()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        await hall.IssueTicketAsync(1).Bounded();
        await hall.IssueTicketAsync(1).Bounded();
        var changed = hall.Definition with { Name = "City hall, ground floor", WindowIdleLimit = TimeSpan.FromMinutes(5) };

        var result = await hall.RedefineAsync(changed).Bounded();

        Assert.Same(changed, result);
        Assert.Same(changed, await Task.Run(() => hall.Definition).WaitAsync(EngineTestKit.Timeout));
        Assert.Equal("A003", (await hall.IssueTicketAsync(1).Bounded()).Number.ToString());
        Assert.Equal(3, (await hall.GetSnapshotAsync().Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task RedefineAsync_OtherHallId_ThrowsArgumentException()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;

        await Assert.ThrowsAsync<ArgumentException>(() => hall.RedefineAsync(EngineTestKit.Hall("elsewhere")).Bounded());
        Assert.Equal("h1", hall.Definition.Id);
    }

    [Fact]
    public async Task RedefineAsync_InvalidDefinition_ThrowsTheHallsMessageAndTheShardGoesOn()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        var before = hall.Definition;

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => hall.RedefineAsync(before with { Categories = [] }).Bounded());

        Assert.False(string.IsNullOrEmpty(error.Message));
        Assert.Same(before, hall.Definition);
        Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);
    }

    [Fact]
    public async Task RedefineAsync_Subscribers_GetTheRedefinedEventInSequence()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        using var events = hall.Subscribe();
        var issued = await hall.IssueTicketAsync(1).Bounded();

        await hall.RedefineAsync(hall.Definition with { Name = "renamed" }).Bounded();
        var next = await hall.IssueTicketAsync(1).Bounded();

        var first = await events.ReadAsync().Bounded();
        var redefined = await events.ReadAsync().Bounded();
        var after = await events.ReadAsync().Bounded();
        Assert.Equal((HallEventKind.TicketIssued, issued.Sequence), (first.Event.Kind, first.Event.Sequence));
        Assert.Equal((HallEventKind.HallRedefined, issued.Sequence + 1), (redefined.Event.Kind, redefined.Event.Sequence));
        Assert.Equal((HallEventKind.TicketIssued, next.Sequence), (after.Event.Kind, after.Event.Sequence));
    }

    [Fact]
    public async Task GetWindowQueueAsync_TheOrderTheWindowCalls()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        var normal = await hall.IssueTicketAsync(1).Bounded();
        var elderly = await hall.IssueTicketAsync(1, age: 80).Bounded();

        var view = await hall.GetWindowQueueAsync(1).Bounded();
        var item = await hall.GetServiceQueueAsync(1).Bounded();

        Assert.Equal([elderly.Ticket, normal.Ticket], view.Tickets.Select(t => t.Ticket));
        Assert.Equal(view.Tickets.Select(t => t.Ticket), item.Tickets.Select(t => t.Ticket));
        Assert.Equal(elderly.Ticket, (await hall.CallNextAsync(1).Bounded()).Ticket);
        await Assert.ThrowsAsync<ArgumentException>(() => hall.GetWindowQueueAsync(99).Bounded());
    }
}
