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

        if (!HoldsNamedTicket(window, command.Ticket))
        {
            refusal = RefuseOtherTicket(window, command.Ticket);
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
    /// window has (the ticket the clerk's terminal shows, so a second keypad's press cannot land on the next ticket).
    /// </summary>
    private bool HoldsNamedTicket(WindowRecord window, long ticket) =>
        ticket == 0 || (window.Ticket >= 0 && T(window.Ticket).Id == ticket);
}
