using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Unhealthy from the moment the host begins to shut down (SIGTERM, Ctrl+C), so <c>grpc.health.v1.Health/Check</c>
/// answers NOT_SERVING as its <c>Watch</c> does and a load balancer drains the server while its calls in flight finish.
/// The engine's own check stays healthy until it drains, which is the last thing a shutdown does.
/// </summary>
internal sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    /// <summary>The check's name in the health report.</summary>
    public const string Name = "shutdown";

    private static readonly Task<HealthCheckResult> Running = Task.FromResult(HealthCheckResult.Healthy());

    private static readonly Task<HealthCheckResult> Stopping = Task.FromResult(HealthCheckResult.Unhealthy("The server is shutting down."));

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        lifetime.ApplicationStopping.IsCancellationRequested ? Stopping : Running;
}
