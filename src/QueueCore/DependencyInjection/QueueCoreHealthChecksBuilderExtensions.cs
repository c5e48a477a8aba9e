using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QueueCore;

/// <summary>Registers QueueCore's health check.</summary>
public static class QueueCoreHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="QueueCoreHealthCheck"/> of the container's <see cref="QueueEngine"/> (register it with
    /// <see cref="QueueCoreServiceCollectionExtensions.AddQueueCore(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/> or an overload).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default "queuecore".</param>
    /// <param name="failureStatus">What an unhealthy engine reports; default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (e.g. "ready", "live").</param>
    /// <param name="configure">Sets the thresholds.</param>
    /// <param name="timeout">How long the check may take; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A threshold <paramref name="configure"/> set is out of range (the message names it and its value); or, when the
    /// container creates its engine (at host start, or when first resolved), the
    /// <see cref="QueueCoreHealthCheckOptions.HeartbeatTimeout"/> set is not longer than the engine's
    /// <see cref="QueueEngineOptions.TickInterval"/>.
    /// </exception>
    public static IHealthChecksBuilder AddQueueCore(
        this IHealthChecksBuilder builder, string name = "queuecore", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null,
        Action<QueueCoreHealthCheckOptions>? configure = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        var options = new QueueCoreHealthCheckOptions();
        configure?.Invoke(options);
        options.Validate(); // here, at start-up, rather than when the first health request runs the check
        builder.Services.AddSingleton(new HealthCheckThresholds(options)); // checked against the engine's options when it is created
        return builder.Add(new HealthCheckRegistration(
            name, sp => new QueueCoreHealthCheck(sp.GetRequiredService<QueueEngine>(), options), failureStatus, tags, timeout));
    }
}
