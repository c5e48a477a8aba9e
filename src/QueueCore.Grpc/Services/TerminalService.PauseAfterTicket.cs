using Grpc.Core;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

// The one-press "end this ticket and go on break" keys. Two presses (Finish, then PauseWindow) let an auto-mode
// window be pushed the next ticket in between; the hall carries these out as one command.
public sealed partial class TerminalService
{
    /// <inheritdoc/>
    public override Task<Ticket> FinishAndPause(PauseAfterTicketRequest request, ServerCallContext context) => TicketCommand(
        request.Hall, Shown(HallCommand.FinishAndPause(Window(request.Window), RequestFields.Text(request.Reason, "reason"), Shown(request.Ticket)), request),
        request.RequestId, context);

    /// <inheritdoc/>
    public override Task<Ticket> NoShowAndPause(PauseAfterTicketRequest request, ServerCallContext context) => TicketCommand(
        request.Hall, Shown(HallCommand.NoShowAndPause(Window(request.Window), RequestFields.Text(request.Reason, "reason"), Shown(request.Ticket)), request),
        request.RequestId, context);

    /// <summary>The command checked against the item of its ticket the terminal shows too, when the request names one.</summary>
    private static HallCommand Shown(HallCommand command, PauseAfterTicketRequest request) =>
        command with { TicketService = RequestFields.ShownService(request.HasTicketService, request.TicketService, command.Ticket) };
}
