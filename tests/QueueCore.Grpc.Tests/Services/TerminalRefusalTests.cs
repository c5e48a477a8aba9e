using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A clerk's command the hall cannot take gets the status and reason a terminal can act on, and changes nothing: the
/// hall's windows, queues, parked tickets and sequence are as before.
/// </summary>
public class TerminalRefusalTests(ITestOutputHelper output)
{
    private const string Hall = "refusals";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        var small = TestHalls.Small(Hall, windows: 3);
        // Window 3 serves item 1 only.
        s.Halls.Add(small with { Windows = [small.Windows[0], small.Windows[1], new() { Id = 3, Name = "Window 3", Skills = [new() { Service = 1 }] }] });
    });

    [Fact]
    public async Task WindowInTheWrongState_RefusedWithItsReasonAndNothingChanges()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        await server.TakeAsync(Hall);
        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 2, Reason = "lunch" }).Bounded();

        // Paused: nothing is called.
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowNotOpen", () => terminal.CallNextAsync(new() { Hall = Hall, Window = 2 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowNotOpen", () => terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 2 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 1 }));

        // Idle: nothing is served, called or at the window.
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.FinishAsync(new() { Hall = Hall, Window = 1 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.RecallAsync(new() { Hall = Hall, Window = 1 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.NoShowAsync(new() { Hall = Hall, Window = 1 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.TransferAsync(new() { Hall = Hall, Window = 1, Service = 2 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.ParkAsync(new() { Hall = Hall, Window = 1 }));

        // Called, not yet served: no second call, no finish or park, no pause or close.
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.FinishAsync(new() { Hall = Hall, Window = 1 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.ParkAsync(new() { Hall = Hall, Window = 1 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.PauseWindowAsync(new() { Hall = Hall, Window = 1 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.CloseWindowAsync(new() { Hall = Hall, Window = 1 }));
        await terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.RecallAsync(new() { Hall = Hall, Window = 2 })); // window 1's ticket
    }

    [Fact]
    public async Task TicketOrTargetNotTheWindows_RefusedWithItsReasonAndNothingChanges()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2, 3);
        var first = await server.TakeAsync(Hall);
        var forItem2 = await server.TakeAsync(Hall, service: 2);
        var other = await server.TakeAsync(Hall);
        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = first.Id }).Bounded();
        await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 3 }).Bounded();

        await RefusedAsync(server, StatusCode.NotFound, "UnknownService", () => terminal.TransferAsync(new() { Hall = Hall, Window = 1, Service = 99 }));
        await RefusedAsync(server, StatusCode.InvalidArgument, "InvalidArgument", () => terminal.TransferAsync(new() { Hall = Hall, Window = 1, Service = 1 }));
        await RefusedAsync(server, StatusCode.InvalidArgument, "InvalidArgument", () => terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 1 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowNotOpen", () => terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 3 }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.ResumeParkedAsync(new() { Hall = Hall, Window = 2, Ticket = other.Id }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = first.Id }));
        await RefusedAsync(server, StatusCode.FailedPrecondition, "NotEligible", () => terminal.CancelAsync(new() { Hall = Hall, Window = 2, Ticket = first.Id }));
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 3 }).Bounded();
        await RefusedAsync(server, StatusCode.FailedPrecondition, "NotEligible", () => terminal.CallTicketAsync(new() { Hall = Hall, Window = 3, Ticket = forItem2.Id }));

        await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded(); // first is served from its call
        await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = first.Id }));
        await RefusedAsync(server, StatusCode.NotFound, "UnknownTicket", () => terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = 987_654_321 }));
    }

    [Fact]
    public async Task Cancel_TicketBeingServedAtAnotherWindow_NotEligibleNamingThatWindow()
    {
        // terminal.proto: another window's ticket is NotEligible. One being served there was TicketWrongState, "only
        // waiting, called or parked tickets can": as if this window could cancel it once it was back in the queue.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        var ticket = await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var other = await RefusedAsync(server, StatusCode.FailedPrecondition, "NotEligible", () => terminal.CancelAsync(new() { Hall = Hall, Window = 2, Ticket = ticket.Id }));
        var own = await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.CancelAsync(new() { Hall = Hall, Window = 1, Ticket = ticket.Id }));

        Assert.Equal("Ticket A001 is not window 2's: it is serving at window 1.", other.Status.Detail);
        Assert.Contains("only waiting, called or parked tickets can", own.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recall_BeyondTheHallsMaxRecalls_ResourceExhaustedLimitReachedAndNothingChanges()
    {
        // As terminal.proto and the README say: NoShow.MaxRecalls recalls (2 by default), then RESOURCE_EXHAUSTED.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.RecallAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.RecallAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var e = await RefusedAsync(server, StatusCode.ResourceExhausted, "LimitReached", () => terminal.RecallAsync(new() { Hall = Hall, Window = 1 }));

        Assert.Contains("recalled 2 times, the limit", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseWindow_TicketCalledOrServing_MessageNamesOnlyWhatTheClerkCanDoInThatState()
    {
        // The refusal told a clerk whose ticket was called to "finish, park or transfer it" first: finish and park are
        // refused for a called ticket (it is not served yet), and a no-show for one being served.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var called = await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.CloseWindowAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Equal("Window 1 has a ticket (it is calling); start serving it, mark a no-show, or transfer or cancel it, first.", called.Status.Detail);

        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var serving = await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.CloseWindowAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Equal("Window 1 has a ticket (it is serving); finish, park or transfer it first.", serving.Status.Detail);
    }

    [Fact]
    public async Task OpenWindow_AlreadyOpen_MessageNamesTheClerkOnlyWhenOneWasGiven()
    {
        // "Window 1 is already open (clerk 0)." read as if a clerk numbered 0 sat there; 0 is "not given".
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2, Clerk = 7 }).Bounded();

        var anonymous = await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }));
        var staffed = await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2, Clerk = 7 }));

        Assert.Equal("Window 1 is already open.", anonymous.Status.Detail);
        Assert.Equal("Window 2 is already open (clerk 7).", staffed.Status.Detail);

        // Closed and opened again by another clerk: the message names that one.
        await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2, Clerk = 8 }).Bounded();
        var next = await RefusedAsync(server, StatusCode.FailedPrecondition, "WindowWrongState", () => terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2 }));
        Assert.Equal("Window 2 is already open (clerk 8).", next.Status.Detail);
    }

    [Fact]
    public async Task RequestIdOfAnotherCommand_RefusedAlreadyExistsNotAnsweredWithTheFirstResult()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        var id = Guid.NewGuid().ToString();
        var called = await terminal.CallNextAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded();
        Assert.Equal(called.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded()).Id); // a retry

        var e = await RefusedAsync(server, StatusCode.AlreadyExists, "RequestIdReused", () => terminal.CallNextAsync(new() { Hall = Hall, Window = 2, RequestId = id }));
        Assert.Contains("already used for a different command", e.Status.Detail, StringComparison.Ordinal);
        await RefusedAsync(server, StatusCode.AlreadyExists, "RequestIdReused", () => terminal.RecallAsync(new() { Hall = Hall, Window = 1, RequestId = id }));
        await RefusedAsync(server, StatusCode.AlreadyExists, "RequestIdReused", () => terminal.TransferAsync(new() { Hall = Hall, Window = 1, Service = 2, RequestId = id }));
    }

    [Fact]
    public async Task RequestIdOfARefusedCommand_SentAgainOnceItCanBeDone_IsCarriedOut()
    {
        // terminal.proto: only a command the hall carried out is remembered; a refused one, sent again with its id, is
        // tried again. A terminal that retries "Next" with its id after NothingWaiting must not be answered with the
        // refusal for good.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        var id = Guid.NewGuid().ToString();
        var refused = await RefusedAsync(server, StatusCode.FailedPrecondition, "NothingWaiting", () => terminal.CallNextAsync(new() { Hall = Hall, Window = 1, RequestId = id }));

        var taken = await server.TakeAsync(Hall);
        var called = await terminal.CallNextAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded();

        Assert.Equal((taken.Id, V1.TicketState.Called, 1), (called.Id, called.State, called.Window));
        Assert.Equal(called.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded()).Id); // and now remembered
    }

    [Fact]
    public async Task FinishAndCallNext_TwoTerminalsForTheSameTicketAtOnce_ExactlyOneFinishesIt()
    {
        // Two keypads of window 1 press "Next" for A001 at once: one finishes A001 and calls A002; the other must not then
        // finish A002 (called a moment ago, never served) and call A003.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        var first = await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        var third = await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1, Ticket = first.Id }).Bounded();

        var presses = await Task.WhenAll(new[] { server.Terminal(), server.Terminal(TestDevices.TerminalOfWindow1) }.Select(async keypad =>
        {
            try
            {
                return (Called: (await keypad.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1, Ticket = first.Id }).Bounded()).Number, Refusal: (RpcException?)null);
            }
            catch (RpcException e)
            {
                return (Called: (string?)null, Refusal: e);
            }
        }));

        Assert.Equal("A002", Assert.Single(presses, p => p.Refusal is null).Called);
        var refused = Assert.Single(presses, p => p.Refusal is not null).Refusal!;
        Assert.Equal((StatusCode.FailedPrecondition, "TicketWrongState"), (refused.StatusCode, refused.Reason()));
        Assert.Equal("Window 1 has A002, not A001: A001 was finished already.", refused.Status.Detail);
        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal((1, "A002", V1.TicketState.Called), (info.Figures.ServedToday, info.Current.Number, info.Current.State));
        Assert.Equal(V1.TicketState.Waiting, (await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = third.Id }).Bounded()).State);
    }

    [Fact]
    public async Task FinishAndCallNext_TwoTerminalsForTheSameTicketAndItemOfAVisit_TheNextItemIsNotFinishedUnserved()
    {
        // A001 carries Service one then Service two. Two keypads of window 1 press "Next" for A001 at Service one: one
        // finishes it and calls A001 straight back for Service two (its standing keeps it ahead of A002); the other, naming
        // the same ticket and item, must not then finish Service two, which the citizen has not been served for.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        var visit = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 1 }).Bounded();

        var presses = await Task.WhenAll(new[] { server.Terminal(), server.Terminal(TestDevices.TerminalOfWindow1) }.Select(async keypad =>
        {
            try
            {
                var called = await keypad.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 1 }).Bounded();
                return (Called: $"{called.Number} {called.ServiceName}", Refusal: (RpcException?)null);
            }
            catch (RpcException e)
            {
                return (Called: (string?)null, Refusal: e);
            }
        }));

        Assert.Equal("A001 Service two", Assert.Single(presses, p => p.Refusal is null).Called);
        var refused = Assert.Single(presses, p => p.Refusal is not null).Refusal!;
        Assert.Equal((StatusCode.FailedPrecondition, "TicketWrongState"), (refused.StatusCode, refused.Reason()));
        Assert.Equal("Window 1 has A001 for Service two now, not for Service one: Service one was finished already.", refused.Status.Detail);
        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal((1, "A001", 2, V1.TicketState.Called), (info.Figures.ServedToday, info.Current.Number, info.Current.Service, info.Current.State));
    }

    [Fact]
    public async Task WindowCommands_ForAnItemTheTicketIsNoLongerAt_FailedPreconditionNamingBothItemsAndNothingChanges()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        var visit = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 1 }).Bounded(); // A001 back for Service two
        const string Message = "Window 1 has A001 for Service two now, not for Service one: Service one was finished already.";

        var refusals = new List<RpcException>
        {
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.RecallAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 1 })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.StartServingAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 1 })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.NoShowAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 1 })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.FinishAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 1 })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2, Ticket = visit.Id, TicketService = 1 })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.ParkAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 1 })),
        };

        Assert.All(refusals, e => Assert.Equal(Message, e.Status.Detail));
        var recalled = await terminal.RecallAsync(new() { Hall = Hall, Window = 1, Ticket = visit.Id, TicketService = 2 }).Bounded();
        Assert.Equal((visit.Id, 2), (recalled.Id, recalled.Service));
    }

    [Fact]
    public async Task WindowCommands_AnItemThatIsNoIdOrWithoutItsTicket_InvalidArgumentNamingTheField()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        var ticket = await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var negative = await RefusedAsync(server, StatusCode.InvalidArgument, "InvalidArgument",
            () => terminal.RecallAsync(new() { Hall = Hall, Window = 1, Ticket = ticket.Id, TicketService = -1 }));
        var alone = await RefusedAsync(server, StatusCode.InvalidArgument, "InvalidArgument",
            () => terminal.RecallAsync(new() { Hall = Hall, Window = 1, TicketService = 1 }));
        var callNext = await RefusedAsync(server, StatusCode.InvalidArgument, "InvalidArgument",
            () => terminal.CallNextAsync(new() { Hall = Hall, Window = 2, TicketService = 1 }));

        Assert.Equal("ticket_service must be the id of the item the terminal shows for ticket (0 or more); it is -1.", negative.Status.Detail);
        Assert.Equal("ticket_service names the item of ticket, the ticket the terminal shows; give ticket too, or leave ticket_service unset.", alone.Status.Detail);
        Assert.Equal("CallNext takes no ticket (it calls the best waiting one); CallTicket calls a given ticket.", callNext.Status.Detail);
    }

    [Fact]
    public async Task WindowCommands_ForATicketTheWindowNoLongerHas_FailedPreconditionNamingBothAndNothingChanges()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        var first = await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded(); // another keypad: A001 done, A002 called
        const string Message = "Window 1 has A002, not A001: A001 was finished already.";
        var stale = first.Id;

        var refusals = new List<RpcException>
        {
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.RecallAsync(new() { Hall = Hall, Window = 1, Ticket = stale })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.StartServingAsync(new() { Hall = Hall, Window = 1, Ticket = stale })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.NoShowAsync(new() { Hall = Hall, Window = 1, Ticket = stale })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.FinishAsync(new() { Hall = Hall, Window = 1, Ticket = stale })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.TransferAsync(new() { Hall = Hall, Window = 1, Service = 2, Ticket = stale })),
            await RefusedAsync(server, StatusCode.FailedPrecondition, "TicketWrongState", () => terminal.ParkAsync(new() { Hall = Hall, Window = 1, Ticket = stale })),
        };

        Assert.All(refusals, e => Assert.Equal(Message, e.Status.Detail));
    }

    [Fact]
    public async Task WindowCommands_ATicketThatIsNoId_InvalidArgumentNamingTheField()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        var ticket = await server.TakeAsync(Hall);

        var negative = await RefusedAsync(server, StatusCode.InvalidArgument, "InvalidArgument", () => terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1, Ticket = -1 }));
        var callNext = await RefusedAsync(server, StatusCode.InvalidArgument, "InvalidArgument", () => terminal.CallNextAsync(new() { Hall = Hall, Window = 1, Ticket = ticket.Id }));

        Assert.Equal("ticket must be the id of the ticket the terminal shows (positive), or 0 for the window's ticket; it is -1.", negative.Status.Detail);
        Assert.Equal("CallNext takes no ticket (it calls the best waiting one); CallTicket calls a given ticket.", callNext.Status.Detail);
    }

    /// <summary>The call fails with <paramref name="code"/> and <paramref name="reason"/>, and the hall is as it was.</summary>
    private static async Task<RpcException> RefusedAsync<T>(ServerKit server, StatusCode code, string reason, Func<AsyncUnaryCall<T>> call)
    {
        var before = await HallStateAsync(server);
        var e = await Rpc.FailsAsync(code, call);
        Assert.Equal(reason, e.Reason());
        Assert.Equal(before, await HallStateAsync(server));
        return e;
    }

    /// <summary>What a refused command must not change: the sequence, windows, tickets at windows, parked tickets, queues.</summary>
    private static async Task<string> HallStateAsync(ServerKit server)
    {
        var s = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        var queues = new List<string>();
        foreach (var window in s.Windows)
        {
            var page = await server.Terminal().GetQueueAsync(new() { Hall = Hall, Window = window.Window }).Bounded();
            queues.Add($"{window.Window}:[{string.Join(",", page.Tickets.Select(t => $"{t.Number}/{t.Reason}"))}]");
        }

        return string.Join(" ",
            $"sequence {s.Sequence}, waiting {s.TotalWaiting};",
            string.Join(";", s.Windows.Select(w => $"window {w.Window} {w.State} {w.CurrentNumber} clerk {w.Clerk} served {w.ServedToday}")),
            string.Join(";", s.AtWindows.Select(t => $"{t.Number} {t.State} at {t.Window}")),
            string.Join(";", s.Parked.Select(t => $"{t.Number} parked")),
            string.Join(";", queues));
    }
}
