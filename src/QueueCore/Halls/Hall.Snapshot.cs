namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>The most waiting tickets a snapshot lists.</summary>
    public const int SnapshotWaitingTickets = 100;

    /// <summary>The most finished tickets a snapshot lists (<see cref="HallSnapshot.RecentlyFinished"/>).</summary>
    public const int SnapshotRecentlyFinished = 50;

    // How many of the newest retired tickets a snapshot looks through for finished ones: the day's close may have just
    // cancelled hundreds of waiting tickets, and a snapshot's cost must not grow with the day.
    private const int RecentlyFinishedLookBack = 1000;

    /// <summary>
    /// A view of the hall for screens and dashboards (allocates; not for the hot path). Costs O(items × classes +
    /// windows) plus the first <see cref="SnapshotWaitingTickets"/> waiting tickets, whatever the queue length, and for
    /// the open alerts the tickets ranked within the wait limits' reach (those past their limit, and the priority
    /// tickets whose head start ranks them as early).
    /// </summary>
    public HallSnapshot GetSnapshot(DateTimeOffset now) => GetSnapshot(now, SnapshotDetail.Full);

    /// <summary>
    /// A view of the hall with as much as <paramref name="detail"/> asks for (<see cref="SnapshotDetail.Figures"/>
    /// leaves out the waiting and parked tickets and the open alerts, the costly part; <see cref="SnapshotDetail.Parked"/>
    /// only the waiting tickets; <see cref="SnapshotDetail.Services"/> the windows too; only
    /// <see cref="SnapshotDetail.RecentCalls"/> lists the recently finished tickets; <see cref="SnapshotDetail.Alerts"/>
    /// adds every open alert to the figures, the wait-limit alerts past the first <see cref="SnapshotWaitAlerts"/> too).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="detail"/> is not a defined value.</exception>
    public HallSnapshot GetSnapshot(DateTimeOffset now, SnapshotDetail detail)
    {
        ThrowIfUndefined(detail);
        var nowTicks = Math.Max(now.UtcTicks, _now);
        var services = new ServiceQueueSnapshot[_services.Length];
        var counts = new int[_services.Length * _classCount]; // one array for every service's counts by class
        var (sentToWindows, oldestSent) = CountSentToWindows(counts);
        for (var i = 0; i < _services.Length; i++)
        {
            var svc = _services[i];
            var offset = i * _classCount;
            var waitingClasses = 0;
            var oldest = oldestSent?[i] ?? long.MaxValue;
            for (var c = 0; c < _classCount; c++)
            {
                var list = ServiceList(svc.Index, c);
                var head = _queues.Head(list);
                if (head >= 0)
                {
                    counts[offset + c] += _queues.Count(list);
                    oldest = Math.Min(oldest, EarliestJoined(list));
                }

                waitingClasses += counts[offset + c] > 0 ? 1 : 0;
            }

            services[i] = new ServiceQueueSnapshot
            {
                Service = svc.Id,
                Name = svc.Definition.Name,
                Waiting = svc.Waiting + (sentToWindows?[i] ?? 0),
                InLine = svc.Waiting,
                WaitingByClass = waitingClasses == 0 ? ClassCounts.Empty : new ClassCounts(_classIds, counts, offset, waitingClasses),
                LongestWait = oldest == long.MaxValue ? TimeSpan.Zero : new TimeSpan(Math.Max(0, nowTicks - oldest)),
                IssuedToday = svc.IssuedToday,
                AverageHandlingTime = new TimeSpan(svc.AverageHandlingTicks),
                OpenWindows = svc.OpenServers,
                UntilWindowFree = new TimeSpan(UntilWindowFree(svc, nowTicks)),
                OverflowDelay = new TimeSpan(OverflowDelayLeft(svc, nowTicks, nowTicks)),
            };
        }

        var full = detail == SnapshotDetail.Full;
        var withWindows = detail != SnapshotDetail.Services;
        var (alerts, waitAlerts) = detail switch
        {
            SnapshotDetail.Full or SnapshotDetail.Parked => OpenAlerts(nowTicks, SnapshotWaitAlerts),
            SnapshotDetail.Alerts => OpenAlerts(nowTicks, int.MaxValue),
            _ => ([], 0),
        };
        var day = _removedToday;
        foreach (var w in _windows)
        {
            day.Add(w.Today);
        }

        return new HallSnapshot
        {
            HallId = Id,
            Sequence = Sequence,
            Time = new DateTimeOffset(nowTicks, TimeSpan.Zero),
            DayOpen = IsDayOpen,
            Services = services,
            Windows = withWindows ? [.. _windows.Select(w => WindowView(w, nowTicks))] : [],
            Clerks = withWindows ? ClerkViews() : [],
            AtWindows = withWindows ? [.. _windows.Where(w => w.Ticket >= 0).Select(w => TicketView(w.Ticket))] : [],
            // Collection expressions over a Select build a list and a read-only wrapper even when empty: the server's
            // feeds take these snapshots for hundreds of halls twice a second, without tickets.
            Waiting = full ? [.. new OrderWalk(this, nowTicks).Take(0, SnapshotWaitingTickets).Select(q => TicketView(_tickets.Find(q.Ticket)))] : [],
            TotalWaiting = _totalWaiting,
            ServedToday = day.Served,
            RatingsToday = day.Ratings,
            MeanRating = day.MeanRating,
            MeanWait = day.MeanWait, // over every call today, as a window's: not the mean of the windows' means
            Parked = full || detail == SnapshotDetail.Parked ? [.. _watch.Slots(ParkedList).Select(TicketView)] : [],
            RecentlyFinished = detail == SnapshotDetail.RecentCalls ? RecentlyFinished() : [],
            OpenAlerts = alerts,
            OpenWaitAlerts = waitAlerts,
        };
    }

    /// <summary>
    /// The tickets completed or dropped as no-shows today, newest first (the retired ring is in the order tickets left),
    /// each with the window that finished or last called it: the calls they had, as screens showed them.
    /// </summary>
    private TicketSnapshot[] RecentlyFinished()
    {
        if (_dayOpenedAt == 0)
        {
            return []; // which of the retired tickets are today's is not known: none rather than yesterday's
        }

        var finished = new List<TicketSnapshot>();
        foreach (var slot in _tickets.RetiredSlotsNewestFirst().Take(RecentlyFinishedLookBack))
        {
            ref readonly var t = ref T(slot);
            if (t.EnqueuedAt < _dayOpenedAt)
            {
                break; // left before today's opening: so did every older one
            }

            var window = t.State switch
            {
                TicketState.Completed => t.RatableWindow,
                TicketState.NoShow => t.Window,
                _ => -1, // cancelled: maybe while it waited, so its time is not a call's
            };
            if (window >= 0)
            {
                finished.Add(TicketView(slot) with { Window = _windowIds[window] });
                if (finished.Count == SnapshotRecentlyFinished)
                {
                    break;
                }
            }
        }

        return [.. finished];
    }

    /// <summary>
    /// Tickets transferred or returned to a window's own queue still wait for their item: adds them to
    /// <paramref name="counts"/> (by item and class) and gives their number and longest standing per item; nulls when
    /// no window has any (the usual case: own queues hold the few tickets sent to one window).
    /// </summary>
    private (int[]? Waiting, long[]? Oldest) CountSentToWindows(int[] counts)
    {
        int[]? waiting = null;
        long[]? oldest = null;
        foreach (var w in _windows)
        {
            for (var x = _queues.Head(WindowList(w.Index)); x >= 0; x = T(x).Next)
            {
                ref readonly var t = ref T(x);
                if (waiting is null)
                {
                    waiting = new int[_services.Length];
                    oldest = new long[_services.Length];
                    Array.Fill(oldest, long.MaxValue);
                }

                counts[(t.Service * _classCount) + t.Class]++;
                waiting[t.Service]++;
                oldest![t.Service] = Math.Min(oldest[t.Service], t.EnqueuedAt); // since it joined the queue: see EarliestJoined
            }
        }

        return (waiting, oldest);
    }

    /// <summary>
    /// When the ticket of item queue <paramref name="list"/> that has waited longest joined it: the longest wait is real
    /// time waited, as the wait limit counts it. The list is in rank order, which is not joining order (a resumed
    /// ticket's head start, a later item or a transfer keeping its standing). But no ticket ranks later than it joined
    /// (plus the one tick a no-show's re-queue may add: head starts and bonuses only move ranks earlier), so once a
    /// rank passes the earliest join seen, no ticket after it joined earlier: the walk stops there. A queue of fresh
    /// tickets of one class is read at its head only, whatever its length (the server's feeds ask for these figures on
    /// every refresh of every hall).
    /// </summary>
    private long EarliestJoined(int list)
    {
        var earliest = long.MaxValue;
        for (var x = _queues.Head(list); x >= 0; x = T(x).Next)
        {
            ref readonly var t = ref T(x);
            if (t.Rank > earliest)
            {
                break;
            }

            earliest = Math.Min(earliest, t.EnqueuedAt);
        }

        return earliest;
    }

    /// <summary>Refuses a <see cref="SnapshotDetail"/> that is not one of its names, before any work is queued or done.</summary>
    internal static void ThrowIfUndefined(SnapshotDetail detail, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(detail))] string? name = null)
    {
        if (!Enum.IsDefined(detail))
        {
            throw new ArgumentOutOfRangeException(name, detail, "Not a SnapshotDetail: Full, Figures, Services, RecentCalls, Parked or Alerts.");
        }
    }

    private WindowSnapshot WindowView(WindowRecord w, long now) => new()
    {
        Window = w.Id,
        Name = w.Definition.Name,
        State = w.State,
        Auto = w.Auto,
        Clerk = w.Clerk,
        Ticket = w.Ticket >= 0 ? T(w.Ticket).Id : 0,
        PauseReason = w.PauseReason,
        PausedAfterUnansweredCalls = w.State == WindowState.Paused ? w.PausedAfterUnanswered : 0,
        PausedBy = PauserOf(w),
        QueueLength = _queues.Count(WindowList(w.Index)),
        Callable = CallableAt(w, now),
        ServedToday = w.Today.Served,
        MeanWait = w.Today.MeanWait,
        MeanHandlingTime = w.Today.MeanHandlingTime,
        Ratings = w.Today.Ratings,
        MeanRating = w.Today.MeanRating,
    };

    private TicketSnapshot TicketView(int slot)
    {
        ref readonly var t = ref T(slot);
        return new TicketSnapshot
        {
            Ticket = t.Id,
            Number = NumberOf(t),
            State = t.State,
            Service = _serviceIds[t.Service],
            PriorityClass = _classIds[t.Class],
            Window = t.State is TicketState.Called or TicketState.Serving ? _windowIds[t.Window] : 0,
            IssuedAt = new DateTimeOffset(t.IssuedAt, TimeSpan.Zero),
            Standing = new DateTimeOffset(Math.Clamp(t.Rank, 0, MaxTicks), TimeSpan.Zero),
            HeadStart = new TimeSpan(t.IssuedAt - t.Rank),
            Items = [.. t.Items.ToArray().Select(s => _serviceIds[s])],
            ItemIndex = t.ItemIndex,
            Note = _tickets.Note(slot),
            CalledAt = KeepsCallTime(t.State) ? new DateTimeOffset(t.EnqueuedAt, TimeSpan.Zero) : null,
            Recalls = t.Recalls,
        };
    }
}
