namespace QueueCore;

/// <remarks>This part: what stands in the way of a window the new definition (or a restore's) leaves out.</remarks>
public sealed partial class Hall
{
    /// <summary>
    /// Refuses a definition that leaves out a window still in use, naming what holds it and the way out: a window goes
    /// only once closed, and closing it needs it free of tickets. A called ticket can be marked a no-show, transferred,
    /// cancelled, or served and finished; one being served finished, parked or transferred. Closing then hands the tickets in the
    /// window's own queue back to their items' queues, keeping their standing, so those need nothing first. Checked
    /// before the tickets are loaded: the refusal named a ticket in the window's queue ("waits for window 2, which is
    /// not in the definition") or said "close it first" of a window that cannot be closed while it holds a ticket.
    /// </summary>
    private void RequireRemovedWindowsFree(HallState state)
    {
        foreach (var saved in state.Windows)
        {
            if (_windowIndex.TryGet(saved.Id, out _) || saved.State == WindowState.Closed)
            {
                continue; // closing handed its own queue back: a closed window holds no ticket
            }

            var held = saved.Ticket == 0 ? null : Array.Find(state.Tickets, t => t.Id == saved.Ticket && t.State is TicketState.Called or TicketState.Serving);
            var number = Printed(held);
            var first = held is null ? ""
                : held.State == TicketState.Called
                    ? $"mark {number} a no-show, transfer or cancel it at the window (or start serving and finish it), then "
                    : $"finish {number}, park or transfer it at the window, then ";
            var queued = QueuedFor(state, saved.Id);
            Require(false,
                $"window {saved.Id} is {WindowRecord.StateName(saved.State)}{(held is null ? "" : $" {number}")} but not in the definition; "
                + $"{first}close the window before removing it"
                + (queued.Length == 0 ? "" : $" (closing hands its own queue, {queued}, back to their items' queues, keeping their standing)"));
        }
    }

    /// <summary>The numbers of the tickets waiting in window <paramref name="window"/>'s own queue (the first few, in
    /// the order the window would call them bar the maximum wait); empty when none.</summary>
    private static string QueuedFor(HallState state, int window)
    {
        const int Shown = 5;
        var queued = state.Tickets.Where(t => t.State == TicketState.Waiting && t.QueueWindow == window).OrderBy(t => t.Rank).ThenBy(t => t.Serial).ToList();
        var shown = string.Join(", ", queued.Take(Shown).Select(Printed));
        return queued.Count > Shown ? $"{shown} and {queued.Count - Shown} more" : shown;
    }
}
