using MessagePack;

namespace QueueCore;

/// <summary>An appointment reference checked in during the hall's day and the ticket it gave, in a <see cref="HallState"/>.</summary>
[MessagePackObject]
public sealed record SavedCheckIn
{
    /// <summary>The appointment reference.</summary>
    [Key(0)] public required string Reference { get; init; }

    /// <summary>The id of the ticket it gave.</summary>
    [Key(1)] public long Ticket { get; init; }

    /// <summary>That ticket's number prefix.</summary>
    [Key(2)] public string Prefix { get; init; } = "";

    /// <summary>That ticket's number.</summary>
    [Key(3)] public int Number { get; init; }

    /// <summary>That ticket's number width.</summary>
    [Key(4)] public int Width { get; init; }
}
