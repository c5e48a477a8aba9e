using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A window command's reply says which ticket the window holds: an auto-mode window opened or resumed with tickets
/// waiting is pushed one in the same command, and its terminal showed CALLING without the ticket (it had to ask again).
/// </summary>
public class WindowReplyTests(ITestOutputHelper output)
{
    private const string Hall = "hall-w";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
    });

    [Fact]
    public async Task OpenWindow_AutoModeWithATicketWaiting_ReplyNamesThePushedTicket()
    {
        await using var server = await StartAsync();
        var waiting = await server.TakeAsync(Hall);

        var opened = await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();

        Assert.Equal(V1.WindowState.Calling, opened.State);
        Assert.NotNull(opened.Ticket);
        Assert.Equal((waiting.Id, waiting.Number, V1.TicketState.Called, 1, 1, waiting.ServiceName),
            (opened.Ticket.Id, opened.Ticket.Number, opened.Ticket.State, opened.Ticket.Window, opened.Ticket.Service, opened.Ticket.ServiceName));
        var asked = await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = waiting.Id }).Bounded();
        Assert.Equal((asked.State, asked.Window), (opened.Ticket.State, opened.Ticket.Window)); // what asking again said
    }

    [Fact]
    public async Task ResumeWindow_AutoModeWithATicketWaiting_ReplyNamesThePushedTicket()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();
        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();
        var waiting = await server.TakeAsync(Hall);

        var resumed = await terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal(V1.WindowState.Calling, resumed.State);
        Assert.Equal((waiting.Id, waiting.Number, V1.TicketState.Called, 1), (resumed.Ticket?.Id, resumed.Ticket?.Number, resumed.Ticket?.State, resumed.Ticket?.Window));
    }

    [Fact]
    public async Task WindowCommands_NoTicketAtTheWindow_ReplyHasNone()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();

        var opened = await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded(); // nothing waits
        var paused = await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();
        var resumed = await terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var closed = await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal(
            [(V1.WindowState.Idle, false), (V1.WindowState.Paused, false), (V1.WindowState.Idle, false), (V1.WindowState.Closed, false)],
            new[] { opened, paused, resumed, closed }.Select(r => (r.State, r.Ticket is not null)));
    }

    [Fact]
    public async Task OpenWindow_AutoModeRetriedAfterThePushedTicketLeft_ReplyNamesTheFirstPushedTicket()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var waiting = await server.TakeAsync(Hall);
        var open = new OpenWindowRequest { Hall = Hall, Window = 1, Auto = true, RequestId = Guid.NewGuid().ToString() };
        await terminal.OpenWindowAsync(open).Bounded();
        await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded(); // nothing else waits: idle

        var retried = await terminal.OpenWindowAsync(open).Bounded();

        Assert.Equal((V1.WindowState.Calling, waiting.Id), (retried.State, retried.Ticket?.Id));
    }
}
