namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// The ticket whose service <paramref name="window"/> finished most recently today (what an evaluator pad at the
    /// window rates by default): true with its id, or with 0 when the window has finished nothing today (or has no such
    /// window); false when the hall cannot tell. The hall keeps it per window, with its state, so it can always tell,
    /// across a save, restore or replay too; only a hall restored from a state saved before it was kept reads it from the
    /// tickets whose last finished service was there until its next day opens: the newest completed one (tickets complete
    /// in the order a window finishes them), unless a visit that went on to its next item (or was cancelled or dropped
    /// after it) may have been finished there after it, which the hall cannot order for certain (false). It never names
    /// an older ticket than the last one finished.
    /// </summary>
    /// <remarks>
    /// In the reading from the tickets, a visit finished at the window before the newest completed ticket was called there
    /// has been enqueued (or moved on) no later than that call, which is how it is told apart; one that moved on since
    /// (called elsewhere, parked, ...) cannot be, and the answer is false. Within one instant the order is taken to be the
    /// commands' order. That reading scans the ticket table: a query, not for the hot path.
    /// </remarks>
    public bool TryGetLastFinished(int window, out long ticket)
    {
        ticket = 0;
        if (!TryWindow(window, out var w))
        {
            return true;
        }

        if (w.LastFinished >= 0)
        {
            ticket = w.LastFinished;
            return true;
        }

        var newest = -1;
        foreach (var slot in _tickets.RetiredSlotsNewestFirst())
        {
            ref readonly var r = ref T(slot);
            if (r.State == TicketState.Completed && r.RatableWindow == w.Index)
            {
                newest = slot; // RatableWindow is reset when a day opens: this is today's
                break;
            }
        }

        var calledAt = newest >= 0 ? T(newest).EnqueuedAt : long.MinValue; // a completed ticket keeps its last call's time
        var other = -1;
        for (var slot = 0; slot < _tickets.HighWater; slot++)
        {
            ref readonly var t = ref T(slot);
            if (t.Id == 0 || t.RatableWindow != w.Index || t.State == TicketState.Completed || slot == newest)
            {
                continue;
            }

            if (newest >= 0 && t.EnqueuedAt <= calledAt)
            {
                continue; // finished here before the newest completed ticket was called here
            }

            if (newest >= 0 || other >= 0)
            {
                return false; // finished here, maybe after the newest completed ticket, or one of two such visits
            }

            other = slot;
        }

        var last = newest >= 0 ? newest : other;
        ticket = last >= 0 ? T(last).Id : 0;
        return true;
    }
}
