using Grpc.Core;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Security;

/// <summary>
/// A count of the streams of one kind open at once, all clients together, refused past a maximum. For the streams that
/// answer without a key (<see cref="HealthWatchStreams"/>, <see cref="ReflectionStreams"/>): a device's own streams are
/// counted per device instead (<see cref="DeviceStreams"/>).
/// </summary>
/// <param name="max">The most streams open at once.</param>
/// <param name="refusal">The message of the ResourceExhausted status a stream past the maximum gets.</param>
internal sealed class StreamCap(int max, string refusal)
{
    private int _open;

    /// <summary>Counts a stream in, or throws ResourceExhausted (counting nothing) when <c>max</c> are open.</summary>
    public void Enter()
    {
        if (Interlocked.Increment(ref _open) > max) // streams start and end on any thread
        {
            Interlocked.Decrement(ref _open);
            throw GrpcErrors.Create(StatusCode.ResourceExhausted, refusal, DeviceStreams.TooManyStreamsReason);
        }
    }

    /// <summary>Counts out a stream <see cref="Enter"/> let in.</summary>
    public void Exit() => Interlocked.Decrement(ref _open);
}
