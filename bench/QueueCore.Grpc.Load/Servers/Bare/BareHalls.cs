using System.Collections.Concurrent;
using System.Threading.Channels;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Servers.Bare;

/// <summary>The bare server's halls (created on first use) and its publish loop, which fans every update out to the hall's screens.</summary>
internal sealed class BareHalls : IDisposable
{
    private readonly ConcurrentDictionary<string, BareHall> _halls = new(StringComparer.Ordinal);
    private readonly Channel<(BareHall Hall, DisplayUpdate Update)> _published =
        Channel.CreateUnbounded<(BareHall, DisplayUpdate)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public BareHalls() => _loop = Task.Run(PublishLoopAsync);

    public ChannelWriter<(BareHall Hall, DisplayUpdate Update)> Published => _published.Writer;

    public BareHall Get(string id) => _halls.GetOrAdd(id, static id => new BareHall(id));

    public void Dispose()
    {
        _published.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task PublishLoopAsync()
    {
        var reader = _published.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                item.Hall.Publish(item.Update);
            }
        }
    }
}
