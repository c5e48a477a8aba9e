using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;

namespace QueueCore;

/// <summary>
/// Recycles <see cref="CommandCompletion"/>s so a steady stream of commands allocates nothing. Backed by
/// <see cref="DefaultObjectPool{T}"/> (a lock-free fast slot plus a concurrent queue that reuses its segment).
/// </summary>
internal sealed class CommandCompletionPool : PooledObjectPolicy<CommandCompletion>
{
    private readonly DefaultObjectPool<CommandCompletion> _pool;
    private readonly bool _runContinuationsAsynchronously;
    private readonly ILogger _logger;

    /// <summary>Keeps at most <paramref name="maximumRetained"/> idle sources (about the calls in flight).</summary>
    public CommandCompletionPool(int maximumRetained, bool runContinuationsAsynchronously, ILogger logger)
    {
        _runContinuationsAsynchronously = runContinuationsAsynchronously;
        _logger = logger;
        _pool = new DefaultObjectPool<CommandCompletion>(this, maximumRetained);
    }

    /// <summary>A source ready for <see cref="CommandCompletion.Prepare"/>.</summary>
    public CommandCompletion Rent() => _pool.Get();

    /// <summary>Gives back a source both holders released.</summary>
    public void Recycle(CommandCompletion completion) => _pool.Return(completion);

    /// <summary>
    /// A continuation that threw on the pool thread completing its command: logged, as the shard logs one, rather than
    /// left to end the process from a pool thread.
    /// </summary>
    public void ContinuationFailed(Exception exception) => Log.PooledContinuationFailed(_logger, exception);

    /// <inheritdoc/>
    public override CommandCompletion Create() => new(this, _runContinuationsAsynchronously);

    /// <inheritdoc/>
    public override bool Return(CommandCompletion obj) => true;
}
