using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace QueueCore;

public sealed partial class Hall
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref TicketRecord T(int slot) => ref _tickets.Items[slot];

    /// <summary>The printed number of a ticket (A023).</summary>
    private static TicketNumber NumberOf(in TicketRecord t) => new(t.NumberPrefix, t.NumberSequence, t.NumberWidth);

    private bool TryWindow(int id, [NotNullWhen(true)] out WindowRecord? window)
    {
        if (_windowIndex.TryGet(id, out var index))
        {
            window = _windows[index];
            return true;
        }

        window = null;
        return false;
    }

    /// <summary>
    /// The window a window command names and its current ticket: checks the window exists, holds the command's ticket if
    /// it names one, and is in <paramref name="required"/> or <paramref name="alsoAllowed"/> state. The ticket comes
    /// before the state: a clerk whose ticket another keypad finished learns that, not only that the window now calls.
    /// </summary>
    private bool TryWindowTicket(in HallCommand command, WindowState required, WindowState alsoAllowed,
        [NotNullWhen(true)] out WindowRecord? window, out int refusal)
    {
        if (!TryWindow(command.Window, out window))
        {
            refusal = RefuseUnknownWindow(command.Window);
            return false;
        }

        if (!HoldsNamedTicket(window, command))
        {
            refusal = RefuseOtherTicket(window, command);
            return false;
        }

        if (window.State != required && window.State != alsoAllowed)
        {
            refusal = RefuseWindowState(window, required == WindowState.Serving ? WindowRefusal.NotServing : WindowRefusal.NothingCalled);
            return false;
        }

        refusal = 0;
        return true;
    }

    /// <summary>
    /// Whether a window command may act on the window's ticket: it names none (0: whichever the window has), or the one the
    /// window has (the ticket the clerk's terminal shows, so a second keypad's press cannot land on the next ticket), and
    /// then, if it names an item, for that item (a visit called straight back for its next item is the same ticket). A
    /// compare each: the item's id is read from the dense index the ticket holds, no lookup.
    /// </summary>
    private bool HoldsNamedTicket(WindowRecord window, in HallCommand command)
    {
        var ticket = command.Ticket;
        if (ticket == 0)
        {
            return !command.NamesTicketService; // an item alone names no ticket to check it against: refused
        }

        if (window.Ticket < 0)
        {
            return false;
        }

        ref readonly var t = ref T(window.Ticket);
        return t.Id == ticket && (!command.NamesTicketService || _serviceIds[t.Service] == command.NamedTicketService);
    }
}
