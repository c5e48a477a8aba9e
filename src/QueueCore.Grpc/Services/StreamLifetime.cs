using Grpc.Core;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Services;

/// <summary>
/// The token a server stream runs under: the client's call, or the server stopping. A stream cut by the server
/// ends with Unavailable (reconnect, with the last sequence seen), not with a silent OK.
/// </summary>
internal sealed class StreamLifetime : IDisposable
{
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _stopping;

    public StreamLifetime(ServerCallContext context, IHostApplicationLifetime lifetime)
    {
        _stopping = lifetime.ApplicationStopping;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>
    /// The status a stream that takes no sequence to resume after (WatchWindow, WatchFigures) ends with when the server
    /// cut it: reconnect, and the stream starts again with <paramref name="startsAgainWith"/> ("the window as it is
    /// then"). Telling these clients to "resume after sequence 12", as a screen is, sent them looking for a field their
    /// request does not have.
    /// </summary>
    public RpcException? EndedByServer(string startsAgainWith) => _stopping.IsCancellationRequested ? ServerStoppingAfresh(startsAgainWith) : null;

    /// <summary>The status a stream that takes no sequence ends with when the server stops (see <see cref="EndedByServer"/>).</summary>
    public static RpcException ServerStoppingAfresh(string startsAgainWith) => GrpcErrors.Create(
        StatusCode.Unavailable, $"The server is shutting down; reconnect once it is back: the stream starts again with {startsAgainWith}.", "ShuttingDown");

    /// <summary>The status a screen's stream ends with when the server stops, on a journal (see the overload).</summary>
    public static RpcException ServerStopping(long lastSequence) =>
        GrpcErrors.Create(StatusCode.Unavailable, $"The server is shutting down; reconnect and resume after sequence {lastSequence}.", "ShuttingDown");

    /// <summary>
    /// The status a screen's stream ends with when the server stops. Without a journal the restarted server numbers the
    /// hall's events from the start again and cannot tell a number of this process from its own: resuming after
    /// <paramref name="lastSequence"/> would skip the new process's first events, so the screen is told to start afresh.
    /// </summary>
    public static RpcException ServerStopping(long lastSequence, bool numbersKept) => numbersKept
        ? ServerStopping(lastSequence)
        : GrpcErrors.Create(
            StatusCode.Unavailable,
            "The server is shutting down; it keeps no journal, so once it restarts it numbers the hall's events from the start again: reconnect with after_sequence 0 (a fresh snapshot).",
            "ShuttingDown");

    /// <summary>The status a stream ends with when its hall's feed stopped and the hall is still there: reconnect.</summary>
    public static RpcException HallGone(string hall, long lastSequence) => GrpcErrors.Create(
        StatusCode.Unavailable, $"Hall '{hall}' stopped streaming at sequence {lastSequence}; reconnect.", "StreamEnded");

    /// <summary>The status a stream ends with when its hall was removed: reconnecting would only be refused.</summary>
    public static RpcException HallRemoved(string hall, long lastSequence) => GrpcErrors.Create(
        StatusCode.NotFound, $"Hall '{hall}' was removed (the stream ended at sequence {lastSequence}); there is nothing to reconnect to.", "HallRemoved");

    public void Dispose() => _linked.Dispose();
}
