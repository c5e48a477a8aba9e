using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;
using PausedBy = QueueCore.Grpc.V1.WindowUpdate.Types.PausedBy;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A window on the hall manager's dashboard says what its terminal's stream says: who paused it and why, its state, its
/// ticket and how many tickets it would call now.
/// </summary>
public class DashboardWindowFiguresTests(ITestOutputHelper output)
{
    private const string Hall = "hall-w";

    [Fact]
    public async Task SnapshotAndFigures_ClerksAndManagersPauses_SayWhoPausedEachWindowAndWhy()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 3));
        });
        await server.OpenAsync(Hall, 1, 2, 3);
        await server.Terminal().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();
        await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 2, Reason = "staff meeting" }).Bounded();

        (int, V1.WindowState, V1.WindowPauser, string, int)[] expected =
        [
            (1, V1.WindowState.Paused, V1.WindowPauser.Clerk, "break", 0),
            (2, V1.WindowState.Paused, V1.WindowPauser.Manager, "staff meeting", 0),
            (3, V1.WindowState.Idle, V1.WindowPauser.Unspecified, "", 0),
        ];
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(expected, snapshot.Windows.Select(Pause));
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
        Assert.Equal(expected, (await watch.ResponseStream.NextAsync()).Windows.Select(Pause));

        // The manager takes the clerk's pause over: the dashboard says so, with the manager's reason.
        await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "sent to window 7" }).Bounded();
        snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal((1, V1.WindowState.Paused, V1.WindowPauser.Manager, "sent to window 7", 0), Pause(snapshot.Windows[0]));

        // The same words as the windows' own streams.
        foreach (var window in snapshot.Windows)
        {
            using var stream = server.Terminal().WatchWindow(new() { Hall = Hall, Window = window.Window });
            var update = await stream.ResponseStream.NextAsync();
            Assert.Equal((int)update.PausedBy, (int)window.PausedBy);
            Assert.Equal(update.UnansweredCalls, window.UnansweredCalls);
        }

        static (int, V1.WindowState, V1.WindowPauser, string, int) Pause(WindowFigures w) =>
            (w.Window, w.State, w.PausedBy, w.PauseReason, w.UnansweredCalls);
    }

    [Fact]
    public void WindowPauser_SameValuesAsTheTerminalsPausedBy()
    {
        Assert.Equal(
            [(0, "Unspecified"), (1, "Clerk"), (2, "Hall"), (3, "Manager")],
            Enum.GetValues<V1.WindowPauser>().Select(p => ((int)p, p.ToString())));
        Assert.Equal(
            Enum.GetValues<V1.WindowPauser>().Select(p => ((int)p, p.ToString())),
            Enum.GetValues<PausedBy>().Select(p => ((int)p, p.ToString())));
    }

    [Fact]
    public async Task Snapshot_WindowsWithQueuesAndOverflow_StateTicketAndQueueLengthAsTheWindowsStreamSays()
    {
        // Window 1 serves item 1 and takes item 2 as overflow after 10 minutes; window 2 serves item 2. Window 1 calls
        // one item-1 ticket; another waits, and an item-2 ticket it may not call yet: its terminal counts 1 waiting,
        // window 2's counts the item-2 ticket. The dashboard counted only tickets sent to a window's own queue (0, 0).
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Overflow(Hall));
        });
        await server.OpenAsync(Hall, 1, 2);
        await server.TakeAsync(Hall, service: 1);
        await server.TakeAsync(Hall, service: 2);
        await server.TakeAsync(Hall, service: 1);
        var called = await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(
            [(1, V1.WindowState.Calling, called.Id, 1, 0), (2, V1.WindowState.Idle, 0L, 1, 0)],
            snapshot.Windows.Select(w => (w.Window, w.State, w.CurrentTicket, w.QueueLength, w.OwnQueue)));
        foreach (var window in snapshot.Windows)
        {
            using var stream = server.Terminal().WatchWindow(new() { Hall = Hall, Window = window.Window });
            var update = await stream.ResponseStream.NextAsync();
            Assert.Equal(snapshot.Sequence, update.Sequence);
            Assert.Equal(
                (update.State, update.Ticket?.Id ?? 0, update.Ticket?.Number ?? "", update.QueueLength),
                (window.State, window.CurrentTicket, window.CurrentNumber, window.QueueLength));
        }
    }
}
