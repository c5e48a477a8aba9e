using QueueCore.Grpc.Security;

// The generated request messages that name a hall (and a window), marked so the scope interceptor checks every
// one of them: a service method cannot forget the check.
namespace QueueCore.Grpc.V1;

public sealed partial class ListServicesRequest : IHallScoped;
public sealed partial class TakeTicketRequest : IHallScoped;
public sealed partial class GetTicketRequest : IHallScoped;
public sealed partial class WatchDisplayRequest : IHallScoped;
public sealed partial class HallRequest : IHallScoped;
public sealed partial class GetServiceQueueRequest : IHallScoped;
public sealed partial class WatchFiguresRequest : IHallScoped;
public sealed partial class HallId : IHallScoped;
public sealed partial class HallDefinitionJson : IHallScoped;
public sealed partial class CloseDayRequest : IHallScoped;
public sealed partial class PutServiceRequest : IHallScoped;
public sealed partial class RemoveServiceRequest : IHallScoped;
public sealed partial class PutWindowRequest : IHallScoped;
public sealed partial class RemoveWindowRequest : IHallScoped;
public sealed partial class ManagerPauseWindowRequest : IHallScoped; // the manager's: any window of the hall
public sealed partial class ManagerWindowRequest : IHallScoped;

public sealed partial class WindowRequest : IWindowScoped;
public sealed partial class OpenWindowRequest : IWindowScoped;
public sealed partial class PauseWindowRequest : IWindowScoped;
public sealed partial class TicketAtWindowRequest : IWindowScoped;
public sealed partial class TransferRequest : IWindowScoped;
public sealed partial class ParkRequest : IWindowScoped;
public sealed partial class CancelRequest : IWindowScoped;
public sealed partial class GetQueueRequest : IWindowScoped;
public sealed partial class RateRequest : IWindowScoped;
public sealed partial class PadRequest : IWindowScoped;
public sealed partial class PauseAfterTicketRequest : IWindowScoped;
