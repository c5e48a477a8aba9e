using System.Runtime.CompilerServices;

namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>Emits one event about a ticket (slot ≥ 0) and/or a window (dense index ≥ 0), numbered in sequence.</summary>
    private void Emit(HallEventKind kind, int slot, int window, int value = 0)
    {
        long ticket = 0;
        TicketNumber number = default;
        var service = -1;
        var cls = 0;
        if (slot >= 0)
        {
            ref readonly var t = ref T(slot);
            ticket = t.Id;
            number = NumberOf(t);
            service = _serviceIds[t.Service];
            cls = _classTexts[t.Class];
        }

        Append(new HallEvent(++Sequence, kind, _now, ticket, number, window >= 0 ? _windowIds[window] : 0, service, cls, value));
    }

    /// <summary>A hall-level event (day, service warnings): no ticket, no window.</summary>
    private void EmitHall(HallEventKind kind, int service, int value) =>
        Append(new HallEvent(++Sequence, kind, _now, 0, default, 0, service >= 0 ? _serviceIds[service] : -1, 0, value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(in HallEvent e)
    {
        if (_eventCount == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2); // grows once to the largest burst, then never
        }

        _events[_eventCount++] = e;
    }
}
