using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A clerk ends a service or a no-show and goes on break in one press (FinishAndPause, NoShowAndPause): on an auto-mode
/// window, Finish then PauseWindow has the next ticket pushed to the clerk in between.
/// </summary>
public class TerminalPauseAfterTicketTests(ITestOutputHelper output)
{
    private const string Hall = "pause-after";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
    });

    /// <summary>Two tickets wait; window 1 opens in auto mode and is pushed the first.</summary>
    private static async Task<(Ticket First, Ticket Next)> AutoWindowWithAWaitingTicketAsync(ServerKit server)
    {
        var first = await server.TakeAsync(Hall);
        var next = await server.TakeAsync(Hall);
        await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();
        return (first, next);
    }

    private static Task<Ticket> TicketAsync(ServerKit server, Ticket ticket) =>
        server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket.Id }).Bounded();

    [Fact]
    public async Task FinishThenPauseWindow_OnAnAutoWindow_PushesTheNextTicketInBetween()
    {
        // Why the one-press keys exist: the two presses leave the next citizen called to a clerk going on break.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var (_, next) = await AutoWindowWithAWaitingTicketAsync(server);
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal(V1.TicketState.Called, (await TicketAsync(server, next)).State);
    }

    [Fact]
    public async Task FinishAndPause_TicketCalledNotStarted_CountedServedFromItsCallAndTheWindowPaused()
    {
        // terminal.proto: FinishAndPause finishes "as Finish: the current item of the ticket being served, or a called one
        // counted as served from its call", as the single "Next" key does: a keypad without a "start" key (or a clerk who
        // served without pressing it) has its "finish + break" refused otherwise ("Window 1 is not serving a ticket").
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var (first, next) = await AutoWindowWithAWaitingTicketAsync(server);

        var finished = await terminal.FinishAndPauseAsync(new() { Hall = Hall, Window = 1, Reason = "lunch", Ticket = first.Id }).Bounded();

        Assert.Equal((first.Id, V1.TicketState.Completed), (finished.Id, finished.State));
        Assert.Equal(V1.TicketState.Waiting, (await TicketAsync(server, next)).State);
        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal((V1.WindowState.Paused, "lunch", 1), (info.Figures.State, info.Figures.PauseReason, info.Figures.ServedToday));
    }

    [Fact]
    public async Task FinishAndPause_OnAnAutoWindow_FinishesAndPausesWithoutPushingTheNextTicket()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var (first, next) = await AutoWindowWithAWaitingTicketAsync(server);
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var finished = await terminal.FinishAndPauseAsync(new() { Hall = Hall, Window = 1, Reason = "lunch", Ticket = first.Id }).Bounded();

        Assert.Equal((first.Id, V1.TicketState.Completed), (finished.Id, finished.State));
        Assert.Equal(V1.TicketState.Waiting, (await TicketAsync(server, next)).State);
        var refused = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Equal("WindowNotOpen", refused.Reason());
        var resumed = await terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(V1.WindowState.Calling, resumed.State); // back from the break, the waiting ticket is pushed
    }

    [Fact]
    public async Task NoShowAndPause_OnAnAutoWindow_RequeuesTheTicketAndPausesWithoutPushingTheNextOne()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var (first, next) = await AutoWindowWithAWaitingTicketAsync(server);

        var marked = await terminal.NoShowAndPauseAsync(new() { Hall = Hall, Window = 1, Reason = "shift end", Ticket = first.Id }).Bounded();

        Assert.Equal((first.Id, V1.TicketState.Waiting), (marked.Id, marked.State));
        Assert.Equal(V1.TicketState.Waiting, (await TicketAsync(server, next)).State);
        var refused = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Equal("WindowNotOpen", refused.Reason());
    }

    [Fact]
    public async Task FinishAndPause_RetriedWithItsRequestId_AnswersTheFinishedTicketAgain()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var (first, _) = await AutoWindowWithAWaitingTicketAsync(server);
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var press = new PauseAfterTicketRequest { Hall = Hall, Window = 1, Reason = "lunch", RequestId = Guid.NewGuid().ToString() };

        var answer = await terminal.FinishAndPauseAsync(press).Bounded();
        var retried = await terminal.FinishAndPauseAsync(press).Bounded();

        Assert.Equal(first.Id, answer.Id);
        Assert.Equal(answer, retried); // not refused: the window has no ticket by now
    }

    [Fact]
    public async Task NoShowAndPause_RetriedWithItsRequestId_AnswersTheMarkedTicketAgain()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var (first, _) = await AutoWindowWithAWaitingTicketAsync(server);
        var press = new PauseAfterTicketRequest { Hall = Hall, Window = 1, Reason = "lunch", RequestId = Guid.NewGuid().ToString() };

        var answer = await terminal.NoShowAndPauseAsync(press).Bounded();
        var retried = await terminal.NoShowAndPauseAsync(press).Bounded();

        Assert.Equal(first.Id, answer.Id);
        Assert.Equal(answer, retried);
    }

    [Fact]
    public async Task BothKeys_FromTheTerminalOfAnotherWindow_PermissionDenied()
    {
        await using var server = await StartAsync();
        await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 2);
        await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        var window1 = server.Terminal(TestDevices.TerminalOfWindow1);
        var request = new PauseAfterTicketRequest { Hall = Hall, Window = 2, Reason = "lunch" };

        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => window1.FinishAndPauseAsync(request));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => window1.NoShowAndPauseAsync(request));

        var info = await server.Terminal().GetWindowInfoAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        Assert.Equal(V1.TicketState.Called, info.Current.State); // window 2 keeps its ticket
    }

    [Fact]
    public async Task BadInput_RefusedWithAMessageAndTheWindowKeepsItsTicket()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var (first, _) = await AutoWindowWithAWaitingTicketAsync(server);

        var longReason = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => terminal.FinishAndPauseAsync(new() { Hall = Hall, Window = 1, Reason = new string('x', 201) }));
        Assert.Contains("reason", longReason.Status.Detail, StringComparison.Ordinal);
        var negative = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => terminal.NoShowAndPauseAsync(new() { Hall = Hall, Window = 1, Reason = "lunch", Ticket = -1 }));
        Assert.Contains("ticket", negative.Status.Detail, StringComparison.Ordinal);
        var stale = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => terminal.NoShowAndPauseAsync(new() { Hall = Hall, Window = 1, Reason = "lunch", Ticket = first.Id + 1 }));
        Assert.Equal("TicketWrongState", stale.Reason());
        var serviceWithoutTicket = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => terminal.FinishAndPauseAsync(new() { Hall = Hall, Window = 1, Reason = "lunch", TicketService = 1 }));
        Assert.Contains("ticket_service", serviceWithoutTicket.Status.Detail, StringComparison.Ordinal);

        Assert.Equal(V1.TicketState.Called, (await TicketAsync(server, first)).State);
    }
}
