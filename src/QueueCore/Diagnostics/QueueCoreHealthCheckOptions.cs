using System.Globalization;

namespace QueueCore;

/// <summary>Thresholds of <see cref="QueueCoreHealthCheck"/>.</summary>
public sealed class QueueCoreHealthCheckOptions
{
    /// <summary>
    /// Degraded when a shard's ingress ring holds more than this fraction of its capacity (0 to 1; a fraction, not a
    /// percentage). Default 0.5: past half full, a burst can make submits fail with
    /// <see cref="QueueError.Overloaded"/>.
    /// </summary>
    public double DegradedDepthRatio { get; set; } = 0.5;

    /// <summary>Degraded while any subscription has lagged and not resynchronised. Default true.</summary>
    public bool DegradedWhenSubscribersLag { get; set; } = true;

    /// <summary>
    /// Unhealthy when a running shard's loop has not gone round for this long (a hall stuck in a command, or a
    /// clock that fails). Default null: twice <see cref="QueueEngineOptions.TickInterval"/> plus 10 seconds (an idle
    /// shard goes round once per tick interval). When set, longer than the engine's tick interval.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; set; }

    /// <summary>
    /// Throws when a threshold is out of range: a ratio of 50 (meant as a percentage) would never degrade, a negative
    /// one always would, and a heartbeat timeout of zero or less would call every running shard unhealthy.
    /// </summary>
    internal void Validate()
    {
        if (DegradedDepthRatio is not (>= 0 and <= 1)) // NaN included
        {
            throw new ArgumentOutOfRangeException(
                nameof(DegradedDepthRatio),
                DegradedDepthRatio,
                string.Create(CultureInfo.InvariantCulture, $"DegradedDepthRatio is a fraction of the ingress capacity, 0 to 1 (0.5 for half full); it is {DegradedDepthRatio}."));
        }

        if (HeartbeatTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(HeartbeatTimeout),
                HeartbeatTimeout,
                string.Create(CultureInfo.InvariantCulture, $"HeartbeatTimeout must be positive, or null for the default; it is {timeout}."));
        }
    }
}
