using System.Runtime.CompilerServices;

namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>Emits one event about a ticket (slot ≥ 0) and/or a window (dense index ≥ 0), numbered in sequence.</summary>
    private void Emit(HallEventKind kind, int slot, int window, int value = 0)
    {
        ref var e = ref NextEvent();
        var windowId = window >= 0 ? _windowIds[window] : 0;
        if (slot >= 0)
        {
            ref readonly var t = ref T(slot);
            e.Set(++Sequence, kind, _now, t.Id, NumberOf(t), windowId, _serviceIds[t.Service], _classTexts[t.Class], value);
        }
        else
        {
            e.Set(++Sequence, kind, _now, 0, default, windowId, -1, 0, value);
        }
    }

    /// <summary>A hall-level event (day, service warnings): no ticket, no window.</summary>
    private void EmitHall(HallEventKind kind, int service, int value) =>
        NextEvent().Set(++Sequence, kind, _now, 0, default, 0, service >= 0 ? _serviceIds[service] : -1, 0, value);

    /// <summary>The next event's cell, written in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref HallEvent NextEvent()
    {
        if (_eventCount == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2); // grows once to the largest burst, then never
        }

        return ref _events[_eventCount++];
    }
}
