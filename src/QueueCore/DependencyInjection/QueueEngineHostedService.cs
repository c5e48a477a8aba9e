using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace QueueCore;

/// <summary>
/// Creates and starts the container's <see cref="QueueEngine"/> when the host starts, so an invalid hall fails host
/// start rather than the first request, and drains it when the host stops.
/// </summary>
internal sealed class QueueEngineHostedService(IServiceProvider services) : IHostedService
{
    private QueueEngine? _engine;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _engine = services.GetRequiredService<QueueEngine>(); // the factory adds (validates) the halls and starts
        return Task.CompletedTask;
    }

    /// <summary>
    /// Drains the engine: stops accepting, applies what is queued, completes subscriptions. If the host's shutdown
    /// timeout cancels the wait, the drain goes on and the container's disposal waits for it.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        _engine is null ? Task.CompletedTask : _engine.DisposeAsync().AsTask().WaitAsync(cancellationToken);
}
