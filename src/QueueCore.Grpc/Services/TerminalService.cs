using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>The clerk's terminal: drives one window (the scope interceptor keeps a terminal to its own window).</summary>
[Authorize(Roles = $"{DeviceRoles.Terminal},{DeviceRoles.Admin}")]
public sealed partial class TerminalService(
    HallDirectory halls, HallFeeds feeds, IHostApplicationLifetime lifetime, TimeProvider time, DeviceKeys devices, DeviceStreams streams,
    IOptions<ServerOptions> options) : Terminal.TerminalBase
{
    /// <inheritdoc/>
    public override Task<WindowReply> OpenWindow(OpenWindowRequest request, ServerCallContext context) => WindowCommand(
        request.Hall, request.Window, HallCommand.OpenWindow(Window(request.Window), RequestFields.NotNegative(request.Clerk, "clerk"), request.HasAuto ? request.Auto : null),
        request.RequestId, QueueCore.WindowState.Idle, context);

    /// <inheritdoc/>
    public override Task<WindowReply> PauseWindow(PauseWindowRequest request, ServerCallContext context) => WindowCommand(
        request.Hall, request.Window, HallCommand.PauseWindow(Window(request.Window), RequestFields.Text(request.Reason, "reason")),
        request.RequestId, QueueCore.WindowState.Paused, context);

    /// <inheritdoc/>
    public override Task<WindowReply> ResumeWindow(WindowRequest request, ServerCallContext context) => WindowCommand(
        request.Hall, request.Window, HallCommand.ResumeWindow(Window(request.Window)), request.RequestId, QueueCore.WindowState.Idle, context);

    /// <inheritdoc/>
    public override Task<WindowReply> CloseWindow(WindowRequest request, ServerCallContext context) => WindowCommand(
        request.Hall, request.Window, HallCommand.CloseWindow(Window(request.Window)), request.RequestId, QueueCore.WindowState.Closed, context);

    /// <inheritdoc/>
    public override Task<Ticket> CallNext(WindowRequest request, ServerCallContext context) => request is { Ticket: 0, HasTicketService: false }
        ? TicketCommand(request.Hall, HallCommand.CallNext(Window(request.Window)), request.RequestId, context)
        // A client that means "call this one" would otherwise have the best waiting ticket called instead.
        : throw GrpcErrors.InvalidArgument("CallNext takes no ticket (it calls the best waiting one); CallTicket calls a given ticket.");

    /// <inheritdoc/>
    public override Task<Ticket> FinishAndCallNext(WindowRequest request, ServerCallContext context) => TicketCommand(
        request.Hall, Shown(HallCommand.FinishAndCallNext(Window(request.Window), Shown(request.Ticket)), request), request.RequestId, context);

    /// <inheritdoc/>
    public override Task<Ticket> CallTicket(TicketAtWindowRequest request, ServerCallContext context) => TicketCommand(
        request.Hall, HallCommand.CallTicket(Window(request.Window), RequestFields.TicketId(request.Ticket)), request.RequestId, context);

    /// <inheritdoc/>
    public override Task<Ticket> Recall(WindowRequest request, ServerCallContext context) =>
        TicketCommand(request.Hall, Shown(HallCommand.Recall(Window(request.Window), Shown(request.Ticket)), request), request.RequestId, context);

    /// <inheritdoc/>
    public override Task<Ticket> StartServing(WindowRequest request, ServerCallContext context) =>
        TicketCommand(request.Hall, Shown(HallCommand.StartServing(Window(request.Window), Shown(request.Ticket)), request), request.RequestId, context);

    /// <inheritdoc/>
    public override Task<Ticket> Finish(WindowRequest request, ServerCallContext context) =>
        TicketCommand(request.Hall, Shown(HallCommand.Finish(Window(request.Window), Shown(request.Ticket)), request), request.RequestId, context);

    /// <inheritdoc/>
    public override Task<Ticket> NoShow(WindowRequest request, ServerCallContext context) =>
        TicketCommand(request.Hall, Shown(HallCommand.NoShow(Window(request.Window), Shown(request.Ticket)), request), request.RequestId, context);

    /// <inheritdoc/>
    public override Task<Ticket> Transfer(TransferRequest request, ServerCallContext context)
    {
        var window = Window(request.Window);
        var shown = Shown(request.Ticket);
        var command = request.TargetCase switch
        {
            TransferRequest.TargetOneofCase.Service => HallCommand.TransferToService(window, RequestFields.NotNegative(request.Service, "service"), shown),
            TransferRequest.TargetOneofCase.TargetWindow => HallCommand.TransferToWindow(window, RequestFields.Positive(request.TargetWindow, "target_window"), shown),
            _ => throw GrpcErrors.InvalidArgument("Give the transfer's target: service or target_window."),
        };
        command = command with { TicketService = RequestFields.ShownService(request.HasTicketService, request.TicketService, shown) };
        return TicketCommand(request.Hall, command, request.RequestId, context);
    }

    /// <inheritdoc/>
    public override async Task<Ticket> Park(ParkRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var command = HallCommand.Park(
            Window(request.Window), RequestFields.Text(request.Reason, "reason"), RequestFields.Later(request.ReturnAt, "return_at", now),
            Shown(request.Ticket)) with { TicketService = RequestFields.ShownService(request.HasTicketService, request.TicketService, request.Ticket) };
        if (command.ReturnAt is { } at && options.Value.ScheduleOf(request.Hall) is { } schedule)
        {
            await ByScheduledDayAsync(halls.Get(request.Hall), schedule, at, now, context.CancellationToken).ConfigureAwait(false);
        }

        return await TicketCommand(request.Hall, command, request.RequestId, context).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses a return time the hall's day schedule would not honour (<see cref="ScheduledParkBound"/>), in hall time.
    /// </summary>
    private static async Task ByScheduledDayAsync(
        HallHandle hall, DaySchedule schedule, DateTimeOffset returnAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var catalog = HallCatalog.Of(hall.Definition);
        var bound = await ScheduledParkBound.OfAsync(schedule, catalog, hall, now, dayOpen: null, cancellationToken).ConfigureAwait(false);
        if (!bound.Allows(returnAt))
        {
            throw ScheduledParkRefused(bound, catalog, returnAt);
        }
    }

    private static RpcException ScheduledParkRefused(ScheduledParkBound bound, HallCatalog catalog, DateTimeOffset returnAt) => GrpcErrors.InvalidArgument(bound.Rule switch
    {
        ScheduledParkRule.HeldOpening =>
            $"return_at is after the hall's next scheduled opening ({catalog.HallTime(bound.At)} hall time), which the tickets of the day before are holding up now: " +
            $"a ticket being served then is finished or cancelled, not parked; {catalog.HallTime(returnAt)} was given.",
        ScheduledParkRule.NextOpening =>
            $"return_at is at or after the hall's next scheduled opening ({catalog.HallTime(bound.At)} hall time): the windows serve parked tickets after the close, " +
            $"but the opening cancels the day before's tickets still parked, so it returns before; {catalog.HallTime(returnAt)} was given.",
        _ =>
            $"return_at is after the hall's scheduled close ({catalog.HallTime(bound.At)} hall time), which cancels parked tickets: a parked ticket returns by then; {catalog.HallTime(returnAt)} was given.",
    });

    /// <inheritdoc/>
    public override Task<Ticket> ResumeParked(TicketAtWindowRequest request, ServerCallContext context) => TicketCommand(
        request.Hall, HallCommand.ResumeParked(RequestFields.TicketId(request.Ticket)) with { Window = Window(request.Window) }, request.RequestId, context);

    /// <inheritdoc/>
    public override Task<Ticket> Cancel(CancelRequest request, ServerCallContext context) => TicketCommand(
        request.Hall,
        HallCommand.Cancel(RequestFields.TicketId(request.Ticket), RequestFields.Text(request.Reason, "reason")) with { Window = Window(request.Window) },
        request.RequestId, context);

    /// <inheritdoc/>
    public override async Task<QueuePage> GetQueue(GetQueueRequest request, ServerCallContext context)
    {
        var hall = halls.Get(request.Hall);
        var window = Window(request.Window);
        HallCatalog.Of(hall.Definition).RequireWindow(window);

        var view = await hall.WindowQueueAsync(
            window, RequestFields.NotNegative(request.Offset, "offset"), RequestFields.PageSize(request.Count), context.CancellationToken).ConfigureAwait(false);
        return view.ToProto(hall.Definition);
    }

    private static int Window(int window) => RequestFields.Positive(window, "window");

    /// <summary>The ticket the terminal shows, which the window must have (0: the window's ticket, whatever it is).</summary>
    private static long Shown(long ticket) => RequestFields.ShownTicket(ticket);

    /// <summary>The command checked against the item of its ticket the terminal shows too, when the request names one.</summary>
    private static HallCommand Shown(HallCommand command, WindowRequest request) =>
        command with { TicketService = RequestFields.ShownService(request.HasTicketService, request.TicketService, command.Ticket) };

    private async Task<Ticket> TicketCommand(string hallId, HallCommand command, string requestId, ServerCallContext context)
    {
        var hall = halls.Get(hallId);
        var result = await hall.SubmitAsync(command.WithRequestId(requestId, context), context.CancellationToken).ConfigureAwait(false);
        return result.ToTicket(hall);
    }

    /// <summary>
    /// Submits a window command; the reply is built from its result alone, which a retry with the request id gets again:
    /// a read of the window after the command answered a retry with the window's state by then, not the first answer.
    /// </summary>
    private async Task<WindowReply> WindowCommand(
        string hallId, int window, HallCommand command, string requestId, QueueCore.WindowState after, ServerCallContext context)
    {
        var hall = halls.Get(hallId);
        var result = await hall.SubmitAsync(command.WithRequestId(requestId, context), context.CancellationToken).ConfigureAwait(false);
        return result.ToWindowReply(hall, window, after);
    }
}
