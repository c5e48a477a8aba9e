using System.Runtime.CompilerServices;

namespace QueueCore;

/// <remarks>
/// This part: results. A handler returns a small code instead of a result struct: the slot of the ticket the
/// result describes, <see cref="NoTicket"/>, or <see cref="Refusal"/>; the rarer details (a window other than the
/// ticket's, a position and estimate, an appointment check-in not on time, a refusal's error and message) go to
/// fields. The public <see cref="CommandResult"/> is then built once, after every event of the command (auto calls
/// included).
/// </remarks>
public sealed partial class Hall
{
    /// <summary>The result describes no ticket (a window command, a day command, a tick).</summary>
    private const int NoTicket = -1;

    /// <summary>The command was refused: <see cref="_error"/> and <see cref="_message"/> say why.</summary>
    private const int Refusal = -2;

    /// <summary>The ticket at <paramref name="slot"/>, reported with window <paramref name="window"/> (dense).</summary>
    private int TicketAt(int slot, int window)
    {
        _resultWindow = window;
        return slot;
    }

    /// <summary>A waiting ticket with its position and estimated wait.</summary>
    private int Waiting(int slot, int position, long estimate)
    {
        _position = position;
        _estimate = estimate;
        return slot;
    }

    /// <summary>No ticket; the result names window <paramref name="window"/> (dense).</summary>
    private int WindowOnly(int window)
    {
        _resultWindow = window;
        return NoTicket;
    }

    /// <summary>Refuses the command: nothing changed (handlers refuse before they change anything).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Refuse(QueueError error, string message)
    {
        _error = error;
        _message = message;
        return Refusal;
    }

    /// <summary>Builds the public result of a command from its code, once, with the hall's sequence after it.</summary>
    private CommandResult Result(int code)
    {
        if (code < 0)
        {
            return code == NoTicket
                ? new CommandResult { Window = _resultWindow >= 0 ? _windowIds[_resultWindow] : 0, Service = -1, Sequence = Sequence }
                : Failure();
        }

        ref readonly var t = ref T(code);
        var waiting = t.State == TicketState.Waiting;
        if (waiting && _position < 0)
        {
            Locate(code); // a ticket a command left waiting (no-show, next item, transfer, resume): where it stands now
        }

        var window = _resultWindow >= 0 ? _resultWindow : t.State is TicketState.Called or TicketState.Serving ? t.Window : -1;
        return new CommandResult
        {
            Ticket = t.Id,
            Number = NumberOf(t),
            State = t.State,
            Window = window >= 0 ? _windowIds[window] : 0,
            Service = _serviceIds[t.Service],
            PriorityClassText = _classTexts[t.Class],
            AppointmentNotOnTime = _checkInNotOnTime,
            Position = waiting ? _position : 0,
            EstimatedWait = waiting ? new TimeSpan(_estimate) : TimeSpan.Zero,
            Sequence = Sequence,
            IssuedAt = new DateTimeOffset(t.IssuedAt, TimeSpan.Zero),
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Locate(int slot)
    {
        _position = Position(slot);
        _estimate = EstimateFor(slot, _position);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private CommandResult Failure() => new() { Error = _error, Message = _message, Service = -1, Sequence = Sequence };
}
