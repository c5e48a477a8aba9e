using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace QueueCore.Tests.Engine;

/// <summary>A logger provider that records every event id (and can be told to throw instead).</summary>
internal sealed class TestLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(int Id, LogLevel Level, string Message)> _entries = new();

    /// <summary>When true, every log call throws, as a broken provider would.</summary>
    public bool Throw { get; set; }

    public IReadOnlyCollection<(int Id, LogLevel Level, string Message)> Entries => _entries;

    /// <summary>Called with each event id as it is logged, on the logging thread (to park that thread at a known point).</summary>
    public Action<int>? Logging { get; set; }

    public bool Logged(int eventId) => _entries.Any(e => e.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new TestLogger(this);

    public void Dispose()
    {
    }

    /// <summary>A logger factory over this provider, every level enabled.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    private sealed class TestLogger(TestLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner.Throw)
            {
                throw new InvalidOperationException("a broken log provider");
            }

            owner._entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
            owner.Logging?.Invoke(eventId.Id);
        }
    }
}
