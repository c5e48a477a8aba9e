using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;
using Change = QueueCore.Grpc.V1.WindowUpdate.Types.Change;
using PausedBy = QueueCore.Grpc.V1.WindowUpdate.Types.PausedBy;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// The hall manager pauses and resumes a window from the admin service: the window's stream says the manager paused it,
/// its terminal cannot resume it (the manager does), and a retry with the request id gets the first answer.
/// </summary>
public class AdminPauseWindowTests(ITestOutputHelper output)
{
    private const string Hall = "hall-m";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
    });

    [Fact]
    public async Task PauseWindow_ByTheManager_StreamSaysManagerAndTheTerminalCannotResume()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        using var watch = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        await watch.ResponseStream.NextAsync();

        var reply = await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "staff meeting" }).Bounded();
        Assert.Equal((Hall, 1, V1.WindowState.Paused), (reply.Hall, reply.Window, reply.State));

        var paused = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window);
        Assert.Equal((V1.WindowState.Paused, PausedBy.Manager, 0), (paused.State, paused.PausedBy, paused.UnansweredCalls));
        using var again = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        Assert.Equal(PausedBy.Manager, (await again.ResponseStream.NextAsync()).PausedBy);

        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => terminal.ResumeWindowAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Equal("WindowWrongState", e.Reason());
        Assert.Contains("paused by the hall manager (staff meeting); only the manager may resume it", e.Status.Detail, StringComparison.Ordinal);

        var resumed = await server.Admin().ResumeWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(V1.WindowState.Idle, resumed.State);
        var update = await watch.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window);
        Assert.Equal((V1.WindowState.Idle, PausedBy.Unspecified), (update.State, update.PausedBy));
    }

    [Fact]
    public async Task PauseWindow_RetriedWithItsRequestId_GetsTheFirstAnswer()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var id = Guid.NewGuid().ToString();
        var first = await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded();
        var retry = await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded();
        Assert.Equal(first, retry);

        // Without the id too, a second pause is the same answer: the window is paused as the manager wants it.
        Assert.Equal(first, await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded());
    }

    [Fact]
    public async Task PauseWindow_WindowTheManagerPaused_SameAnswerAndTheClerkStillCannotResume()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var first = await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "staff meeting" }).Bounded();
        var again = await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "staff meeting" }).Bounded();
        Assert.Equal((V1.WindowState.Paused, first.Sequence), (again.State, again.Sequence)); // nothing changed

        // Another reason replaces the one the dashboard shows; the pause stays the manager's.
        var moved = await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "meeting runs late" }).Bounded();
        Assert.Equal(V1.WindowState.Paused, moved.State);
        var window = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows.Single(w => w.Window == 1);
        Assert.Equal((V1.WindowState.Paused, V1.WindowPauser.Manager, "meeting runs late"), (window.State, window.PausedBy, window.PauseReason));
        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Terminal().ResumeWindowAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Contains("paused by the hall manager (meeting runs late)", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseWindow_WindowTheClerkPaused_BecomesTheManagersPause()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        await server.Terminal().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();
        var reply = await server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "sent to window 7" }).Bounded();
        Assert.Equal(V1.WindowState.Paused, reply.State);
        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Terminal().ResumeWindowAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Equal("WindowWrongState", e.Reason());
    }

    [Fact]
    public async Task ResumeWindow_ByTheManager_ResumesTheClerksPause()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        await server.Terminal().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "break" }).Bounded();
        var reply = await server.Admin().ResumeWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(V1.WindowState.Idle, reply.State);
    }

    [Fact]
    public async Task PauseWindow_BadRequests_RefusedNamingWhatIsWrong()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 0 }));
        await Rpc.FailsAsync(StatusCode.NotFound, () => server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 9 }));
        var closed = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Admin().PauseWindowAsync(new() { Hall = Hall, Window = 2 }));
        Assert.Equal("WindowNotOpen", closed.Reason());
        Assert.Contains("Window 2 is closed: there is nothing to pause until its clerk opens it.", closed.Status.Detail, StringComparison.Ordinal);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Admin(TestDevices.Dashboard).PauseWindowAsync(new() { Hall = Hall, Window = 1 }));
    }

    [Fact]
    public async Task PauseWindow_AdminOfAnotherHall_PermissionDenied()
    {
        var adminOfOther = new TestDevice("admin-other", "admin", "admin-other-key-0123456789", ["other-hall"]);
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2));
            s.Devices = [.. TestDevices.All, adminOfOther];
        });
        await server.OpenAsync(Hall, 1);
        var e = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Admin(adminOfOther).PauseWindowAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Contains($"is not allowed to act on hall '{Hall}'", e.Status.Detail, StringComparison.Ordinal);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Admin(adminOfOther).ResumeWindowAsync(new() { Hall = Hall, Window = 1 }));
    }
}
