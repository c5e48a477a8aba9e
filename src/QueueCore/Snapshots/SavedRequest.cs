using MessagePack;

namespace QueueCore;

/// <summary>A remembered client request id and the result its command gave, in a <see cref="HallState"/>.</summary>
[MessagePackObject]
public sealed record SavedRequest
{
    /// <summary>The client's request id.</summary>
    [Key(0)] public Guid Id { get; init; }

    /// <summary>A fingerprint of the command, so reusing the id for another command is refused.</summary>
    [Key(1)] public ulong Fingerprint { get; init; }

    /// <summary>The first result's ticket id.</summary>
    [Key(2)] public long Ticket { get; init; }

    /// <summary>The first result's ticket number prefix.</summary>
    [Key(3)] public string Prefix { get; init; } = "";

    /// <summary>The first result's ticket number.</summary>
    [Key(4)] public int Number { get; init; }

    /// <summary>The first result's number width.</summary>
    [Key(5)] public int Width { get; init; }

    /// <summary>The first result's ticket state.</summary>
    [Key(6)] public TicketState State { get; init; }

    /// <summary>The first result's window.</summary>
    [Key(7)] public int Window { get; init; }

    /// <summary>The first result's service item.</summary>
    [Key(8)] public int Service { get; init; }

    /// <summary>The first result's position.</summary>
    [Key(9)] public int Position { get; init; }

    /// <summary>The first result's estimated wait (ticks).</summary>
    [Key(10)] public long EstimatedWait { get; init; }

    /// <summary>The first result's sequence number.</summary>
    [Key(11)] public long Sequence { get; init; }

    /// <summary>The first result's ticket's issue time (UTC ticks); 0 in a state saved before it was kept.</summary>
    [Key(12)] public long IssuedAt { get; init; }

    /// <summary>The first result's ticket's priority class id; null in a state saved before it was kept, or when the
    /// result describes no ticket.</summary>
    [Key(13)] public string? PriorityClass { get; init; }

    /// <summary>Whether the first result was an appointment check-in not on time (see <see cref="CommandResult.AppointmentNotOnTime"/>).</summary>
    [Key(14)] public bool AppointmentNotOnTime { get; init; }
}
