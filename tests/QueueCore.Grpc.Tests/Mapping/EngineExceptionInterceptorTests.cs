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

    [Fact]
    public async Task UnaryCall_HallRemovedAndAddedAgainAfterTheServiceFoundIt_NotFoundInTheContractsTerms()
    {
        // The service holds the removed hall's handle; a hall with the same id is there again. The client was told
        // FAILED_PRECONDITION "... use the handle QueueEngine.AddHall returned or QueueEngine.TryGetHall gives", calls
        // a gRPC client cannot make.
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        engine.Start();
        var stale = engine.AddHall(TestHalls.Small("again"));
        Assert.True(await engine.RemoveHallAsync("again").AsTask().WaitAsync(Rpc.Timeout));
        engine.AddHall(TestHalls.Small("again"));
        var interceptor = new EngineExceptionInterceptor(engine);

        var e = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler(
            new ServerHallRequest { Hall = "again" }, new Context(), async (_, _) => await stale.GetSnapshotAsync()).WaitAsync(Rpc.Timeout));

        Assert.Equal((StatusCode.NotFound, "UnknownHall"), (e.StatusCode, e.Reason()));
        ContractTerms.Assert(e.Status.Detail, "Hall 'again'", "Admin.RemoveHall");
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
