using System.Diagnostics.CodeAnalysis;

namespace QueueCore;

public sealed partial class Hall
{
    private bool TryWindow(int id, [NotNullWhen(true)] out WindowRecord? window, out CommandResult error)
    {
        if (_windowIndex.TryGetValue(id, out var index))
        {
            window = _windows[index];
            error = default;
            return true;
        }

        window = null;
        error = CommandResult.Fail(QueueError.UnknownWindow, $"Hall '{Id}' has no window {id}.");
        return false;
    }

    private bool TryTicket(long id, out int slot, out CommandResult error)
    {
        slot = _tickets.Find(id);
        error = slot >= 0 ? default : CommandResult.Fail(QueueError.UnknownTicket, $"Hall '{Id}' has no ticket {id} (unknown, or finished too long ago).");
        return slot >= 0;
    }

    /// <summary>The window's current ticket, for commands that act on it; checks the state and the optional ticket id.</summary>
    private bool TryWindowTicket(in HallCommand command, WindowState required, WindowState alsoAllowed,
        [NotNullWhen(true)] out WindowRecord? window, out int slot, out CommandResult error)
    {
        slot = -1;
        if (!TryWindow(command.Window, out window, out error))
        {
            return false;
        }

        if (window.State != required && window.State != alsoAllowed)
        {
            error = WindowStateError(window, required == WindowState.Serving ? "is not serving a ticket" : "has no called ticket");
            return false;
        }

        slot = window.Ticket;
        if (command.Ticket != 0 && command.Ticket != T(slot).Id)
        {
            error = CommandResult.Fail(QueueError.TicketWrongState,
                $"Window {window.Id} has ticket {NumberOf(T(slot))} ({T(slot).Id}), not ticket {command.Ticket}.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// A window in the wrong state for a command. Clerks press keys twice and call on empty queues all day, so these
    /// messages are built once per window and reason and then reused: a refused command allocates nothing either.
    /// </summary>
    private static CommandResult WindowStateError(WindowRecord w, string what) =>
        w.State is WindowState.Closed or WindowState.Paused
            ? CommandResult.Fail(QueueError.WindowNotOpen, w.Message(what: "", static (w, _) => $"Window {w.Id} is {WindowRecord.StateName(w.State)}."))
            : CommandResult.Fail(QueueError.WindowWrongState, w.Message(what, static (w, what) => $"Window {w.Id} {what} (it is {WindowRecord.StateName(w.State)})."));

    /// <summary>A success result describing a ticket (and the window it is at, if any).</summary>
    private CommandResult Ok(int slot, int position = 0, long estimateTicks = 0)
    {
        ref readonly var t = ref T(slot);
        var window = t.State is TicketState.Called or TicketState.Serving && t.Window >= 0 ? _windows[t.Window].Id : 0;
        return new CommandResult
        {
            Ticket = t.Id,
            Number = NumberOf(t),
            State = t.State,
            Window = window,
            Service = _services[t.Service].Id,
            Position = position,
            EstimatedWait = new TimeSpan(estimateTicks),
        };
    }

    private static CommandResult OkWindow(WindowRecord w) => new() { Window = w.Id, Service = -1 };
}
