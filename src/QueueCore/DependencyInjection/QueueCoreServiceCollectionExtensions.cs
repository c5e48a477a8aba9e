using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace QueueCore;

/// <summary>Registers QueueCore in a service collection.</summary>
public static class QueueCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="QueueEngine"/> built from <see cref="QueueCoreOptions"/> (configure them
    /// with <see cref="AddQueueCore(IServiceCollection, Action{QueueCoreOptions})"/>, or read them from configuration
    /// with <see cref="AddQueueCore(IServiceCollection, IConfiguration)"/>),
    /// the container's <see cref="TimeProvider"/> (added as <see cref="TimeProvider.System"/> if none), and its
    /// <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/> if present.
    /// </summary>
    /// <remarks>
    /// In a host, a hosted service creates the engine, adds and validates its halls and starts it when the host
    /// starts (an invalid hall fails the start), and drains it when the host stops; a configured redefinition (see
    /// below) is awaited there, blocking no thread. Without a host, the engine is
    /// created and started when first resolved. Either way the container disposes it, which drains it.
    /// With a journal, a configured hall the journal recovered keeps its state (its day's queue), and its definition
    /// is the configured one when the configuration changed since the last start (applied as a run-time redefinition,
    /// which keeps the waiting tickets), or its run-time one when only a run-time redefinition made them differ;
    /// the log says which and why. What the configuration said is kept in <c>configured-halls.json</c> in the
    /// journal's directory.
    /// </remarks>
    /// <exception cref="ArgumentException">At host start, or when the engine is first resolved: a hall definition is invalid or duplicated (the message names the hall and the entry), or <see cref="QueueCoreOptions.Engine"/>, <see cref="QueueCoreOptions.Halls"/> or an entry of it is null (ArgumentNullException or ArgumentException naming the member), or a health check added with the health checks builder's <c>AddQueueCore</c> has a heartbeat timeout not longer than the engine's tick interval (ArgumentOutOfRangeException).</exception>
    public static IServiceCollection AddQueueCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<QueueCoreOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EngineStartup>();
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<QueueCoreOptions>>().Value;
            CheckOptions(options);
            var engine = new QueueEngine(
                options.Engine, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>(), sp.GetService<IMeterFactory>());
            try
            {
                foreach (var thresholds in sp.GetServices<HealthCheckThresholds>())
                {
                    QueueCoreHealthCheck.CheckAgainst(thresholds.Options, engine.Options); // fails the start, not each health request
                }

                // A hall the journal brought back keeps its recovered state (its day's queue); its definition is the
                // configured one if the configuration changed since the last start, else its run-time one (logged).
                var logger = new GuardedLogger(sp.GetService<ILoggerFactory>()?.CreateLogger<QueueEngine>() ?? NullLogger<QueueEngine>.Instance);
                var redefinitions = ConfiguredHalls.Add(engine, options.Halls, logger);
                engine.Start();
                sp.GetRequiredService<EngineStartup>().Started(redefinitions); // applied by the host's start if there is one
                return engine;
            }
            catch
            {
                engine.Dispose(); // a bad hall definition must not leave threads behind
                throw;
            }
        });
        services.AddHostedService<QueueEngineHostedService>();
        return services;
    }

    /// <summary>
    /// Refuses null where options set in code must hold a value, naming the member: the engine took a null
    /// <see cref="QueueCoreOptions.Engine"/> for its defaults (dropping what the configuration said), and a null hall
    /// list or entry failed the start with a bare NullReferenceException.
    /// </summary>
    private static void CheckOptions(QueueCoreOptions options)
    {
        if (options.Engine is null)
        {
            throw OptionIsNull(nameof(QueueCoreOptions.Engine), "QueueCoreOptions.Engine is null; leave it as it is for the defaults.");
        }

        if (options.Halls is null)
        {
            throw OptionIsNull(nameof(QueueCoreOptions.Halls), "QueueCoreOptions.Halls is null; leave it empty for an engine without halls.");
        }

        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase); // each id's entry: "City" is "city"'s
        for (var i = 0; i < options.Halls.Count; i++)
        {
            if (options.Halls[i] is not { } hall)
            {
                throw InvalidOption(nameof(QueueCoreOptions.Halls), $"QueueCoreOptions.Halls[{i}] is null; each entry is a hall definition.");
            }

            if (string.IsNullOrWhiteSpace(hall.Id)) // named here: the hall's own check cannot say which entry it is
            {
                throw InvalidOption(nameof(QueueCoreOptions.Halls), $"QueueCoreOptions.Halls[{i}] has no Id; the hall needs an id.");
            }

            // Both entries named, not "already in the engine" of an engine just created (a hall copied in the file).
            if (!first.TryAdd(hall.Id, i))
            {
                var other = options.Halls[first[hall.Id]]!.Id;
                throw InvalidOption(
                    nameof(QueueCoreOptions.Halls),
                    other == hall.Id
                        ? $"QueueCoreOptions.Halls[{i}] has the id '{hall.Id}' of Halls[{first[hall.Id]}]; each hall needs an id of its own."
                        : $"QueueCoreOptions.Halls[{i}] has the id '{hall.Id}', which differs from Halls[{first[hall.Id]}]'s '{other}' only in letter case; hall ids must differ in more than letter case.");
            }
        }
    }

    // The parameter name is the option's member: what the caller set in code (as ShardCount is for an engine option).
    private static ArgumentNullException OptionIsNull(string member, string message) => new(member, message);

    private static ArgumentException InvalidOption(string member, string message) => new(message, member);

    /// <summary>As <see cref="AddQueueCore(IServiceCollection)"/>, with <paramref name="configure"/> applied to the options (e.g. to add halls).</summary>
    /// <exception cref="ArgumentException">As <see cref="AddQueueCore(IServiceCollection)"/>.</exception>
    public static IServiceCollection AddQueueCore(this IServiceCollection services, Action<QueueCoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddQueueCore();
        services.Configure(configure); // runs after what was registered before it, e.g. a configuration section
        return services;
    }

    /// <summary>
    /// As <see cref="AddQueueCore(IServiceCollection)"/>, with the options read from
    /// <paramref name="configuration"/>, e.g. <c>configuration.GetSection("QueueCore")</c>, holding <c>Engine</c>
    /// (<see cref="QueueEngineOptions"/>) and <c>Halls</c> (a list of <see cref="HallDefinition"/>).
    /// </summary>
    /// <remarks>
    /// What the section says is what the engine and halls get: a list given (e.g. a hall's
    /// <c>Priority:Classes</c> or <c>Priority:Rules</c>) replaces the default list entirely, a member not mentioned
    /// keeps its default, and an empty list in the file (<c>"Rules": []</c>) gives an empty list. Values are read
    /// with the invariant culture: numbers, <c>true</c>/<c>false</c>, enum names (flags separated by commas), time
    /// spans as <c>[d.]hh:mm[:ss]</c>, times of day as 24-hour <c>hh:mm</c> (or <c>hh:mm:ss</c>); null (or an empty
    /// value) for a member that may be null. The section is read when the options are first needed (at host start),
    /// so sources added after this call count.
    /// </remarks>
    /// <exception cref="InvalidOperationException">
    /// At host start, or when the engine is first resolved: a key is unknown, a required value is missing, a value
    /// does not convert, or an engine option is out of range; the message names the configuration path (e.g.
    /// <c>QueueCore:Halls:0:Services:3:DailyCap</c>, <c>QueueCore:Engine:ShardCount</c>) and the value.
    /// </exception>
    public static IServiceCollection AddQueueCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QueueCoreOptions>();
        services.AddSingleton<IConfigureOptions<QueueCoreOptions>>(new QueueCoreConfigureOptions(configuration));
        return services.AddQueueCore();
    }

    /// <summary>
    /// As <see cref="AddQueueCore(IServiceCollection, IConfiguration)"/>, then <paramref name="configure"/> applied
    /// to the options read (e.g. to add halls built in code).
    /// </summary>
    /// <exception cref="InvalidOperationException">As <see cref="AddQueueCore(IServiceCollection, IConfiguration)"/>.</exception>
    public static IServiceCollection AddQueueCore(
        this IServiceCollection services, IConfiguration configuration, Action<QueueCoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddQueueCore(configuration);
        services.Configure(configure); // after the section is read
        return services;
    }
}
