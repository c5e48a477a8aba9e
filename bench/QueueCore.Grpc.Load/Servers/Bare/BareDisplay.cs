using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Servers.Bare;

/// <summary>A snapshot, then whatever the publish loop writes to this stream's Channel, until the screen or the server goes.</summary>
internal sealed class BareDisplay(BareHalls halls, IHostApplicationLifetime lifetime) : Display.DisplayBase
{
    public override async Task Watch(WatchDisplayRequest request, IServerStreamWriter<DisplayUpdate> responseStream, ServerCallContext context)
    {
        var hall = halls.Get(request.Hall);
        var screen = Channel.CreateUnbounded<DisplayUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var token = linked.Token;
        hall.Add(screen.Writer);
        try
        {
            await responseStream.WriteAsync(
                new DisplayUpdate { Sequence = hall.Sequence, Snapshot = new DisplaySnapshot { Hall = hall.Id, HallName = hall.Id, Language = "en" } }, token);
            while (await screen.Reader.WaitToReadAsync(token))
            {
                while (screen.Reader.TryRead(out var update))
                {
                    await responseStream.WriteAsync(update, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            hall.Remove(screen.Writer);
        }
    }
}
