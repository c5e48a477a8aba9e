namespace QueueCore;

/// <summary>
/// What <c>AddQueueCore</c> builds: the engine's options and the halls it starts with. Read from configuration
/// by <see cref="QueueCoreServiceCollectionExtensions.AddQueueCore(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>,
/// e.g. a <c>QueueCore</c> section with <c>Engine</c> and <c>Halls</c>.
/// </summary>
public sealed class QueueCoreOptions
{
    /// <summary>How the engine runs.</summary>
    public QueueEngineOptions Engine { get; set; } = new();

    /// <summary>The halls added when the engine is created.</summary>
    public List<HallDefinition> Halls { get; set; } = [];
}
