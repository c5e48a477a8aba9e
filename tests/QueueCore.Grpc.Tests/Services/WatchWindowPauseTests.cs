using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;
using Change = QueueCore.Grpc.V1.WindowUpdate.Types.Change;
using PausedBy = QueueCore.Grpc.V1.WindowUpdate.Types.PausedBy;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A paused window's terminal is told who paused it: its clerk (a PauseWindow), or the hall itself after calls in a row
/// went unanswered. The pause event said only PAUSED, so a clerk back from the counter could not tell a break they took
/// from a window the hall had stopped.
/// </summary>
public class WatchWindowPauseTests(ITestOutputHelper output)
{
    private const string Hall = "hall-p";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2)); // NoShow.PauseWindowAfter 3, MaxNoShows 2
    });

    [Fact]
    public async Task WatchWindow_PausedByItsClerk_PauseAndANewStreamSayTheClerkPausedIt()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        using var watch = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(PausedBy.Unspecified, (await watch.ResponseStream.NextAsync()).PausedBy);

        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();

        var paused = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window);
        Assert.Equal((V1.WindowState.Paused, PausedBy.Clerk, 0), (paused.State, paused.PausedBy, paused.UnansweredCalls));
        using var again = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        var current = await again.ResponseStream.NextAsync();
        Assert.Equal((Change.Current, V1.WindowState.Paused, PausedBy.Clerk, 0), (current.Change, current.State, current.PausedBy, current.UnansweredCalls));

        await terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var resumed = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window);
        Assert.Equal((V1.WindowState.Idle, PausedBy.Unspecified), (resumed.State, resumed.PausedBy));
    }

    [Fact]
    public async Task WatchWindow_PausedByTheHallAfterUnansweredCalls_PauseAndANewStreamSayTheHallPausedIt()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        using var watch = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        await watch.ResponseStream.NextAsync();

        for (var call = 0; call < 3; call++) // the third unanswered call in a row pauses the window
        {
            await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await terminal.NoShowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        }

        var paused = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window);
        Assert.Equal((V1.WindowState.Paused, PausedBy.Hall, 3), (paused.State, paused.PausedBy, paused.UnansweredCalls));
        using var again = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        var current = await again.ResponseStream.NextAsync();
        Assert.Equal((Change.Current, V1.WindowState.Paused, PausedBy.Hall, 3), (current.Change, current.State, current.PausedBy, current.UnansweredCalls));
    }
}
