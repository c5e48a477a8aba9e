using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// admin.proto: an admin's request_id used again with another call is refused (AlreadyExists, reason RequestIdReused)
/// and changes nothing, whichever two of its calls the id was given to: the manager's pause and resume of a window (whose
/// ids the hall keeps) as well as the changes of a hall's definition (whose ids the server keeps).
/// </summary>
public class AdminRequestIdAcrossCallsTests(ITestOutputHelper output)
{
    private const string Hall = "hall-ids";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
    });

    [Fact]
    public async Task PutService_IdOfTheManagersPause_AlreadyExistsAndTheServiceIsNotPut()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var admin = server.Admin();
        var id = Guid.NewGuid().ToString();
        await admin.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "meeting", RequestId = id }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists,
            () => admin.PutServiceAsync(new() { Hall = Hall, Service = new() { Id = 3, Name = "Three", Category = "a" }, RequestId = id }));
        Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
        Assert.Contains("PauseWindow", e.Status.Detail, StringComparison.Ordinal);
        var hall = await admin.ListHallsAsync(new()).Bounded();
        Assert.Equal(2, hall.Halls.Single(h => h.Hall == Hall).Services); // not put
    }

    [Fact]
    public async Task PauseWindow_IdOfADefinitionChange_AlreadyExistsAndTheWindowIsNotPaused()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var admin = server.Admin();
        var id = Guid.NewGuid().ToString();
        await admin.PutServiceAsync(new() { Hall = Hall, Service = new() { Id = 3, Name = "Three", Category = "a" }, RequestId = id }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists,
            () => admin.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "meeting", RequestId = id }));
        Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
        Assert.Contains("PutService", e.Status.Detail, StringComparison.Ordinal);
        var info = await server.Terminal().GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(V1.WindowState.Idle, info.Figures.State); // not paused
    }

    [Fact]
    public async Task PauseWindow_RetriedAfterAnotherPauseWithItsId_StillTheFirstAnswer_ResumeWithItRefused()
    {
        // The check across calls leaves a retry alone: the same call with the same id gets the first answer.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2);
        var admin = server.Admin();
        var id = Guid.NewGuid().ToString();
        var first = await admin.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "meeting", RequestId = id }).Bounded();
        var retried = await admin.PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = "meeting", RequestId = id }).Bounded();
        Assert.Equal((first.State, first.Sequence), (retried.State, retried.Sequence));

        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => admin.ResumeWindowAsync(new() { Hall = Hall, Window = 1, RequestId = id }));
        Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
    }
}
