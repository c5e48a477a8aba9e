using System.Runtime.CompilerServices;

namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>Builds the public result of a command from its outcome, once, with the hall's sequence after it.</summary>
    private CommandResult Result(in Outcome o)
    {
        if (o.Error != QueueError.None)
        {
            return Failure(o);
        }

        if (o.Slot < 0)
        {
            return new CommandResult { Window = o.Window >= 0 ? _windowIds[o.Window] : 0, Service = -1, Sequence = Sequence };
        }

        ref readonly var t = ref T(o.Slot);
        var waiting = t.State == TicketState.Waiting;
        var window = o.Window >= 0 ? o.Window : t.State is TicketState.Called or TicketState.Serving ? t.Window : -1;
        return new CommandResult
        {
            Ticket = t.Id,
            Number = NumberOf(t),
            State = t.State,
            Window = window >= 0 ? _windowIds[window] : 0,
            Service = _serviceIds[t.Service],
            Position = waiting ? o.Position : 0,
            EstimatedWait = waiting ? new TimeSpan(o.Estimate) : TimeSpan.Zero,
            Sequence = Sequence,
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private CommandResult Failure(in Outcome o) =>
        new() { Error = o.Error, Message = o.Message, Service = -1, Sequence = Sequence };
}
