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
    /// The window a window command names and its current ticket: checks the window exists, is in
    /// <paramref name="required"/> or <paramref name="alsoAllowed"/> state, and holds the command's ticket if it names one.
    /// </summary>
    private bool TryWindowTicket(in HallCommand command, WindowState required, WindowState alsoAllowed,
        [NotNullWhen(true)] out WindowRecord? window, out int refusal)
    {
        if (!TryWindow(command.Window, out window))
        {
            refusal = RefuseUnknownWindow(command.Window);
            return false;
        }

        if (window.State != required && window.State != alsoAllowed)
        {
            refusal = RefuseWindowState(window, required == WindowState.Serving ? WindowRefusal.NotServing : WindowRefusal.NothingCalled);
            return false;
        }

        if (command.Ticket != 0 && command.Ticket != T(window.Ticket).Id)
        {
            refusal = RefuseOtherTicket(window, command.Ticket);
            return false;
        }

        refusal = 0;
        return true;
    }
}
