using Microsoft.Extensions.Options;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Security;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// At start: a feed for every hall (before its day opens, so screens miss nothing), the day opened and taken in by
/// the feed, its waiting counts loaded, and the demo keys printed when no devices are configured.
/// </summary>
internal sealed class HallStartup(
    HallDirectory directory, HallFeeds feeds, IOptions<ServerOptions> options, DeviceRegistry devices, IConfiguration configuration,
    DayScheduler scheduler, TimeProvider time, ILogger<HallStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var perHall = options.Value.Profiles.Keys.Select(hall => (Key: nameof(ServerOptions.Profiles), Hall: hall))
            .Concat(options.Value.DaySchedules.Keys.Select(hall => (Key: nameof(ServerOptions.DaySchedules), Hall: hall)));
        foreach (var (key, hall) in perHall)
        {
            if (!directory.Engine.TryGetHall(hall, out _) && !directory.RemovedAtRunTime(hall))
            {
                // A typo in the hall's id ("city-centre") left the hall with the default region and language, its screens
                // speaking English (or with the default day schedule), without a word. A hall added at run time gets its
                // profile from Admin.AddHall instead.
                throw new InvalidOperationException(
                    $"{QueueCoreServer.Section}:{key}:{hall} names no hall this server has (its halls: {string.Join(", ", directory.Engine.HallIds.Order(StringComparer.Ordinal))}); correct the id or remove the entry.");
            }
        }

        WarnOfScopesNotServed(options.Value.Devices);

        if (options.Value.CorsOrigins.Count > 0)
        {
            Log.CorsOriginsAllowed(logger, options.Value.CorsOrigins);
        }

        if (options.Value.Devices.Count == 0)
        {
            foreach (var device in devices.Devices)
            {
                Log.DemoKey(logger, device.Role, device.Key ?? "");
            }
        }

        var now = time.GetUtcNow(); // one instant for every hall's day schedule, from which the scheduler goes on
        foreach (var id in directory.Engine.HallIds)
        {
            if (id == DemoHall.Id && !configuration.GetSection("QueueCore:Halls").Exists())
            {
                Log.DemoHallServed(logger, id);
            }

            var feed = feeds.Get(id);
            if (options.Value.ScheduleOf(id) is { } schedule)
            {
                await feed.Attached.WaitAsync(cancellationToken).ConfigureAwait(false);
                await scheduler.StartDayAsync(feed, schedule, now, cancellationToken).ConfigureAwait(false);
            }
            else if (options.Value.OpenDayOnStart)
            {
                await OpenDayAsync(feed, cancellationToken).ConfigureAwait(false);
            }

            // Ready means ready for screens too: the first to connect gets the waiting counts in its snapshot, not as
            // an update after it.
            await feed.FiguresReady.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Logs each configured device that names a hall or a window this server does not have: a typo there ("city-centre")
    /// started without a word, and the device's first call was refused with PermissionDenied. Not a start failure, as a
    /// profile's is: an admin may add that hall or window at run time, and a device may be set up before it.
    /// </summary>
    private void WarnOfScopesNotServed(List<DeviceCredential> devices)
    {
        var engine = directory.Engine;
        var all = engine.HallIds.Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            var name = $"{QueueCoreServer.Section}:Devices:{i} ({device.Id})";
            var every = false;
            var named = new List<HallHandle>();
            for (var h = 0; h < device.Halls.Count; h++)
            {
                if (device.Halls[h] == "*")
                {
                    every = true;
                }
                else if (engine.TryGetHall(device.Halls[h], out var hall))
                {
                    named.Add(hall);
                }
                else
                {
                    Log.DeviceScopeNotServed(logger, $"{name}: Halls:{h} '{device.Halls[h]}' is no hall this server has (its halls: {string.Join(", ", all)})");
                }
            }

            if (device.Window <= 0)
            {
                continue;
            }

            if (every)
            {
                if (!all.Any(id => engine.TryGetHall(id, out var hall) && HasWindow(hall, device.Window)))
                {
                    Log.DeviceScopeNotServed(logger, $"{name}: Window {device.Window} is no window of any hall this server has");
                }

                continue;
            }

            foreach (var hall in named.Where(hall => !HasWindow(hall, device.Window)))
            {
                Log.DeviceScopeNotServed(logger, $"{name}: Window {device.Window} is no window of hall '{hall.Id}'");
            }
        }

        static bool HasWindow(HallHandle hall, int window) => hall.Definition.Windows.Any(w => w.Id == window);
    }

    /// <summary>The hall's name for the start-up lines, which put it in brackets: a hall without one logged "()".</summary>
    private static string NameForLog(string? name) => string.IsNullOrWhiteSpace(name) ? "no name" : name;

    private async Task OpenDayAsync(HallFeed feed, CancellationToken cancellationToken)
    {
        var id = feed.HallId;
        await feed.Attached.WaitAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await feed.Hall.GetSnapshotAsync(SnapshotDetail.Services, cancellationToken).ConfigureAwait(false);
        if (snapshot.DayOpen)
        {
            // Recovered from the journal with its day open: the day goes on where it was. "Day opened" here read as a new
            // day to an operator checking the log after a crash. One opened on an earlier date in the hall (the evening's
            // close missed, the server restarted the next morning) went on as yesterday's, its queue, numbering and
            // figures, with only that line at Information to tell it.
            var name = NameForLog(feed.Hall.Definition.Name); // once per hall at start: no cost worth guarding
            var catalog = HallCatalog.Of(feed.Hall.Definition);
            var today = catalog.Date(time.GetUtcNow());
            if (await DayScheduler.DayOpenedAtAsync(feed.Hall, cancellationToken).ConfigureAwait(false) is { } openedAt
                && catalog.Date(openedAt) is var day && day < today)
            {
                Log.EarlierDayGoesOn(logger, id, name, Iso(day), Iso(today), feed.Hall.Definition.Windows.Count, feed.Hall.Definition.Services.Count);
            }
            else
            {
                Log.DayGoesOn(logger, id, name, feed.Hall.Definition.Windows.Count, feed.Hall.Definition.Services.Count);
            }

            return;
        }

        if (directory.Engine.Recovery?.Halls.Contains(id) == true && (snapshot.Sequence > 0 || directory.AddedAtRunTime(id)))
        {
            // Recovered with its day closed after it had run: someone closed it (the evening's close, an admin). Opening
            // it here made a restart, or a crash, reopen the hall for kiosks and restart its numbering at A001 the same
            // day. Only a configured hall that never had an event (its first record was all that reached the journal)
            // opens here. A hall an admin added is never one of those: Admin.AddHall answers only once the day it opens
            // is in the journal, so one recovered closed was added closed (open_day false), and a restart opened it to
            // kiosks before anyone staffed it.
            Log.DayLeftClosed(logger, id);
            return;
        }

        var opened = await feed.Hall.OpenDayAsync(cancellationToken).ConfigureAwait(false);
        if (opened.IsSuccess)
        {
            await feed.TakeInAsync(opened.Sequence, cancellationToken).ConfigureAwait(false);
            var name = NameForLog(feed.Hall.Definition.Name);
            Log.HallReady(logger, id, name, feed.Hall.Definition.Windows.Count, feed.Hall.Definition.Services.Count);
        }
        else
        {
            Log.DayNotOpened(logger, id, opened.Message);
        }
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public Task StopAsync(CancellationToken cancellationToken) => feeds.DisposeAsync().AsTask();
}
