using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Security;

/// <summary>
/// The streams each device holds open (<see cref="ServerOptions.MaxStreamsPerDevice"/>), counted by device id across
/// connections: one key, stolen or broken, cannot open thousands of streams and exhaust the server's memory. Only the
/// streams take a slot (<c>Display.Watch</c>, <c>Terminal.WatchWindow</c>, <c>Dashboard.WatchFigures</c>); unary calls
/// never come here.
/// </summary>
public sealed class DeviceStreams
{
    /// <summary>The reason (google.rpc.ErrorInfo) of a stream refused by the cap.</summary>
    public const string TooManyStreamsReason = "TooManyStreams";

    private readonly int _max;

    // One counter per device id, kept for the server's life: devices are the configured ones, a bounded set.
    private readonly ConcurrentDictionary<string, StrongBox<int>> _open = new(StringComparer.Ordinal);

    internal DeviceStreams(IOptions<ServerOptions> options) => _max = options.Value.MaxStreamsPerDevice;

    /// <summary>
    /// Takes a slot for the stream of <paramref name="context"/>'s device, freed when the returned slot is disposed (the
    /// stream's handler ends: the client cancelled, the connection dropped, or the stream ended).
    /// </summary>
    /// <exception cref="RpcException">ResourceExhausted (reason TooManyStreams): the device holds its limit already.</exception>
    internal StreamSlot Open(ServerCallContext context)
    {
        var device = context.GetHttpContext().User.DeviceId();
        var open = _open.GetOrAdd(device, static _ => new StrongBox<int>());
        if (Interlocked.Increment(ref open.Value) > _max) // one counter shared by the device's streams on any connection
        {
            Interlocked.Decrement(ref open.Value);
            throw GrpcErrors.Create(
                StatusCode.ResourceExhausted,
                $"Device '{device}' already holds {_max} streams, its limit ({QueueCoreServer.Section}:MaxStreamsPerDevice): close one of them first, or raise the limit.",
                TooManyStreamsReason);
        }

        return new StreamSlot(open);
    }
}
