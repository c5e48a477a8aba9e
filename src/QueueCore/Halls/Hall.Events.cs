namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>Emits one event about a ticket (slot ≥ 0) and/or a window (dense index ≥ 0), numbered in sequence.</summary>
    private void Emit(HallEventKind kind, int slot, int window, int value = 0, string? reason = null)
    {
        long ticket = 0;
        TicketNumber number = default;
        var service = -1;
        string? cls = null;
        if (slot >= 0)
        {
            ref readonly var t = ref _tickets.Items[slot];
            ticket = t.Id;
            number = NumberOf(t);
            service = _services[t.Service].Id;
            cls = _classIds[t.Class];
        }

        _events.Add(new HallEvent
        {
            Sequence = ++Sequence,
            Kind = kind,
            Time = _nowOffset,
            Ticket = ticket,
            Number = number,
            Window = window >= 0 ? _windows[window].Id : 0,
            Service = service,
            PriorityClass = cls,
            Value = value,
            Reason = reason,
        });
    }

    /// <summary>A hall-level event (day, service warnings): no ticket, no window.</summary>
    private void EmitHall(HallEventKind kind, int service, int value)
    {
        _events.Add(new HallEvent
        {
            Sequence = ++Sequence,
            Kind = kind,
            Time = _nowOffset,
            Service = service >= 0 ? _services[service].Id : -1,
            Value = value,
        });
    }
}
