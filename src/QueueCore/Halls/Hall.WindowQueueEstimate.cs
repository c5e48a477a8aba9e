namespace QueueCore;

/// <remarks>
/// This part: the estimated wait of a ticket in a window's own queue (transferred or returned to it). Only that window
/// calls it, so the hall's rule (<see cref="EstimateTicks"/>) is applied to that one window: another idle window of
/// the item told the ticket "no wait" while the window it was sent to was busy, or paused.
/// </remarks>
public sealed partial class Hall
{
    /// <summary>
    /// The estimated wait of the waiting ticket at <paramref name="slot"/>, <paramref name="position"/> places from the
    /// front: by its window alone when it waits in a window's own queue (<see cref="WindowQueueEstimate"/>), else by
    /// its item's windows.
    /// </summary>
    private long EstimateFor(int slot, int position)
    {
        ref readonly var t = ref T(slot);
        return t.List >= 0 && IsWindowList(t.List) ? WindowQueueEstimate(t, position) : EstimateTicks(t, position);
    }

    /// <summary>
    /// The wait for the window whose own queue holds <paramref name="t"/>, then <paramref name="position"/> times the
    /// item's average handling time, not shared (one window calls this queue). The wait for the window: 0 while idle;
    /// while it holds a ticket (called or serving), what that service has left (<see cref="BusyWindows.Left"/>: the
    /// average of the item it serves less the time it has run, from its start, or its call when none was pressed; never
    /// below 0); while paused, a whole average of the waiting ticket's item, as if it had just started a service: nobody
    /// knows when its clerk is back, and "no wait" sent the citizen to a desk that calls no one.
    /// </summary>
    private long WindowQueueEstimate(in TicketRecord t, int position)
    {
        var w = _windows[t.List - WindowList(0)];
        var average = _services[t.Service].AverageHandlingTicks;
        var untilFree = w.State switch
        {
            WindowState.Calling or WindowState.Serving => _busy?.Left(w.Index, _estimateAt) ?? 0,
            WindowState.Paused => average,
            _ => 0,
        };
        return untilFree + (position * average);
    }
}
