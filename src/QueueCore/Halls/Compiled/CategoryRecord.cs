namespace QueueCore;

/// <summary>A category's prefix and its daily number sequence.</summary>
internal sealed class CategoryRecord(ServiceCategory definition)
{
    public ServiceCategory Definition { get; } = definition;

    public string Prefix => Definition.Prefix;

    /// <summary>The last number issued today.</summary>
    public int Sequence;
}
