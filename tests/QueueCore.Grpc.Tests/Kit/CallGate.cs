using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>
/// Parks server calls of one method at a known point (before the service runs) until the test lets them go: a
/// deterministic "call in flight", with no sleeps.
/// </summary>
internal sealed class CallGate(string method)
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a call of the method has reached the gate.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Lets parked and later calls go on.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Installs the gate in a server's services (first of the interceptors, so it parks before any other runs).</summary>
    public void Install(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<ParkingInterceptor>());
    }

    private async Task WaitAsync(ServerCallContext context)
    {
        if (context.Method.EndsWith("/" + method, StringComparison.Ordinal))
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(Rpc.Timeout);
        }
    }

    private sealed class ParkingInterceptor(CallGate gate) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
            TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            await gate.WaitAsync(context);
            return await continuation(request, context);
        }
    }
}
