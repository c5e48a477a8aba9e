namespace QueueCore;

/// <remarks>This part: how many tickets a window would call now, for the snapshot's <see cref="WindowSnapshot.Callable"/>.</remarks>
public sealed partial class Hall
{
    /// <summary>
    /// The tickets <paramref name="w"/> would call at <paramref name="now"/>: <see cref="GetWindowQueue(int, System.DateTimeOffset, int, int)"/>'s total less the
    /// overflow tickets whose delay has not passed (listed last there, as <see cref="QueueReason.OverflowLater"/>); while
    /// paused, those it would call once resumed; 0 while closed. Counted from the queues' sizes; only overflow queues are
    /// walked, from their tails (the newest standing), and only over the tickets not callable yet.
    /// </summary>
    private int CallableAt(WindowRecord w, long now)
    {
        if (w.State == WindowState.Closed)
        {
            return 0;
        }

        var count = _queues.Count(WindowList(w.Index));
        foreach (var tier in w.Tiers)
        {
            for (var c = 0; c < _classCount; c++)
            {
                if (tier.AllServices)
                {
                    count += _classQueues.Count(c) - (tier.Overflow ? NotYetCallable(_classQueues, c, c, tier.DelayTicks, now) : 0);
                    continue;
                }

                foreach (var s in tier.Services)
                {
                    var list = ServiceList(s, c);
                    count += _queues.Count(list) - (tier.Overflow ? NotYetCallable(_queues, list, c, tier.DelayTicks, now) : 0);
                }
            }
        }

        return count;
    }

    /// <summary>The tickets at the end of <paramref name="list"/> (class <paramref name="cls"/>) that have not stood for
    /// <paramref name="delay"/> yet: the queue is in rank order, so they are its tail.</summary>
    private int NotYetCallable<TLinks>(TicketQueues<TLinks> queues, int list, int cls, long delay, long now)
        where TLinks : struct, IQueueLinks
    {
        var later = 0;
        for (var x = queues.Tail(list); x >= 0 && now - (T(x).Rank + _headStart[cls]) < delay; x = TLinks.Prev(ref T(x)))
        {
            later++;
        }

        return later;
    }
}
