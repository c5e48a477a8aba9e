using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Servers.Bare;

/// <summary>TakeTicket answers a constant ticket: what gRPC itself costs per issue-ticket call.</summary>
internal sealed class BareKiosk : Kiosk.KioskBase
{
    private static readonly Task<Ticket> Issued = Task.FromResult(new Ticket
    {
        Hall = LoadHalls.Id(0),
        Id = 1,
        Number = "A001",
        State = V1.TicketState.Waiting,
        Service = 101,
        ServiceName = "Business registration",
        Position = 1,
        EstimatedWait = Duration.FromTimeSpan(TimeSpan.FromMinutes(9)),
        Sequence = 1,
    });

    public override Task<Ticket> TakeTicket(TakeTicketRequest request, ServerCallContext context) => Issued;
}
