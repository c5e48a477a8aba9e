using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>What kiosks show of a service (waiting, open windows, estimate) follows the hall without other traffic.</summary>
public class WaitingFiguresTests(ITestOutputHelper output)
{
    private const string Hall = "figures";

    [Fact]
    public async Task ListServices_AWindowPausesAndResumes_OpenWindowsFollowWithNothingElseHappening()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
        });
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        await OpenWindowsAsync(server, 2);

        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 2, Reason = "break" }).Bounded();
        await OpenWindowsAsync(server, 1);

        await terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await OpenWindowsAsync(server, 2);
    }

    private static Task OpenWindowsAsync(ServerKit server, int expected) => Rpc.EventuallyAsync(async () =>
    {
        var list = await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(expected, list.Services.Single(s => s.Service == 1).OpenWindows);
    });
}
