namespace QueueCore;

/// <summary>
/// Who finishes the container's engine start: the configured redefinitions (see <see cref="ConfiguredHalls"/>) wait
/// for the halls' shards to apply them, so they are applied where a start can be awaited. In a host that is
/// <see cref="QueueEngineHostedService.StartAsync"/>; without a host nothing awaits a start, and the engine's factory
/// applies them when the engine is first resolved.
/// </summary>
internal sealed class EngineStartup
{
    private volatile bool _hosted; // set on the host's thread, read by whichever thread first resolves the engine
    private ConfiguredHalls.Pending? _pending;

    /// <summary>
    /// A host will start the engine: called when the host creates the engine's hosted service. It creates every hosted
    /// service before it starts one, so a hosted service registered after it that takes the engine in its constructor
    /// (the server's does) still leaves the redefinitions to the host's start. One registered before it resolves the
    /// engine first: the factory then applies them itself, as without a host.
    /// </summary>
    public void ByHost() => _hosted = true;

    /// <summary>Called by the engine's factory once the engine started: applies <paramref name="pending"/> now without a host, else holds it.</summary>
    public void Started(ConfiguredHalls.Pending pending)
    {
        if (_hosted)
        {
            _pending = pending;
            return;
        }

        // Nothing awaits this start, and a factory is synchronous: the resolving thread waits for the shards (which are
        // other threads: no deadlock).
        pending.ApplyAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Applies what the factory held for the host (nothing when the engine was resolved before the host created its services).</summary>
    public Task ApplyAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _pending, null)?.ApplyAsync(cancellationToken) ?? Task.CompletedTask;
}
