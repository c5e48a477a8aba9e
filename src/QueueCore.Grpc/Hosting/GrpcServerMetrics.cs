using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// gRPC's own server figures as instruments of the meter <see cref="MeterName"/>, for /metrics. grpc-dotnet counts its
/// calls only in an EventSource (<c>Grpc.AspNetCore.Server</c>: total-calls, current-calls, calls-failed, ...) and has
/// no Meter, so OpenTelemetry saw nothing of them. This listener turns that source's counters on (grpc-dotnet counts
/// only while a listener listens) and republishes their values, as the source reports them once a second:
/// <c>grpc.server.calls</c>, <c>grpc.server.calls.active</c>, <c>grpc.server.calls.failed</c> (any status but OK),
/// <c>grpc.server.calls.deadline_exceeded</c>, <c>grpc.server.calls.unimplemented</c>,
/// <c>grpc.server.messages.received</c> and <c>grpc.server.messages.sent</c>. The source is the process's, so
/// the figures are too (one server per process). Only the counters are enabled, at the Critical level: grpc-dotnet's
/// per-call events (Verbose) stay off, and what counting costs is an interlocked increment per call and per message.
/// </summary>
internal sealed class GrpcServerMetrics : EventListener
{
    /// <summary>The meter the figures are published in.</summary>
    public const string MeterName = "Grpc.AspNetCore.Server.Counters";

    /// <summary>grpc-dotnet's server EventSource.</summary>
    public const string SourceName = "Grpc.AspNetCore.Server";

    // Initialized before EventListener's constructor runs, which may already report the source (OnEventSourceCreated).
    private readonly Dictionary<string, long> _values = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Meter _meter;

    /// <summary>Starts listening and creates the meter's instruments.</summary>
    public GrpcServerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableCounter("grpc.server.calls", () => Value("total-calls"), "{call}", "gRPC calls the server has started.");
        _meter.CreateObservableUpDownCounter("grpc.server.calls.active", () => Value("current-calls"), "{call}", "gRPC calls in progress (open streams included).");
        _meter.CreateObservableCounter("grpc.server.calls.failed", () => Value("calls-failed"), "{call}", "gRPC calls that ended with a status other than OK.");
        _meter.CreateObservableCounter("grpc.server.calls.deadline_exceeded", () => Value("calls-deadline-exceeded"), "{call}", "gRPC calls that passed their deadline.");
        _meter.CreateObservableCounter("grpc.server.calls.unimplemented", () => Value("calls-unimplemented"), "{call}", "gRPC calls of a method the server does not have.");
        _meter.CreateObservableCounter("grpc.server.messages.received", () => Value("messages-received"), "{message}", "gRPC messages received.");
        _meter.CreateObservableCounter("grpc.server.messages.sent", () => Value("messages-sent"), "{message}", "gRPC messages sent.");
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Critical, EventKeywords.None, new Dictionary<string, string?> { ["EventCounterIntervalSec"] = "1" });
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "EventCounters" || eventData.Payload is not [IDictionary<string, object?> counter, ..]
            || counter.TryGetValue("Name", out var name) is false || name is not string key)
        {
            return;
        }

        // grpc-dotnet's counters are polling counters: "Mean" is the count itself.
        if (counter.TryGetValue("Mean", out var mean) && mean is not null)
        {
            var value = (long)Convert.ToDouble(mean, CultureInfo.InvariantCulture);
            lock (_lock)
            {
                _values[key] = value;
            }
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        base.Dispose();
        _meter.Dispose();
    }

    private long Value(string counter)
    {
        lock (_lock)
        {
            return _values.GetValueOrDefault(counter);
        }
    }
}
