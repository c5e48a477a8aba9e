using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;
using Change = QueueCore.Grpc.V1.WindowUpdate.Types.Change;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>The clerk terminal's stream of what concerns its window.</summary>
public class WatchWindowTests(ITestOutputHelper output)
{
    private const string Hall = "hall-w";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
    });

    [Fact]
    public async Task WatchWindow_FirstMessage_IsTheWindowAsItIsNow()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var taken = await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        using var watch = server.Terminal(TestDevices.TerminalOfWindow1).WatchWindow(new() { Hall = Hall, Window = 1 });
        var first = await watch.ResponseStream.NextAsync();

        Assert.Equal(Change.Current, first.Change);
        Assert.Equal(V1.WindowState.Calling, first.State);
        Assert.Equal((taken.Id, "A001"), (first.Ticket.Id, first.Ticket.Number));
        Assert.Equal(1, first.QueueLength);
    }

    [Fact]
    public async Task WatchWindow_WindowRemovedByAnAdmin_StreamEndsWithNotFound()
    {
        // A terminal left watching a window that no longer exists would show "Closed" for good while every command it
        // sends is NotFound: its stream ends as those commands do.
        await using var server = await StartAsync();
        using var watch = server.Terminal(TestDevices.TerminalOfWindow1).WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(Change.Current, (await watch.ResponseStream.NextAsync()).Change);

        await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var ended = await watch.ResponseStream.EndsWithAsync(global::Grpc.Core.StatusCode.NotFound);
        Assert.Contains("window 1", ended.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("UnknownWindow", ended.Reason());
    }

    [Fact]
    public async Task WatchWindow_IdleAutoWindowGivenASkillByAnAdmin_TheTicketItTakesIsPushedThenTheWindowAsItIsNow()
    {
        // The admin's change makes a waiting ticket the idle auto window's: the hall pushes it there, but the stream's
        // reload after the change showed it as CHANGE_CURRENT, so a terminal that alerts its clerk on a push did not.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            var hall = TestHalls.Small(Hall, windows: 2);
            s.Halls.Add(hall with { Windows = [hall.Windows[0] with { Skills = [new() { Service = 1 }] }, hall.Windows[1]] });
        });
        await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();
        var waiting = await server.TakeAsync(Hall, service: 2);
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(V1.WindowState.Idle, (await watch.ResponseStream.NextAsync()).State);

        await server.Admin().PutWindowAsync(new() { Hall = Hall, Window = new() { Id = 1, Name = "Desk 1", Skills = { new SkillDef { Service = 1 }, new SkillDef { Service = 2 } } } }).Bounded();

        var pushed = await watch.ResponseStream.NextAsync();
        Assert.Equal((Change.Pushed, waiting.Id), (pushed.Change, pushed.Ticket.Id));
        var current = await watch.ResponseStream.NextAsync();
        Assert.Equal((Change.Current, V1.WindowState.Calling, waiting.Id), (current.Change, current.State, current.Ticket.Id));
    }

    [Fact]
    public async Task WatchWindow_WindowRemovedWhileTheStreamLagged_StreamEndsWithNotFound()
    {
        // A terminal that fell behind the hall's log (a slow desk PC, a stalled network) catches up from a fresh load.
        // When its window had been removed meanwhile, that load showed the window "closed" for good instead of ending
        // the stream as the removal does for a stream that keeps up.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            Traffic.Unlimited(s);
            s.Settings["QueueCoreServer:StreamHistory"] = "16";
            var hall = TestHalls.Small(Hall, windows: 2);
            s.Halls.Add(hall with { Services = [hall.Services[0] with { Name = new string('n', HallDefinition.MaxNameLength) }, hall.Services[1]] });
        });
        await server.OpenAsync(Hall, 1, 2);
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(Change.Current, (await watch.ResponseStream.NextAsync()).Change);

        // Not read: HTTP/2 flow control holds the stream's writes while the hall's log moves on far past it.
        for (var i = 0; i < 600; i++)
        {
            await server.CallAsync(Hall, window: 1);
        }

        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded().ContinueWith(_ => { }); // called: refused
        await server.Terminal().NoShowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        for (var i = 0; i < 20; i++)
        {
            await server.TakeAsync(Hall);
        }

        var ended = await watch.ResponseStream.EndsWithAsync(global::Grpc.Core.StatusCode.NotFound);
        Assert.Equal("UnknownWindow", ended.Reason());
    }

    [Fact]
    public async Task WatchWindow_ServiceRenamedByAnAdmin_TheTicketAtTheWindowShowsTheNewName()
    {
        // The manager renamed the item while A001 was being served at window 1: the clerk's screen kept the old name on
        // the ticket until the window's next event.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var called = await server.CallAsync(Hall, window: 1);
        using var watch = server.Terminal(TestDevices.TerminalOfWindow1).WatchWindow(new() { Hall = Hall, Window = 1 });
        var first = await watch.ResponseStream.NextAsync();
        var definition = TestHalls.Small(Hall, windows: 2);
        Assert.Equal(definition.Services[0].Name, first.Ticket.ServiceName);

        definition = definition with { Services = [definition.Services[0] with { Name = "Business licence" }, .. definition.Services.Skip(1)] };
        await server.Admin().RedefineHallAsync(new() { Hall = Hall, Json = HallConfiguration.ToJson(definition) }).Bounded();

        var renamed = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Current);
        Assert.Equal((called.Id, "Business licence", V1.WindowState.Calling), (renamed.Ticket.Id, renamed.Ticket.ServiceName, renamed.State));
    }

    [Fact]
    public async Task WatchWindow_OverflowTicketNotCallableYet_NotInTheQueueLength()
    {
        // Window 1 takes service 2 only as overflow, after 10 minutes: a ticket for it just taken is in the window's
        // queue (GetQueue lists it, OverflowLater) but not one it "would call now", and CallNext says nothing waits.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Overflow(Hall));
        });
        await server.OpenAsync(Hall, 1);
        var later = await server.TakeAsync(Hall, service: 2);
        await Rpc.FailsAsync(global::Grpc.Core.StatusCode.FailedPrecondition, () => server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }));

        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(0, (await watch.ResponseStream.NextAsync()).QueueLength);

        var now = await server.TakeAsync(Hall, service: 1);
        Assert.Equal(1, (await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Queue)).QueueLength);
        var queue = await server.Terminal().GetQueueAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal([(now.Id, V1.QueueReason.Primary), (later.Id, V1.QueueReason.OverflowLater)], queue.Tickets.Select(t => (t.Ticket, t.Reason)));
    }

    [Fact]
    public async Task WatchWindow_OverflowDelayPasses_QueueLengthCountsTheTicketWithNoOtherEvent()
    {
        // The overflow ticket becomes callable at 9:10, which is no event of the hall: the terminal went on showing an
        // empty queue while its Next key called the ticket, until some other ticket happened to move.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = time;
            s.Halls.Add(TestHalls.Overflow(Hall));
        });
        await server.OpenAsync(Hall, 1);
        var later = await server.TakeAsync(Hall, service: 2);
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(0, (await watch.ResponseStream.NextAsync()).QueueLength);

        time.Advance(TimeSpan.FromMinutes(10));

        var update = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Queue);
        Assert.Equal(1, update.QueueLength);
        Assert.Equal(later.Id, (await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
    }

    [Fact]
    public async Task WatchWindow_TicketCalledAtTheWindow_Arrives()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2);
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(V1.WindowState.Idle, (await watch.ResponseStream.NextAsync()).State);

        await server.CallAsync(Hall, window: 2); // another window's call is not this window's business
        var called = await server.CallAsync(Hall, window: 1);

        var update = await watch.ResponseStream.NextMatchingAsync(u => u.Change != Change.Queue);
        Assert.Equal(Change.Called, update.Change);
        Assert.Equal(V1.WindowState.Calling, update.State);
        Assert.Equal(called.Id, update.Ticket.Id);
        Assert.Equal(called.Sequence, update.Sequence);
    }

    [Fact]
    public async Task CallNext_ElderlyTicket_TheClerkSeesItsClassAndItsNameInTheReplyAndTheStream()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, Attributes = new() { Age = 75 } }).Bounded();
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        await watch.ResponseStream.NextAsync();

        var called = await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var update = await watch.ResponseStream.NextMatchingAsync(u => u.Change != Change.Queue);
        using var later = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 }); // a terminal that starts watching now
        var current = await later.ResponseStream.NextAsync();

        Assert.Equal(("elderly", "elderly", "elderly"), (called.PriorityClass, update.Ticket.PriorityClass, current.Ticket.PriorityClass));
        // The class as the hall names it, for the terminal to show: the same in the reply and both streams.
        const string Name = "Elderly / caring";
        Assert.Equal((Name, Name, Name), (called.PriorityClassName, update.Ticket.PriorityClassName, current.Ticket.PriorityClassName));
    }

    [Fact]
    public async Task WatchWindow_TicketLife_EachStepArrivesWithItsChangeAndState()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        var taken = await server.TakeAsync(Hall);
        using var watch = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        await watch.ResponseStream.NextAsync();
        var steps = new List<(Change, V1.WindowState, long)>();
        async Task StepAsync(Func<Task> command)
        {
            await command();
            var update = await watch.ResponseStream.NextMatchingAsync(u => u.Change != Change.Queue);
            steps.Add((update.Change, update.State, update.Ticket?.Id ?? 0));
        }

        await StepAsync(() => terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded());
        await StepAsync(() => terminal.RecallAsync(new() { Hall = Hall, Window = 1 }).Bounded());
        await StepAsync(() => terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded());
        await StepAsync(() => terminal.ParkAsync(new() { Hall = Hall, Window = 1 }).Bounded());
        await terminal.ResumeParkedAsync(new() { Hall = Hall, Window = 1, Ticket = taken.Id }).Bounded();
        await StepAsync(() => terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded());
        await StepAsync(() => terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2 }).Bounded());

        var id = taken.Id;
        Assert.Equal(
        [
            (Change.Called, V1.WindowState.Calling, id), (Change.Recalled, V1.WindowState.Calling, id),
            (Change.Serving, V1.WindowState.Serving, id), (Change.Finished, V1.WindowState.Idle, 0L),
            (Change.Called, V1.WindowState.Calling, id), (Change.Finished, V1.WindowState.Idle, 0L),
        ], steps);
    }

    [Fact]
    public async Task WatchWindow_AutoModeWindow_GetsTicketPushedWhenIssued()
    {
        await using var server = await StartAsync();
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(V1.WindowState.Closed, (await watch.ResponseStream.NextAsync()).State);

        await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();
        var opened = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window);
        Assert.Equal(V1.WindowState.Idle, opened.State);

        var taken = await server.TakeAsync(Hall);
        var pushed = await watch.ResponseStream.NextMatchingAsync(u => u.Change is not Change.Queue);
        Assert.Equal(Change.Pushed, pushed.Change);
        Assert.Equal(taken.Id, pushed.Ticket.Id);
        Assert.Equal(V1.WindowState.Calling, pushed.State);
    }

    [Fact]
    public async Task WatchWindow_AutoWindowOpenedWithTicketsWaiting_OpenedIdleAtItsSequenceThenTheTicketPushed()
    {
        // The hall opens the window and pushes it a waiting ticket in one command, as two events. The opening's update
        // showed the window as it was after the push (calling A001, at the opening's sequence), so a terminal showed the
        // ticket before its push and then the push again.
        await using var server = await StartAsync();
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(V1.WindowState.Closed, (await watch.ResponseStream.NextAsync()).State);
        var taken = await server.TakeAsync(Hall);

        await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();

        var opened = await watch.ResponseStream.NextMatchingAsync(u => u.Change is not Change.Queue);
        Assert.Equal((Change.Window, V1.WindowState.Idle, null), (opened.Change, opened.State, opened.Ticket));
        var pushed = await watch.ResponseStream.NextMatchingAsync(u => u.Change is not Change.Queue);
        Assert.Equal((Change.Pushed, V1.WindowState.Calling, taken.Id), (pushed.Change, pushed.State, pushed.Ticket.Id));
        Assert.True(pushed.Sequence > opened.Sequence, $"pushed at {pushed.Sequence}, opened at {opened.Sequence}");
    }

    [Fact]
    public async Task OpenWindow_AutoModeWithTicketsWaiting_ReplySaysCalling()
    {
        await using var server = await StartAsync();
        await server.TakeAsync(Hall);

        var opened = await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();

        Assert.Equal(V1.WindowState.Calling, opened.State); // the waiting ticket was pushed to it at once
    }

    [Fact]
    public async Task WatchWindow_PausedThenClosed_EachUpdateCarriesTheQueueLengthOfItsState()
    {
        // A paused window keeps its queue (it calls it once resumed); a closed one would call nothing. The closing
        // update said "closed, 2 waiting", and 0 came only in a later queue update.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(2, (await watch.ResponseStream.NextAsync()).QueueLength);

        await server.Terminal().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();
        var paused = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window);
        Assert.Equal((V1.WindowState.Paused, 2), (paused.State, paused.QueueLength));

        await server.Terminal().CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var closed = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window);
        Assert.Equal((V1.WindowState.Closed, 0), (closed.State, closed.QueueLength));
    }

    [Fact]
    public async Task WatchWindow_TicketsIssued_QueueLengthUpdates()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        using var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(0, (await watch.ResponseStream.NextAsync()).QueueLength);

        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);

        var update = await watch.ResponseStream.NextMatchingAsync(u => u.QueueLength == 2);
        Assert.Equal(Change.Queue, update.Change);

        await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(V1.WindowState.Calling, (await watch.ResponseStream.NextMatchingAsync(u => u.QueueLength == 1)).State);
    }

    [Fact]
    public async Task WatchWindow_QueueChangedByAnotherTicket_UpdateTimeIsThatOfItsSequence()
    {
        // A ticket issued at 9:10 lengthened the queue of a window last touched at 9:00: the update carried the 9:10
        // issue's sequence with the time 9:00, so the clerk's screen said the queue changed ten minutes before it did.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartOnClockAsync(time);
        using var watch = await WatchEmptyWindowAsync(server);

        time.Advance(TimeSpan.FromMinutes(10));
        var taken = await server.TakeAsync(Hall);

        var update = await watch.ResponseStream.NextMatchingAsync(u => u.QueueLength == 1);
        Assert.Equal((taken.Sequence, time.GetUtcNow()), (update.Sequence, update.Time.ToDateTimeOffset()));
    }

    [Fact]
    public async Task WatchWindow_ServerClockHeld_QueueLengthStillFollows()
    {
        // A server on a simulated clock that does not move by itself (a training hall, a replay): the terminal showed the
        // queue length it opened with for good, its refresh interval being counted on that clock.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartOnClockAsync(time);
        using var watch = await WatchEmptyWindowAsync(server);

        for (var waiting = 1; waiting <= 3; waiting++)
        {
            await server.TakeAsync(Hall);
            Assert.Equal(Change.Queue, (await watch.ResponseStream.NextMatchingAsync(u => u.QueueLength == waiting)).Change);
        }
    }

    /// <summary>A server of a two-window hall on <paramref name="time"/>, window 1 open.</summary>
    private async Task<ServerKit> StartOnClockAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
    {
        var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = time;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2));
        });
        await server.OpenAsync(Hall, 1);
        return server;
    }

    /// <summary>Window 1's stream, past its first update (an empty queue).</summary>
    private static async Task<AsyncServerStreamingCall<WindowUpdate>> WatchEmptyWindowAsync(ServerKit server)
    {
        var watch = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(0, (await watch.ResponseStream.NextAsync()).QueueLength);
        return watch;
    }
}
