using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Mapping;

/// <summary>Hall snapshots as the dashboard's messages.</summary>
public static class SnapshotReplies
{
    /// <summary>The dashboard's snapshot of a hall.</summary>
    public static V1.HallSnapshot ToProto(this QueueCore.HallSnapshot snapshot, HallDefinition definition)
    {
        var reply = new V1.HallSnapshot
        {
            Hall = snapshot.HallId,
            HallName = definition.Name,
            Sequence = snapshot.Sequence,
            Time = snapshot.Time.ToProto(),
            DayOpen = snapshot.DayOpen,
            TotalWaiting = snapshot.TotalWaiting,
            MeanWait = snapshot.MeanWait.ToProto(),
            ServedToday = snapshot.ServedToday, // windows removed today included
            RatingsToday = snapshot.RatingsToday,
            AverageRating = snapshot.MeanRating,
            LongestWait = LongestWait(snapshot).ToProto(),
            WindowsOpen = snapshot.Windows.Count(IsOpen),
            WindowsBusy = snapshot.Windows.Count(IsBusy),
            WindowsPaused = snapshot.Windows.Count(IsPaused),
            OpenWaitAlerts = snapshot.OpenWaitAlerts,
        };
        var catalog = HallCatalog.Of(definition);
        reply.Services.AddRange(snapshot.Services.Select(ToProto(catalog)));
        reply.Windows.AddRange(snapshot.Windows.Select(ToProto(snapshot)));
        reply.AtWindows.AddRange(snapshot.AtWindows.Select(t => ToProto(t, catalog)));
        reply.Parked.AddRange(snapshot.Parked.Select(t => ToProto(t, catalog)));
        reply.Clerks.AddRange(snapshot.Clerks.Select(ToProto));
        reply.OpenAlerts.AddRange(snapshot.OpenAlerts.Select(a => Alerts.Of(a, definition)));
        reply.TimeZone = catalog.IanaTimeZone;
        foreach (var c in definition.Priority.Classes)
        {
            reply.ClassNames[c.Id] = catalog.ClassName(c.Id);
        }

        return reply;
    }

    /// <summary>
    /// The dashboard's live figures of a hall (without the alerts raised since the previous update, which the stream
    /// adds): the same figures and open alerts (those the snapshot's detail lists), mapped the same way, as
    /// <see cref="ToProto(QueueCore.HallSnapshot, HallDefinition)"/> gives, so the two views agree.
    /// </summary>
    public static HallFigures ToFigures(this QueueCore.HallSnapshot snapshot, HallDefinition definition)
    {
        var figures = new HallFigures
        {
            Hall = snapshot.HallId,
            Sequence = snapshot.Sequence,
            Time = snapshot.Time.ToProto(),
            DayOpen = snapshot.DayOpen,
            TotalWaiting = snapshot.TotalWaiting,
            LongestWait = LongestWait(snapshot).ToProto(),
            WindowsOpen = snapshot.Windows.Count(IsOpen),
            WindowsBusy = snapshot.Windows.Count(IsBusy),
            WindowsPaused = snapshot.Windows.Count(IsPaused),
            ServedToday = snapshot.ServedToday, // windows removed today included
            RatingsToday = snapshot.RatingsToday,
            AverageRating = snapshot.MeanRating,
            MeanWait = snapshot.MeanWait.ToProto(),
            OpenWaitAlerts = snapshot.OpenWaitAlerts,
        };
        figures.Services.AddRange(snapshot.Services.Select(ToProto(HallCatalog.Of(definition))));
        figures.Windows.AddRange(snapshot.Windows.Select(ToProto(snapshot)));
        figures.Clerks.AddRange(snapshot.Clerks.Select(ToProto));
        figures.OpenAlerts.AddRange(snapshot.OpenAlerts.Select(a => Alerts.Of(a, definition)));
        return figures;
    }

    /// <summary>A clerk's figures for the day.</summary>
    public static ClerkFigures ToProto(this ClerkSnapshot clerk) => new()
    {
        Clerk = clerk.Clerk,
        Window = clerk.Window,
        ServedToday = clerk.ServedToday,
        MeanWait = clerk.MeanWait.ToProto(),
        MeanHandlingTime = clerk.MeanHandlingTime.ToProto(),
        Ratings = clerk.Ratings,
        MeanRating = clerk.MeanRating,
    };

    /// <summary>A service item's waiting figures, with its wait limit from <paramref name="catalog"/>.</summary>
    public static Func<ServiceQueueSnapshot, ServiceFigures> ToProto(HallCatalog catalog) => service =>
    {
        var figures = new ServiceFigures
        {
            Service = service.Service,
            Name = service.Name,
            Waiting = service.Waiting,
            InLine = service.InLine,
            LongestWait = service.LongestWait.ToProto(),
            EstimatedWait = Estimates.Wait(service).ToProto(),
            IssuedToday = service.IssuedToday,
            AverageHandlingTime = service.AverageHandlingTime.ToProto(),
            OpenWindows = service.OpenWindows,
            WaitLimit = catalog.Service(service.Service)?.WaitLimit?.ToProto(),
        };
        figures.WaitingByClass.Add(service.WaitingByClass.ToDictionary());
        return figures;
    };

    /// <summary>The longest of the services' longest waits (zero with no service).</summary>
    private static TimeSpan LongestWait(QueueCore.HallSnapshot snapshot) =>
        snapshot.Services.Count == 0 ? TimeSpan.Zero : snapshot.Services.Max(s => s.LongestWait);

    private static bool IsOpen(WindowSnapshot window) => window.State != QueueCore.WindowState.Closed;

    private static bool IsBusy(WindowSnapshot window) => window.State is QueueCore.WindowState.Calling or QueueCore.WindowState.Serving;

    private static bool IsPaused(WindowSnapshot window) => window.State == QueueCore.WindowState.Paused;

    private static Func<WindowSnapshot, WindowFigures> ToProto(QueueCore.HallSnapshot snapshot) => window => new WindowFigures
    {
        Window = window.Window,
        Name = window.Name,
        State = window.State.ToProto(),
        CurrentTicket = window.Ticket,
        CurrentNumber = snapshot.AtWindows.FirstOrDefault(t => t.Ticket == window.Ticket)?.Number.ToString() ?? "",
        Clerk = window.Clerk,
        Auto = window.Auto,
        PauseReason = window.PauseReason ?? "",
        PausedBy = window.PausedBy.ToProto(),
        UnansweredCalls = window.PausedAfterUnansweredCalls,
        QueueLength = window.Callable, // what the window's terminal counts (WatchWindow), not its own queue alone
        OwnQueue = window.QueueLength,
        ServedToday = window.ServedToday,
        MeanHandlingTime = window.MeanHandlingTime.ToProto(),
        MeanWait = window.MeanWait.ToProto(),
        Ratings = window.Ratings,
        MeanRating = window.MeanRating,
    };

    private static TicketView ToProto(TicketSnapshot ticket, HallCatalog catalog)
    {
        var view = new TicketView
        {
            Ticket = ticket.Ticket,
            Number = ticket.Number.ToString(),
            State = ticket.State.ToProto(),
            PriorityClass = ticket.PriorityClass,
            PriorityClassName = catalog.ClassName(ticket.PriorityClass),
            Service = ticket.Service,
            ItemIndex = ticket.ItemIndex,
            Window = ticket.Window,
            IssuedAt = ticket.IssuedAt.ToProto(),
            Note = ticket.Note ?? "",
        };
        view.Items.AddRange(ticket.Items);
        return view;
    }
}
