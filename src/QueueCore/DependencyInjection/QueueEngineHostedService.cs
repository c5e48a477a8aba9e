using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QueueCore;

/// <summary>
/// Creates and starts the container's <see cref="QueueEngine"/> when the host starts, so an invalid hall fails host
/// start rather than the first request, applies the configured redefinitions (awaiting the shards rather than
/// blocking a thread on them), and drains the engine when the host stops.
/// </summary>
internal sealed class QueueEngineHostedService : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly EngineStartup _startup;
    private QueueEngine? _engine;
    private bool _stopped; // the host stopped: the container's engine is drained and disposed for good

    public QueueEngineHostedService(IServiceProvider services, EngineStartup startup)
    {
        _services = services;
        _startup = startup;
        startup.ByHost(); // the host creates every hosted service before it starts one: this start will be awaited
    }

    /// <summary>
    /// Starts the engine. A host started again after it stopped is refused: its engine, a container singleton, was
    /// disposed by the stop and cannot run again, and a silent success left every command answered Unavailable.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host was stopped before.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            ThrowHelper.InvalidOperation(
                "The QueueCore engine was stopped with the host and cannot start again (a stopped engine does not restart): build a new host to run it again.");
        }

        _engine = _services.GetRequiredService<QueueEngine>(); // the factory adds (validates) the halls and starts
        await _startup.ApplyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drains the engine: stops accepting, applies what is queued, completes subscriptions. If the host's shutdown
    /// timeout cancels the wait, the drain goes on (logged) and the container's disposal waits for it; the stop itself
    /// does not fail (a failed host stop ended a server with an unhandled exception).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_engine is null)
        {
            return;
        }

        _stopped = true;

        var draining = _engine.DisposeAsync().AsTask();
        try
        {
            await draining.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (!draining.IsCompleted)
            {
                var logger = _services.GetService<ILoggerFactory>()?.CreateLogger<QueueEngine>() ?? NullLogger<QueueEngine>.Instance;
                Log.DrainOutlastedHostStop(new GuardedLogger(logger), _engine.Options.ShutdownTimeout);
            }
        }
    }
}
