using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Mapping;

/// <summary>Engine results as the contracts' replies.</summary>
public static class TicketReplies
{
    /// <summary>The ticket a successful command result describes; a failed result throws its status.</summary>
    public static Ticket ToTicket(this in CommandResult result, HallHandle hall)
    {
        GrpcErrors.ThrowIfFailed(result, hall.Id);
        var catalog = HallCatalog.Of(hall.Definition);
        var window = result.State is TicketState.Called or TicketState.Serving ? result.Window : 0;
        return new Ticket
        {
            Hall = hall.Id,
            Id = result.Ticket,
            Number = result.Number.ToString(),
            State = result.State.ToProto(),
            Service = result.Service,
            ServiceName = result.Service >= 0 ? catalog.ServiceName(result.Service) : "",
            // The engine names the window a command acted at (Park, NoShow, Finish at window 1); the contract names the
            // window the ticket is at, as GetTicket does: none once it waits again, is parked or is done.
            Window = window,
            WindowName = window != 0 ? catalog.WindowName(window) : "",
            Position = result.Position,
            EstimatedWait = result.EstimatedWait.ToProto(),
            Sequence = result.Sequence,
            PriorityClass = result.PriorityClass ?? "",
            PriorityClassName = catalog.ClassName(result.PriorityClass),
            AppointmentNotOnTime = result.AppointmentNotOnTime,
        };
    }

    /// <summary>
    /// The window reply of a successful window command, the window in <paramref name="state"/> unless the result names
    /// a ticket called to it (an auto window opened or resumed with tickets waiting is pushed one in the same command):
    /// then calling, with that ticket as the ticket commands answer it, so the terminal need not ask which. A failed
    /// result throws its status.
    /// </summary>
    public static WindowReply ToWindowReply(this in CommandResult result, HallHandle hall, int window, WindowState state)
    {
        GrpcErrors.ThrowIfFailed(result, hall.Id);
        var pushed = result.Ticket != 0 && result.State == TicketState.Called && result.Window == window;
        return new WindowReply
        {
            Hall = hall.Id,
            Window = window,
            State = (pushed ? WindowState.Calling : state).ToProto(),
            Sequence = result.Sequence,
            Ticket = pushed ? result.ToTicket(hall) : null,
        };
    }

    /// <summary>A page of a queue in dispatch order, its classes named as <paramref name="definition"/> names them.</summary>
    public static QueuePage ToProto(this QueueView view, HallDefinition definition)
    {
        var catalog = HallCatalog.Of(definition);
        var page = new QueuePage
        {
            Hall = view.HallId,
            Window = view.Window,
            Service = view.Service,
            Offset = view.Offset,
            Total = view.Total,
            Sequence = view.Sequence,
            Time = view.Time.ToProto(),
        };
        foreach (var t in view.Tickets)
        {
            page.Tickets.Add(new V1.QueuedTicket
            {
                Ticket = t.Ticket,
                Number = t.Number.ToString(),
                Service = t.Service,
                PriorityClass = t.PriorityClass,
                PriorityClassName = catalog.ClassName(t.PriorityClass),
                HeadStart = t.HeadStart.ToProto(),
                Waited = t.Waited.ToProto(),
                Reason = t.Reason.ToProto(),
                Position = t.Position + 1, // the engine counts from 0; the contract's place is 1-based
                EligibleAt = t.EligibleAt.ToProto(),
            });
        }

        return page;
    }
}
