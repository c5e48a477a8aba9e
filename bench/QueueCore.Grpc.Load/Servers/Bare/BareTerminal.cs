using Grpc.Core;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Servers.Bare;

/// <summary>Opening a window answers at once; a call publishes to the hall's screens and answers the called ticket.</summary>
internal sealed class BareTerminal(BareHalls halls) : Terminal.TerminalBase
{
    public override Task<WindowReply> OpenWindow(OpenWindowRequest request, ServerCallContext context) =>
        Task.FromResult(new WindowReply { Hall = request.Hall, Window = request.Window, State = V1.WindowState.Idle });

    public override Task<Ticket> CallNext(WindowRequest request, ServerCallContext context) =>
        Task.FromResult(halls.Get(request.Hall).Call(request.Window, halls.Published));

    public override Task<Ticket> FinishAndCallNext(WindowRequest request, ServerCallContext context) =>
        Task.FromResult(halls.Get(request.Hall).Call(request.Window, halls.Published));
}
