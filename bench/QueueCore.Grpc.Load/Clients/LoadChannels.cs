using System.Net.Http;
using Grpc.Net.Client;

namespace QueueCore.Grpc.Load.Clients;

/// <summary>Client channels: one HTTP/2 connection each (more only past the server's 1,000 concurrent streams per connection).</summary>
internal static class LoadChannels
{
    public static GrpcChannel Create(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        },
    });

    public static GrpcChannel[] Create(Uri address, int count) => [.. Enumerable.Range(0, count).Select(_ => Create(address))];

    public static void Dispose(IEnumerable<GrpcChannel> channels)
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
    }
}
