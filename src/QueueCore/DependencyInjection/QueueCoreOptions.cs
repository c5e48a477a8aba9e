namespace QueueCore;

/// <summary>
/// What <see cref="QueueCoreServiceCollectionExtensions.AddQueueCore"/> builds: the engine's options and the halls
/// it starts with. Bindable from configuration, e.g. a <c>QueueCore</c> section with <c>Engine</c> and <c>Halls</c>.
/// </summary>
public sealed class QueueCoreOptions
{
    /// <summary>How the engine runs.</summary>
    public QueueEngineOptions Engine { get; set; } = new();

    /// <summary>The halls added when the engine is created.</summary>
    public List<HallDefinition> Halls { get; set; } = [];
}
