namespace QueueCore;

/// <summary>
/// The thresholds of a health check registered with the health checks builder, kept in the container so the engine's
/// creation checks them against its options (the check itself is built only on the first health request).
/// </summary>
internal sealed record HealthCheckThresholds(QueueCoreHealthCheckOptions Options);
