using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// The outcome of one command: success with what the caller needs (ticket, number, window, position,
/// estimated wait), or a typed <see cref="QueueError"/> with a message that says what was wrong.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct CommandResult
{
    /// <summary>None on success.</summary>
    public QueueError Error { get; init; }

    /// <summary>What was wrong, for people (null on success).</summary>
    public string? Message { get; init; }

    /// <summary>The ticket concerned (issued, called, finished, ...), or 0.</summary>
    public long Ticket { get; init; }

    /// <summary>The ticket's printed number.</summary>
    public TicketNumber Number { get; init; }

    /// <summary>The ticket's state after the command.</summary>
    public TicketState State { get; init; }

    /// <summary>The window concerned (e.g. the window a ticket was called to), or 0.</summary>
    public int Window { get; init; }

    /// <summary>The service item concerned (the ticket's current item), or -1.</summary>
    public int Service { get; init; }

    /// <summary>For any command that leaves a ticket waiting (an issue, a query, a no-show, a next item, a transfer, a
    /// resume): tickets ahead of it for its current item, of any class, in rank order (0: next). Exact while the ticket
    /// is within 16 places of the nearer end of its item's queue of each class (always for a short queue, and for a
    /// fresh ticket, which joins at the end of its own class); deeper inside a long queue it is an estimate
    /// interpolated by rank. An interleave rule (a normal ticket after some priority calls) or a dedicated window takes
    /// some tickets out of rank order, which the count does not foresee. 0 when the ticket is not waiting.</summary>
    public int Position { get; init; }

    /// <summary>With <see cref="Position"/>: the estimated wait until the ticket is called.</summary>
    public TimeSpan EstimatedWait { get; init; }

    /// <summary>The hall's event sequence number after the command (the last event it emitted).</summary>
    public long Sequence { get; init; }

    /// <summary>True when the command was applied.</summary>
    public bool IsSuccess => Error == QueueError.None;

    /// <summary>A failed result.</summary>
    public static CommandResult Fail(QueueError error, string message) => new() { Error = error, Message = message, Service = -1 };

    /// <inheritdoc/>
    public override string ToString() =>
        IsSuccess ? $"OK ticket {Number} ({Ticket}) {State} window {Window} position {Position} wait {EstimatedWait}" : $"{Error}: {Message}";
}
