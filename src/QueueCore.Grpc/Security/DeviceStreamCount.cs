namespace QueueCore.Grpc.Security;

/// <summary>One device's open streams (<see cref="DeviceStreams"/>), and when a stream refused over its cap was last logged.</summary>
internal sealed class DeviceStreamCount
{
    /// <summary>The device's streams open now, on any connection.</summary>
    public int Open;

    /// <summary>When a refusal was last logged (UTC ticks of the server's clock), 0 for never.</summary>
    public long WarnedAt;
}
