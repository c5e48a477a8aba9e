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

    [Fact]
    public async Task ListServices_TheOnlyWindowServing_EstimateCountsTheServiceUnderWay()
    {
        // One window, two minutes into a five-minute service: a citizen first in line waits about three minutes for it,
        // where the kiosk used to say "You are next." with no wait.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 1));
            s.Time = time;
        });
        await server.OpenAsync(Hall, 1);
        await server.TakeAsync(Hall);
        await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        time.Advance(TimeSpan.FromMinutes(2));

        var taken = await server.TakeAsync(Hall);

        Assert.Equal((0, TimeSpan.FromMinutes(3)), (taken.Position, taken.EstimatedWait.ToTimeSpan()));
        await Rpc.EventuallyAsync(async () =>
        {
            // The next ticket waits for the window, then for the one already waiting (five minutes).
            var offered = (await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).Services.Single(s => s.Service == 1);
            Assert.Equal((1, TimeSpan.FromMinutes(8)), (offered.Waiting, offered.EstimatedWait.ToTimeSpan()));
        });
    }

    [Fact]
    public async Task ListServices_ATicketWaitsInAWindowsOwnQueue_ListsWhatATicketTakenNowIsTold()
    {
        // A001 was sent to window 2's own queue and A002 waits for any window: the kiosk listed 2 waiting and 2.5
        // minutes, then the citizen's ticket said "1 ahead" and 1.25 minutes. A001 waits for window 2 alone, not ahead.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 4));
            s.Time = time;
        });
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2 }).Bounded();
        await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 3, 4);
        await OpenWindowsAsync(server, 4); // the list now shows the hall as it is: nothing changes below until the take

        var offered = (await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).Services.Single(s => s.Service == 1);
        var taken = await server.TakeAsync(Hall);

        Assert.Equal((1, TimeSpan.FromSeconds(75)), (taken.Position, taken.EstimatedWait.ToTimeSpan())); // 5 minutes over 4 windows
        Assert.Equal((taken.Position, taken.EstimatedWait), (offered.Waiting, offered.EstimatedWait));
    }

    [Fact]
    public async Task Watch_ATicketWaitsInAWindowsOwnQueue_TheWallCountsTheItemsLineAsTheKioskDoes()
    {
        // A001 was sent to window 2's own queue and A002 waits for any window. The wall said 2 waiting beside the kiosk's
        // 1, and a citizen who read the wall was then told 1 ahead: the wall and the kiosk both tell citizens the line they
        // join. A001 is called by name at window 2, and the dashboard counts it in its load.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 3));
        });
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2 }).Bounded();
        await server.TakeAsync(Hall);

        await Rpc.EventuallyAsync(async () =>
        {
            var offered = (await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).Services.Single(s => s.Service == 1);
            using var screen = server.Display().Watch(new() { Hall = Hall });
            var wall = (await screen.ResponseStream.NextAsync()).Snapshot.Waiting.Single(w => w.Service == 1);
            Assert.Equal((1, 1), (offered.Waiting, wall.Waiting));
            Assert.Equal(1, wall.AtWindows); // told apart, for a screen that shows them

            // The manager's load counts both, and has the citizens' figure beside it.
            var figures = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Services.Single(s => s.Service == 1);
            Assert.Equal((2, 1), (figures.Waiting, figures.InLine));
        });
    }

    private static Task OpenWindowsAsync(ServerKit server, int expected) => Rpc.EventuallyAsync(async () =>
    {
        var list = await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(expected, list.Services.Single(s => s.Service == 1).OpenWindows);
    });
}
