namespace QueueCore;

/// <summary>Thresholds of <see cref="QueueCoreHealthCheck"/>.</summary>
public sealed class QueueCoreHealthCheckOptions
{
    /// <summary>
    /// Degraded when a shard's ingress ring holds more than this fraction of its capacity (0 to 1). Default 0.5:
    /// past half full, a burst can make submits fail with Unavailable.
    /// </summary>
    public double DegradedDepthRatio { get; set; } = 0.5;

    /// <summary>Degraded while any subscription has lagged and not resynchronised. Default true.</summary>
    public bool DegradedWhenSubscribersLag { get; set; } = true;

    /// <summary>
    /// Unhealthy when a running shard's loop has not gone round for this long (a hall stuck in a command, or a
    /// clock that fails). Default null: twice <see cref="QueueEngineOptions.TickInterval"/> plus 10 seconds (an idle
    /// shard goes round once per tick interval).
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; set; }
}
