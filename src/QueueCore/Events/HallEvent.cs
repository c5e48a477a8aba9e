using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One state change in a hall. <see cref="Sequence"/> numbers a hall's events 1, 2, 3, ... with no gaps, so a
/// reader that sees a gap knows it missed some.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct HallEvent
{
    /// <summary>The hall's event sequence number (from 1, no gaps, never reused).</summary>
    public long Sequence { get; init; }

    /// <summary>What happened.</summary>
    public HallEventKind Kind { get; init; }

    /// <summary>When, from the hall's clock.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The ticket concerned, or 0.</summary>
    public long Ticket { get; init; }

    /// <summary>The ticket's printed number (default when no ticket).</summary>
    public TicketNumber Number { get; init; }

    /// <summary>The window concerned, or 0.</summary>
    public int Window { get; init; }

    /// <summary>The service item concerned, or -1.</summary>
    public int Service { get; init; }

    /// <summary>The ticket's priority class id, or null.</summary>
    public string? PriorityClass { get; init; }

    /// <summary>A kind-specific number (see <see cref="HallEventKind"/>).</summary>
    public int Value { get; init; }

    /// <summary>A kind-specific text (pause or cancel reason), or null.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"#{Sequence} {Kind} {Number} window {Window} service {Service} value {Value}";
}
