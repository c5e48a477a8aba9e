namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>A view of the hall for screens and dashboards (allocates; not for the hot path).</summary>
    public HallSnapshot GetSnapshot(DateTimeOffset now)
    {
        var nowTicks = now.UtcTicks;
        var services = new List<ServiceQueueSnapshot>(_services.Length);
        var waiting = new List<int>();
        foreach (var svc in _services)
        {
            var byClass = new Dictionary<string, int>(StringComparer.Ordinal);
            long oldest = long.MaxValue;
            for (var c = 0; c < _classCount; c++)
            {
                var list = ServiceList(svc.Index, c);
                if (_queues.Count(list) > 0)
                {
                    byClass[_classIds[c]] = _queues.Count(list);
                }

                for (var x = _queues.Head(list); x >= 0; x = T(x).Next)
                {
                    waiting.Add(x);
                    oldest = Math.Min(oldest, Standing(T(x)));
                }
            }

            services.Add(new ServiceQueueSnapshot
            {
                Service = svc.Id,
                Name = svc.Definition.Name,
                Waiting = svc.Waiting,
                WaitingByClass = byClass,
                LongestWait = oldest == long.MaxValue ? TimeSpan.Zero : new TimeSpan(Math.Max(0, nowTicks - oldest)),
                IssuedToday = svc.IssuedToday,
                AverageHandlingTime = new TimeSpan(svc.AverageHandlingTicks),
            });
        }

        foreach (var w in _windows)
        {
            for (var x = _queues.Head(WindowList(w.Index)); x >= 0; x = T(x).Next)
            {
                waiting.Add(x);
            }
        }

        waiting.Sort((a, b) => RankNode.Less(T(a).Rank, T(a).Serial, T(b).Rank, T(b).Serial) ? -1 : a == b ? 0 : 1);
        return new HallSnapshot
        {
            HallId = Id,
            Sequence = Sequence,
            Time = now,
            DayOpen = IsDayOpen,
            Services = services,
            Windows = [.. _windows.Select(WindowView)],
            AtWindows = [.. _windows.Where(w => w.Ticket >= 0).Select(w => TicketView(w.Ticket))],
            Waiting = [.. waiting.Take(100).Select(TicketView)],
            TotalWaiting = _totalWaiting,
        };
    }

    private WindowSnapshot WindowView(WindowRecord w) => new()
    {
        Window = w.Id,
        Name = w.Definition.Name,
        State = w.State,
        Auto = w.Auto,
        Clerk = w.Clerk,
        Ticket = w.Ticket >= 0 ? T(w.Ticket).Id : 0,
        PauseReason = w.PauseReason,
        ServedToday = w.ServedToday,
        MeanHandlingTime = w.ServedToday == 0 ? TimeSpan.Zero : new TimeSpan(w.HandlingTicksToday / w.ServedToday),
        Ratings = w.RatingsToday,
        MeanRating = w.RatingsToday == 0 ? 0 : (double)w.RatingSumToday / w.RatingsToday,
    };

    private TicketSnapshot TicketView(int slot)
    {
        ref readonly var t = ref T(slot);
        return new TicketSnapshot
        {
            Ticket = t.Id,
            Number = NumberOf(t),
            State = t.State,
            Service = _services[t.Service].Id,
            PriorityClass = _classIds[t.Class],
            Window = t.State is TicketState.Called or TicketState.Serving ? _windows[t.Window].Id : 0,
            IssuedAt = new DateTimeOffset(t.IssuedAt, TimeSpan.Zero),
            Standing = new DateTimeOffset(t.Rank, TimeSpan.Zero),
        };
    }
}
