using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A terminal retrying a window command with its request id (the answer lost) gets the first answer, as every other
/// retried command does, not the window as it is by the time of the retry.
/// </summary>
public class WindowRetryTests(ITestOutputHelper output)
{
    private const string Hall = "hall-r";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
    });

    [Fact]
    public async Task OpenWindow_RetriedAfterTheWindowCalledATicket_AnswersIdleAsTheFirstTime()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        var open = new OpenWindowRequest { Hall = Hall, Window = 1, RequestId = Guid.NewGuid().ToString() };
        var first = await terminal.OpenWindowAsync(open).Bounded();
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var retried = await terminal.OpenWindowAsync(open).Bounded();

        Assert.Equal(V1.WindowState.Idle, first.State);
        Assert.Equal(first, retried); // was CALLING: the window's state at the retry
    }

    [Fact]
    public async Task OpenWindow_AutoModeRetriedAfterThePushedTicketLeft_AnswersCallingAsTheFirstTime()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.TakeAsync(Hall);
        var open = new OpenWindowRequest { Hall = Hall, Window = 1, Auto = true, RequestId = Guid.NewGuid().ToString() };
        var first = await terminal.OpenWindowAsync(open).Bounded();
        await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded(); // nothing else waits: idle

        var retried = await terminal.OpenWindowAsync(open).Bounded();

        Assert.Equal(V1.WindowState.Calling, first.State); // the waiting ticket was pushed to it as it opened
        Assert.Equal(first, retried); // was IDLE
    }

    [Fact]
    public async Task ResumeWindow_RetriedAfterTheWindowCalledATicket_AnswersIdleAsTheFirstTime()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();
        var resume = new WindowRequest { Hall = Hall, Window = 1, RequestId = Guid.NewGuid().ToString() };
        var first = await terminal.ResumeWindowAsync(resume).Bounded();
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var retried = await terminal.ResumeWindowAsync(resume).Bounded();

        Assert.Equal(V1.WindowState.Idle, first.State);
        Assert.Equal(first, retried);
    }

    [Fact]
    public async Task ResumeWindow_AutoModeWithATicketWaiting_AnswersCalling()
    {
        // The reply comes from the command's own result now, not a read of the window after it: the push still shows.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();
        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();
        await server.TakeAsync(Hall);

        var resumed = await terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal(V1.WindowState.Calling, resumed.State);
    }
}
