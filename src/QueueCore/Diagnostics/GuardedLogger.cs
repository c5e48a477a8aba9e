using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>
/// Wraps the engine's logger so a throwing provider can never take a shard (or a caller) down: a log line that
/// fails is lost, the engine goes on. Every log call of the engine goes through one of these.
/// </summary>
internal sealed class GuardedLogger : ILogger
{
    private readonly ILogger _inner;
    private long _failures;

    public GuardedLogger(ILogger inner) => _inner = inner;

    /// <summary>Log calls that threw (for tests and diagnostics).</summary>
    public long Failures => Interlocked.Read(ref _failures); // any thread: a 64-bit read that cannot tear

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        try
        {
            return _inner.BeginScope(state);
        }
        catch (Exception) // a broken provider must not break the engine
        {
            Interlocked.Increment(ref _failures); // any thread may log
            return null;
        }
    }

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel)
    {
        try
        {
            return _inner.IsEnabled(logLevel);
        }
        catch (Exception) // a broken provider must not break the engine
        {
            Interlocked.Increment(ref _failures); // any thread may log
            return false;
        }
    }

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
        }
        catch (Exception) // a broken provider must not break the engine
        {
            Interlocked.Increment(ref _failures); // any thread may log
        }
    }
}
