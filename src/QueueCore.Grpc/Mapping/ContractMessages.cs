namespace QueueCore.Grpc.Mapping;

/// <summary>
/// The engine's refusals as a gRPC client is told them. The engine writes its messages for the library's callers, and a
/// few name its calls (QueueEngine.AddHall, HallHandle.RestoreAsync, DayClosePolicy.CancelWaiting), which a device or
/// its operator cannot make: those are told here what they can do instead, in the contract's rpcs and fields. Every
/// other message is the engine's own, which speaks of halls, windows and tickets.
/// </summary>
internal static class ContractMessages
{
    /// <summary>What a client is told of a refusal <paramref name="error"/> of hall <paramref name="hall"/>.</summary>
    public static string Of(QueueError error, string? message, string hall) => error switch
    {
        // A removed hall's handle: the only way a hall the service found refuses as unknown.
        QueueError.UnknownHall => Removed(hall),
        QueueError.HallFaulted => Faulted(hall),
        // The day's refusals name the closing policy that ends the day ("close it with CancelWaiting"), built from its
        // name: a second CloseDay with keep_waiting, an OpenDay while the day before still has tickets.
        QueueError.DayWrongState when message is not null =>
            message.Replace(nameof(DayClosePolicy.CancelWaiting), "CloseDay (keep_waiting false)", StringComparison.Ordinal),
        // The hall names the id it was given, the client's scoped to its device (DeviceRequestIds), which the client never
        // sent: the refusal names the field instead, and whose id it is.
        QueueError.RequestIdReused => ReusedRequestId,
        _ => message ?? error.ToString(),
    };

    /// <summary>A request id this device already used for another command (the hall refuses it rather than answer).</summary>
    public const string ReusedRequestId =
        "request_id was already used for a different command by this device: a retry sends the request as it was the first time, and a new request takes a new id.";

    /// <summary>A call that reached a hall removed since the server found it (the engine told its handle to use another).</summary>
    public static string Removed(string hall) =>
        $"{Named(hall)} was removed (Admin.RemoveHall) while this call was on its way, and nothing was done. A hall added again with this id (Admin.AddHall) is a new hall: send the call again to reach it.";

    /// <summary>A faulted hall (the engine named HallHandle.RestoreAsync, and the exception's own text).</summary>
    public static string Faulted(string hall) =>
        $"{Named(hall)} failed while applying a command (the server's log says how) and refuses every call until it is restored: restarting the server restores it from its journal, with every ticket acknowledged before the fault (a server without a journal keeps no tickets across a restart).";

    private static string Named(string hall) => $"Hall '{RequestFields.Clip(hall, RequestFields.MaxIdLength)}'";
}
