namespace QueueCore.Grpc.Security;

/// <summary>A stream's place in its device's count (<see cref="DeviceStreams"/>): dispose it once, when the stream ends.</summary>
internal readonly struct StreamSlot(DeviceStreamCount count) : IDisposable
{
    /// <summary>Frees the place.</summary>
    public void Dispose() => Interlocked.Decrement(ref count.Open); // the device's streams end on any thread
}
