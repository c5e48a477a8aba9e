using System.Collections.Concurrent;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Security;

/// <summary>
/// The streams each device holds open (<see cref="ServerOptions.MaxStreamsPerDevice"/>), counted by device id across
/// connections: one key, stolen or broken, cannot open thousands of streams and exhaust the server's memory. Only the
/// streams take a slot (<c>Display.Watch</c>, <c>Terminal.WatchWindow</c>, <c>Dashboard.WatchFigures</c>); unary calls
/// never come here. A refusal is logged (event 1104, Warning) at most once a minute per device: a screen wall sharing
/// one key retries all day, and the operator needs to learn of it once, not once per retry.
/// </summary>
public sealed partial class DeviceStreams
{
    /// <summary>The reason (google.rpc.ErrorInfo) of a stream refused by the cap.</summary>
    public const string TooManyStreamsReason = "TooManyStreams";

    private readonly int _max;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // One counter per device id, kept for the server's life: devices are the configured ones, a bounded set.
    private readonly ConcurrentDictionary<string, DeviceStreamCount> _open = new(StringComparer.Ordinal);

    internal DeviceStreams(IOptions<ServerOptions> options, TimeProvider time, ILogger<DeviceStreams> logger)
    {
        _max = options.Value.MaxStreamsPerDevice;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Takes a slot for the stream of <paramref name="context"/>'s device, freed when the returned slot is disposed (the
    /// stream's handler ends: the client cancelled, the connection dropped, or the stream ended).
    /// </summary>
    /// <exception cref="RpcException">ResourceExhausted (reason TooManyStreams): the device holds its limit already.</exception>
    internal StreamSlot Open(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var device = user.DeviceId();
        var open = _open.GetOrAdd(device, static _ => new DeviceStreamCount());
        if (Interlocked.Increment(ref open.Open) > _max) // one counter shared by the device's streams on any connection
        {
            Interlocked.Decrement(ref open.Open);
            WarnAtMostOncePerMinute(open, device, user);
            throw GrpcErrors.Create(
                StatusCode.ResourceExhausted,
                $"Device '{device}' already holds {_max} streams, its limit ({QueueCoreServer.Section}:MaxStreamsPerDevice): close one of them first, or raise the limit.",
                TooManyStreamsReason);
        }

        return new StreamSlot(open);
    }

    private void WarnAtMostOncePerMinute(DeviceStreamCount count, string device, ClaimsPrincipal user)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var last = Volatile.Read(ref count.WarnedAt);
        var due = last == 0 || now - last >= TimeSpan.TicksPerMinute || now < last; // a clock stepped back logs again
        // Of the refusals racing on one device, the one that moves WarnedAt logs.
        if (due && Interlocked.CompareExchange(ref count.WarnedAt, now, last) == last)
        {
            StreamLimitReached(_logger, device, user.FindFirst(ClaimTypes.Role)?.Value ?? "unknown", _max);
        }
    }

    [LoggerMessage(
        EventId = 1104,
        EventName = "StreamLimitReached",
        Level = LogLevel.Warning,
        Message = "Device '{Device}' ({Role}) was refused a stream: it holds {Limit} streams, its limit (QueueCoreServer:MaxStreamsPerDevice). Is its key shared by more screens or pages than that? Give each its own device, or raise the setting. Logged at most once a minute per device")]
    private static partial void StreamLimitReached(ILogger logger, string device, string role, int limit);
}
