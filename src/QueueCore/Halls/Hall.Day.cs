namespace QueueCore;

public sealed partial class Hall
{
    private CommandResult OpenDay()
    {
        if (_day == HallDayState.Open)
        {
            return CommandResult.Fail(QueueError.DayWrongState, $"Hall '{Id}' already has an open day.");
        }

        if (_totalWaiting > 0 || _watch.Head(ParkedList) >= 0)
        {
            return CommandResult.Fail(QueueError.DayWrongState,
                $"Hall '{Id}' still has {_totalWaiting} tickets waiting from the previous day; close it with {nameof(DayClosePolicy.CancelWaiting)} first.");
        }

        foreach (var c in _categories)
        {
            c.Sequence = 0;
        }

        foreach (var s in _services)
        {
            s.IssuedToday = 0;
        }

        foreach (var w in _windows)
        {
            w.ServedToday = 0;
            w.HandlingTicksToday = 0;
            w.RatingsToday = 0;
            w.RatingSumToday = 0;
        }

        _day = HallDayState.Open;
        EmitHall(HallEventKind.DayOpened, -1, 0);
        return new CommandResult { Service = -1 };
    }

    private CommandResult CloseDay(in HallCommand command)
    {
        if (_day == HallDayState.Closed)
        {
            return CommandResult.Fail(QueueError.DayWrongState, $"Hall '{Id}' has no open day to close.");
        }

        if (command.ClosePolicy == DayClosePolicy.ServeRemaining)
        {
            _day = HallDayState.ServingRemaining;
        }
        else
        {
            // Slot order keeps the cancellations (and their events) deterministic.
            for (var slot = 0; slot < _tickets.HighWater; slot++)
            {
                ref readonly var t = ref T(slot);
                if (t.State == TicketState.Waiting)
                {
                    Dequeue(slot);
                }
                else if (t.State == TicketState.Parked)
                {
                    _watch.Remove(slot);
                }
                else
                {
                    continue;
                }

                Emit(HallEventKind.Cancelled, slot, -1, 0, "hall day closed");
                Retire(slot, TicketState.Cancelled);
            }

            _day = HallDayState.Closed;
        }

        EmitHall(HallEventKind.DayClosed, -1, (int)command.ClosePolicy);
        return new CommandResult { Service = -1 };
    }
}
