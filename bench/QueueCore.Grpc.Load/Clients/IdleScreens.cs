using Grpc.Core;
using Grpc.Net.Client;
using QueueCore.Grpc.Load.Servers;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Clients;

/// <summary>Display streams opened and left idle (each has received its snapshot), held until disposed.</summary>
internal sealed class IdleScreens : IAsyncDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly AsyncServerStreamingCall<DisplayUpdate>[] _calls;
    private readonly CancellationTokenSource _stop;

    private IdleScreens(GrpcChannel[] channels, AsyncServerStreamingCall<DisplayUpdate>[] calls, CancellationTokenSource stop)
    {
        _channels = channels;
        _calls = calls;
        _stop = stop;
    }

    /// <summary>
    /// Opens <paramref name="count"/> streams over halls in turn: over shared connections (up to the server's 100
    /// streams each) or with a connection each.
    /// </summary>
    public static async Task<IdleScreens> OpenAsync(Uri address, string[] halls, int count, bool connectionEach)
    {
        var channels = LoadChannels.Create(address, connectionEach ? count : (count + LoadSettings.StreamsPerConnection - 1) / LoadSettings.StreamsPerConnection);
        var stop = new CancellationTokenSource();
        var calls = new AsyncServerStreamingCall<DisplayUpdate>[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var client = new Display.DisplayClient(channels[i % channels.Length]);
            var call = client.Watch(new WatchDisplayRequest { Hall = halls[i % halls.Length] }, Devices.Display, cancellationToken: stop.Token);
            calls[i] = call;
            if (!await call.ResponseStream.MoveNext(ct))
            {
                throw new InvalidOperationException($"Display stream {i} ended before its snapshot.");
            }
        });
        return new IdleScreens(channels, calls, stop);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var call in _calls)
        {
            call?.Dispose();
        }

        LoadChannels.Dispose(_channels);
        _stop.Dispose();
    }
}
