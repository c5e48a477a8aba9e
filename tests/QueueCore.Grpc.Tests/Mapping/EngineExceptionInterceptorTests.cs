extern alias server;

using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using EngineExceptionInterceptor = server::QueueCore.Grpc.Mapping.EngineExceptionInterceptor;
using ServerHallRequest = server::QueueCore.Grpc.V1.HallRequest;

namespace QueueCore.Grpc.Tests.Mapping;

/// <summary>
/// A service finds the hall, then asks it for a snapshot or a queue view: an admin may remove the hall in between
/// (Admin.RemoveHall), and the engine then throws InvalidOperationException for the handle the service holds. The
/// caller is told NotFound (UnknownHall), as a call a moment later is, not FailedPrecondition.
/// </summary>
public class EngineExceptionInterceptorTests
{
    [Fact]
    public async Task UnaryCall_HallRemovedAfterTheServiceFoundIt_NotFoundUnknownHall()
    {
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        engine.Start();
        var hall = engine.AddHall(TestHalls.Small("gone"));
        Assert.True(await engine.RemoveHallAsync("gone").AsTask().WaitAsync(Rpc.Timeout));
        var interceptor = new EngineExceptionInterceptor(engine);

        var e = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler(
            new ServerHallRequest { Hall = "gone" }, new Context(), async (_, _) => await hall.GetSnapshotAsync()).WaitAsync(Rpc.Timeout));

        Assert.Equal((StatusCode.NotFound, "UnknownHall", "There is no hall 'gone'."), (e.StatusCode, e.Reason(), e.Status.Detail));
    }

    /// <summary>A call's context with nothing in it: the interceptor reads only its cancellation.</summary>
    private sealed class Context : ServerCallContext
    {
        protected override string MethodCore => "/queuecore.v1.Dashboard/GetSnapshot";
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
