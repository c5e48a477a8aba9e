using Microsoft.Extensions.Options;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Security;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// At start: a feed for every hall (before its day opens, so screens miss nothing), the day opened and taken in by
/// the feed, and the demo keys printed when no devices are configured.
/// </summary>
internal sealed class HallStartup(
    HallDirectory directory, HallFeeds feeds, IOptions<ServerOptions> options, DeviceRegistry devices, IConfiguration configuration,
    ILogger<HallStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Devices.Count == 0)
        {
            foreach (var device in devices.Devices)
            {
                Log.DemoKey(logger, device.Role, device.Key ?? "");
            }
        }

        foreach (var id in directory.Engine.HallIds)
        {
            if (id == DemoHall.Id && !configuration.GetSection("QueueCore:Halls").Exists())
            {
                Log.DemoHallServed(logger, id);
            }

            var feed = feeds.Get(id);
            if (!options.Value.OpenDayOnStart)
            {
                continue;
            }

            await feed.Attached.WaitAsync(cancellationToken).ConfigureAwait(false);
            if ((await feed.Hall.GetSnapshotAsync(SnapshotDetail.Figures, cancellationToken).ConfigureAwait(false)).DayOpen)
            {
                // Recovered from the journal with its day open: the day goes on where it was.
                Log.HallReady(logger, id, feed.Hall.Definition.Name, feed.Hall.Definition.Windows.Count, feed.Hall.Definition.Services.Count);
                continue;
            }

            var opened = await feed.Hall.OpenDayAsync(cancellationToken).ConfigureAwait(false);
            if (opened.IsSuccess)
            {
                // Ready means ready for screens too: the first one to connect sees the day open in its snapshot.
                await feed.CaughtUpAsync(opened.Sequence, cancellationToken).ConfigureAwait(false);
                // Kiosks asking right after start see the day open, not the feed's first snapshot from before.
                feed.Offer(await feed.Hall.GetSnapshotAsync(SnapshotDetail.Figures, cancellationToken).ConfigureAwait(false));
                Log.HallReady(logger, id, feed.Hall.Definition.Name, feed.Hall.Definition.Windows.Count, feed.Hall.Definition.Services.Count);
            }
            else
            {
                Log.DayNotOpened(logger, id, opened.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => feeds.DisposeAsync().AsTask();
}
