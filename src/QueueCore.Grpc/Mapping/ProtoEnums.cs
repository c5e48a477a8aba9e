namespace QueueCore.Grpc.Mapping;

/// <summary>The engine's enums as the contracts' enums (the contracts keep 0 for "unspecified").</summary>
public static class ProtoEnums
{
    /// <summary>A ticket state.</summary>
    public static V1.TicketState ToProto(this TicketState state) => state switch
    {
        TicketState.Waiting => V1.TicketState.Waiting,
        TicketState.Called => V1.TicketState.Called,
        TicketState.Serving => V1.TicketState.Serving,
        TicketState.Parked => V1.TicketState.Parked,
        TicketState.Completed => V1.TicketState.Completed,
        TicketState.NoShow => V1.TicketState.NoShow,
        TicketState.Cancelled => V1.TicketState.Cancelled,
        _ => V1.TicketState.Unspecified,
    };

    /// <summary>A window state.</summary>
    public static V1.WindowState ToProto(this WindowState state) => state switch
    {
        WindowState.Closed => V1.WindowState.Closed,
        WindowState.Idle => V1.WindowState.Idle,
        WindowState.Calling => V1.WindowState.Calling,
        WindowState.Serving => V1.WindowState.Serving,
        WindowState.Paused => V1.WindowState.Paused,
        _ => V1.WindowState.Unspecified,
    };

    /// <summary>Who paused a window.</summary>
    public static V1.WindowPauser ToProto(this WindowPauser pauser) => pauser switch
    {
        WindowPauser.Clerk => V1.WindowPauser.Clerk,
        WindowPauser.Hall => V1.WindowPauser.Hall,
        WindowPauser.Manager => V1.WindowPauser.Manager,
        _ => V1.WindowPauser.Unspecified,
    };

    /// <summary>Why a ticket stands where it does.</summary>
    public static V1.QueueReason ToProto(this QueueReason reason) => reason switch
    {
        QueueReason.Overdue => V1.QueueReason.Overdue,
        QueueReason.OwnQueue => V1.QueueReason.OwnQueue,
        QueueReason.Dedicated => V1.QueueReason.Dedicated,
        QueueReason.Interleave => V1.QueueReason.Interleave,
        QueueReason.Primary => V1.QueueReason.Primary,
        QueueReason.Overflow => V1.QueueReason.Overflow,
        QueueReason.OverflowLater => V1.QueueReason.OverflowLater,
        QueueReason.Waiting => V1.QueueReason.Waiting,
        _ => V1.QueueReason.Unspecified,
    };
}
