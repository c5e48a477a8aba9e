using MessagePack;

namespace QueueCore;

/// <summary>A category's numbering in a <see cref="HallState"/>.</summary>
[MessagePackObject]
public sealed record SavedCategory
{
    /// <summary>The category id.</summary>
    [Key(0)] public string Id { get; init; } = "";

    /// <summary>Its ticket prefix when saved.</summary>
    [Key(1)] public string Prefix { get; init; } = "";

    /// <summary>The last number issued today.</summary>
    [Key(2)] public int Sequence { get; init; }
}
