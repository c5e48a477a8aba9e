using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One state change in a hall. <see cref="Sequence"/> numbers a hall's events 1, 2, 3, ... with no gaps, so a
/// reader that sees a gap knows it missed some. One jump, across a restart only: a hall the journal recovers as it
/// stood at a damaged record numbers its next events past every number its lost commands may have given, so a reader
/// that saw those resumes lagged (and resynchronises) instead of following new events that reuse them.
/// </summary>
/// <remarks>
/// A small value without references (texts are held as numbers into a table of configuration texts), so the hall
/// writes it into its buffers in place, without GC write barriers; its members are read-only. Free texts (a pause or
/// cancel reason) are not in events: the reason's kind is in <see cref="Value"/> (see <see cref="HallEventKind"/>), the
/// text in the hall's state (<see cref="WindowSnapshot.PauseReason"/>, <see cref="TicketSnapshot.Note"/>).
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public struct HallEvent : IEquatable<HallEvent>
{
    private long _sequence;
    private long _time;
    private long _ticket;
    private TicketNumber _number;
    private int _window;
    private int _service;
    private int _value;
    private ushort _class;
    private HallEventKind _kind;

    internal HallEvent(long sequence, HallEventKind kind, long time, long ticket, TicketNumber number, int window, int service, int classText, int value) =>
        Set(sequence, kind, time, ticket, number, window, service, classText, value);

    /// <summary>The hall's event sequence number (from 1, no gaps within a run, never reused; see the type's summary for the jump after journal damage).</summary>
    public readonly long Sequence => _sequence;

    /// <summary>What happened.</summary>
    public readonly HallEventKind Kind => _kind;

    /// <summary>When, from the hall's clock (UTC).</summary>
    public readonly DateTimeOffset Time => new(_time, TimeSpan.Zero);

    /// <summary>The ticket concerned, or 0.</summary>
    public readonly long Ticket => _ticket;

    /// <summary>The ticket's printed number (empty when no ticket).</summary>
    public readonly TicketNumber Number => _number;

    /// <summary>The window concerned (its id), or 0.</summary>
    public readonly int Window => _window;

    /// <summary>The service item concerned (its id), or -1.</summary>
    public readonly int Service => _service;

    /// <summary>The ticket's priority class id, or null when no ticket.</summary>
    public readonly string? PriorityClass => _class == 0 ? null : TextTable.Get(_class);

    /// <summary>A kind-specific number (see <see cref="HallEventKind"/>).</summary>
    public readonly int Value => _value;

    /// <summary>The <see cref="Value"/> of a <see cref="HallEventKind.WindowPaused"/> event when the hall manager paused the
    /// window (<see cref="HallCommand.PauseWindowAsManager"/>).</summary>
    public const int PausedByManager = -1;

    /// <summary>Whether two events are the same.</summary>
    public static bool operator ==(HallEvent left, HallEvent right) => left.Equals(right);

    /// <summary>Whether two events differ.</summary>
    public static bool operator !=(HallEvent left, HallEvent right) => !left.Equals(right);

    /// <summary>Writes every field in place (the hall's buffers).</summary>
    internal void Set(long sequence, HallEventKind kind, long time, long ticket, TicketNumber number, int window, int service, int classText, int value)
    {
        _sequence = sequence;
        _kind = kind;
        _time = time;
        _ticket = ticket;
        _number = number;
        _window = window;
        _service = service;
        _class = (ushort)classText;
        _value = value;
    }

    /// <inheritdoc/>
    public readonly bool Equals(HallEvent other) =>
        _sequence == other._sequence && _kind == other._kind && _time == other._time && _ticket == other._ticket && _number == other._number
        && _window == other._window && _service == other._service && _class == other._class && _value == other._value;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is HallEvent other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(_sequence, _kind, _ticket, _window, _value);

    /// <inheritdoc/>
    public override readonly string ToString() => $"#{Sequence} {Kind} {Number} window {Window} service {Service} value {Value}";
}
