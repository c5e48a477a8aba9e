extern alias server;

using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using server::QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Tests.Mapping;

/// <summary>
/// Terminal.GetQueue, the window's stream and Dashboard.GetServiceQueue check that the hall has the window or service,
/// then ask the hall for its queue: an admin may remove it in between (RedefineHall). The hall's answer then is NotFound
/// as the check's would have been, not InvalidArgument. Asked here of a hall that lacks it, as the hall is by then.
/// </summary>
public class QueueViewsTests
{
    private const string Hall = "views";

    [Fact]
    public async Task WindowQueueAsync_WindowTheHallNoLongerHas_NotFoundNamingIt()
    {
        await using var engine = Start(out var hall);

        var e = await Assert.ThrowsAsync<RpcException>(() => hall.WindowQueueAsync(3, 0, 50, CancellationToken.None).WaitAsync(Rpc.Timeout));

        Assert.Equal((StatusCode.NotFound, "UnknownWindow", $"Hall '{Hall}' has no window 3."), (e.StatusCode, e.Reason(), e.Status.Detail));
    }

    [Fact]
    public async Task ServiceQueueAsync_ServiceTheHallNoLongerHas_NotFoundNamingIt()
    {
        await using var engine = Start(out var hall);

        var e = await Assert.ThrowsAsync<RpcException>(() => hall.ServiceQueueAsync(9, 0, 50, CancellationToken.None).WaitAsync(Rpc.Timeout));

        Assert.Equal((StatusCode.NotFound, "UnknownService", $"Hall '{Hall}' has no service 9."), (e.StatusCode, e.Reason(), e.Status.Detail));
    }

    private static QueueEngine Start(out HallHandle hall)
    {
        var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        engine.Start();
        hall = engine.AddHall(TestHalls.Small(Hall, windows: 2));
        return engine;
    }
}
