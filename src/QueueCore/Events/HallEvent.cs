using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One state change in a hall. <see cref="Sequence"/> numbers a hall's events 1, 2, 3, ... with no gaps, so a
/// reader that sees a gap knows it missed some.
/// </summary>
/// <remarks>
/// A small value without references (texts are held as numbers into a table of configuration texts), so the hall
/// writes it into buffers without GC write barriers. Free texts (a pause or cancel reason) are not in events: the
/// reason's kind is in <see cref="Value"/> (see <see cref="HallEventKind"/>), the text in the hall's state
/// (<see cref="WindowSnapshot.PauseReason"/>, <see cref="TicketSnapshot.Note"/>) and in the command.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly record struct HallEvent
{
    private readonly long _time;
    private readonly ushort _class;

    internal HallEvent(long sequence, HallEventKind kind, long time, long ticket, TicketNumber number, int window, int service, int classText, int value)
    {
        Sequence = sequence;
        Kind = kind;
        _time = time;
        Ticket = ticket;
        Number = number;
        Window = window;
        Service = service;
        _class = (ushort)classText;
        Value = value;
    }

    /// <summary>The hall's event sequence number (from 1, no gaps, never reused).</summary>
    public long Sequence { get; }

    /// <summary>What happened.</summary>
    public HallEventKind Kind { get; }

    /// <summary>When, from the hall's clock (UTC).</summary>
    public DateTimeOffset Time => new(_time, TimeSpan.Zero);

    /// <summary>The ticket concerned, or 0.</summary>
    public long Ticket { get; }

    /// <summary>The ticket's printed number (empty when no ticket).</summary>
    public TicketNumber Number { get; }

    /// <summary>The window concerned (its id), or 0.</summary>
    public int Window { get; }

    /// <summary>The service item concerned (its id), or -1.</summary>
    public int Service { get; }

    /// <summary>The ticket's priority class id, or null when no ticket.</summary>
    public string? PriorityClass => _class == 0 ? null : TextTable.Get(_class);

    /// <summary>A kind-specific number (see <see cref="HallEventKind"/>).</summary>
    public int Value { get; }

    /// <inheritdoc/>
    public override string ToString() => $"#{Sequence} {Kind} {Number} window {Window} service {Service} value {Value}";
}
