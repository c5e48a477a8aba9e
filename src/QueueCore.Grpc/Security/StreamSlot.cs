using System.Runtime.CompilerServices;

namespace QueueCore.Grpc.Security;

/// <summary>A stream's place in its device's count (<see cref="DeviceStreams"/>): dispose it once, when the stream ends.</summary>
internal readonly struct StreamSlot(StrongBox<int> open) : IDisposable
{
    /// <summary>Frees the place.</summary>
    public void Dispose() => Interlocked.Decrement(ref open.Value); // the device's streams end on any thread
}
