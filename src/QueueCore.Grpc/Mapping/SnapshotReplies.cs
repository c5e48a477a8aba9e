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
        };
        reply.Services.AddRange(snapshot.Services.Select(ToProto));
        reply.Windows.AddRange(snapshot.Windows.Select(ToProto(snapshot)));
        reply.AtWindows.AddRange(snapshot.AtWindows.Select(ToProto));
        reply.Parked.AddRange(snapshot.Parked.Select(ToProto));
        reply.Clerks.AddRange(snapshot.Clerks.Select(ToProto));
        return reply;
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

    /// <summary>A service item's waiting figures.</summary>
    public static ServiceFigures ToProto(this ServiceQueueSnapshot service)
    {
        var figures = new ServiceFigures
        {
            Service = service.Service,
            Name = service.Name,
            Waiting = service.Waiting,
            LongestWait = service.LongestWait.ToProto(),
            EstimatedWait = Estimates.Wait(service).ToProto(),
            IssuedToday = service.IssuedToday,
            AverageHandlingTime = service.AverageHandlingTime.ToProto(),
            OpenWindows = service.OpenWindows,
        };
        figures.WaitingByClass.Add(service.WaitingByClass.ToDictionary());
        return figures;
    }

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
        QueueLength = window.QueueLength,
        ServedToday = window.ServedToday,
        MeanHandlingTime = window.MeanHandlingTime.ToProto(),
        MeanWait = window.MeanWait.ToProto(),
        Ratings = window.Ratings,
        MeanRating = window.MeanRating,
    };

    private static TicketView ToProto(TicketSnapshot ticket)
    {
        var view = new TicketView
        {
            Ticket = ticket.Ticket,
            Number = ticket.Number.ToString(),
            State = ticket.State.ToProto(),
            PriorityClass = ticket.PriorityClass,
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
