namespace QueueCore;

/// <remarks>
/// The day boundary. Closing with <see cref="DayClosePolicy.ServeRemaining"/> stops issuing and lets the windows
/// serve every ticket already issued (extended service). Closing with <see cref="DayClosePolicy.CancelWaiting"/>
/// cancels what waits or is parked; tickets at windows (called or serving) stay there and may still be recalled,
/// started and finished, but nothing may wait again: their remaining items are cancelled when they finish, a
/// no-show drops them, and transfers and parking are refused. Windows stay open (their clerks close them). A new
/// day opens only when no ticket of the previous day is live, so numbering restarts without ever giving a number
/// that is still in the hall.
/// </remarks>
public sealed partial class Hall
{
    private int OpenDay()
    {
        if (_day == HallDayState.Open)
        {
            return Refused(QueueError.DayWrongState, $"Hall '{Id}' already has an open day.");
        }

        if (_live > 0)
        {
            return RefuseDayStillLive();
        }

        foreach (var c in _categories)
        {
            c.Sequence = 0;
        }

        _removedNumbering = []; // yesterday's numbers of removed categories are no longer in hands

        foreach (var s in _services)
        {
            s.IssuedToday = 0;
            s.WarningRaised = false;
        }

        _removedIssued = []; // yesterday's tickets of removed items count against no cap today
        _removedToday = default;
        _calls = 0;
        ResetClerkDays();
        foreach (var w in _windows)
        {
            w.Today = default;
            w.LastFinished = 0; // nothing finished today yet (and yesterday's services may not be rated)
            w.LastFinishedBy = ClerkDays.None;
            w.LastFinishedRated = false;
            w.LastTurn = 0; // turns start over in id order
            w.UnansweredCalls = 0; // last evening's missed calls are not "in a row" with this morning's first
            w.PriorityRun = 0; // nor are last evening's calls in the interleave rule's count: a new day starts from none
            w.NormalOwed = 0;
            if (w.State == WindowState.Idle)
            {
                // A window left open overnight was not idle while the hall was closed: its idle time (for the idle
                // limit and its alert) counts from the day's opening. Its IdleSince stays, as the longest-idle key.
                w.IdleTimeAlerted = false;
                _timers.Set(AlertTimer(w), _idleLimitTicks > 0 ? Later(_now, _idleLimitTicks) : long.MaxValue);
            }
        }

        // Every ticket of the previous day has left (see above): none of their services may be rated any more. The pad's
        // rating of yesterday's last citizen the next morning went into today's figures of the window. One pass over
        // the table, as the day's close makes; once a day, not per command.
        for (var slot = 0; slot < _tickets.HighWater; slot++)
        {
            ref var t = ref T(slot);
            if (t.Id != 0)
            {
                t.RatableWindow = -1;
            }
        }

        ForgetCheckIns();
        TakeCarriedDay(); // but today's numbers, caps and check-ins of a hall with this id removed from the engine hold (see Hall.CarriedDay.cs)
        if (Definition.WindowSelection is WindowSelection.FewestServed or WindowSelection.LeastBusy or WindowSelection.RoundRobin)
        {
            _idle?.Rekey(_windows); // their keys are day figures, reset above; windows may stay open, and idle, overnight
        }

        _day = HallDayState.Open;
        _dayOpenedAt = _now;
        EmitHall(HallEventKind.DayOpened, -1, 0);
        return NoTicket;
    }

    private int CloseDay(in HallCommand command)
    {
        if (!Enum.IsDefined(command.ClosePolicy))
        {
            return RefuseInvalid($"Unknown day-close policy {(int)command.ClosePolicy}.");
        }

        if (_day == HallDayState.Closed)
        {
            return Refused(QueueError.DayWrongState, $"Hall '{Id}' has no open day to close.");
        }

        if (command.ClosePolicy == DayClosePolicy.ServeRemaining)
        {
            if (_day == HallDayState.ServingRemaining)
            {
                return Refused(QueueError.DayWrongState, $"Hall '{Id}' is already serving the remaining tickets; close it with {nameof(DayClosePolicy.CancelWaiting)} to end the day.");
            }

            _day = HallDayState.ServingRemaining;
        }
        else
        {
            // Slot order keeps the cancellations (and their events) deterministic.
            for (var slot = 0; slot < _tickets.HighWater; slot++)
            {
                ref readonly var t = ref T(slot);
                if (t.Id == 0)
                {
                    continue;
                }

                if (t.State == TicketState.Waiting)
                {
                    Dequeue(slot);
                }
                else if (t.State == TicketState.Parked)
                {
                    Unwatch(slot);
                }
                else
                {
                    continue;
                }

                Emit(HallEventKind.Cancelled, slot, -1, (int)CancelCause.DayClosed);
                Retire(slot, TicketState.Cancelled);
            }

            _day = HallDayState.Closed;
        }

        EmitHall(HallEventKind.DayClosed, -1, (int)command.ClosePolicy);
        return NoTicket;
    }
}
