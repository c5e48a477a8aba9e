using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace QueueCore;

/// <summary>Registers QueueCore in a service collection.</summary>
public static class QueueCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton, started <see cref="QueueEngine"/> built from <see cref="QueueCoreOptions"/> (configure
    /// them here, or bind them with the options API), the container's <see cref="TimeProvider"/> (added as
    /// <see cref="TimeProvider.System"/> if none), and its <see cref="ILoggerFactory"/> and
    /// <see cref="IMeterFactory"/> if present. The container disposes the engine, which drains it.
    /// </summary>
    /// <exception cref="ArgumentException">When the engine is first resolved: a hall definition is invalid or duplicated.</exception>
    public static IServiceCollection AddQueueCore(this IServiceCollection services, Action<QueueCoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<QueueCoreOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<QueueCoreOptions>>().Value;
            var engine = new QueueEngine(
                options.Engine, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>(), sp.GetService<IMeterFactory>());
            try
            {
                foreach (var hall in options.Halls)
                {
                    engine.AddHall(hall);
                }

                engine.Start();
                return engine;
            }
            catch
            {
                engine.Dispose(); // a bad hall definition must not leave threads behind
                throw;
            }
        });
        return services;
    }
}
