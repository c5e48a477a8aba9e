using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>The hall manager's dashboard: the hall's state, a service's queue, and a live stream of figures and alerts.</summary>
[Authorize(Roles = $"{DeviceRoles.Dashboard},{DeviceRoles.Admin}")]
public sealed class DashboardService(HallFeeds feeds, IHostApplicationLifetime lifetime, DeviceKeys devices, DeviceStreams streams) : Dashboard.DashboardBase
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaximumInterval = TimeSpan.FromHours(1);

    /// <summary>What a figures stream cut by the server's stop starts again with once its dashboard reconnects.</summary>
    private const string FiguresAfresh = "the hall's figures and open alerts as they are then";

    // The interval between updates is kept in real time, whatever the hall's clock does, as the hall feed's refreshes
    // are: it spares the client and the CPU, it is not hall logic. On the hall's clock, a server whose clock is
    // simulated or held (a training hall, a replay, a test) sent a dashboard its first figures and then none but alerts.
    private static readonly TimeProvider Throttle = TimeProvider.System;

    /// <inheritdoc/>
    public override async Task<V1.HallSnapshot> GetSnapshot(HallRequest request, ServerCallContext context)
    {
        var feed = feeds.Get(request.Hall);
        var hall = feed.Hall;
        // Parked: what the reply carries (figures, windows, tickets at windows, parked tickets), not the first waiting
        // tickets a full snapshot lists and the reply leaves out.
        var snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Parked, context.CancellationToken).ConfigureAwait(false);
        var reply = snapshot.ToProto(hall.Definition);
        reply.Language = feed.Language; // the hall's profile, not its definition
        return reply;
    }

    /// <inheritdoc/>
    public override async Task<QueuePage> GetServiceQueue(GetServiceQueueRequest request, ServerCallContext context)
    {
        var hall = feeds.Get(request.Hall).Hall;
        var service = RequestFields.NotNegative(request.Service, "service");
        HallCatalog.Of(hall.Definition).RequireService(service);

        var view = await hall.ServiceQueueAsync(
            service, RequestFields.NotNegative(request.Offset, "offset"), RequestFields.PageSize(request.Count), context.CancellationToken).ConfigureAwait(false);
        return view.ToProto(hall.Definition);
    }

    /// <inheritdoc/>
    public override async Task WatchFigures(WatchFiguresRequest request, IServerStreamWriter<HallFigures> responseStream, ServerCallContext context)
    {
        var interval = RequestFields.Span(request.Interval, "interval") ?? TimeSpan.FromSeconds(1);
        // The bound on the Duration itself: TimeSpan keeps 100 ns ticks, so an hour and a few nanoseconds read as exactly
        // an hour and was let through.
        if (interval < MinimumInterval || interval > MaximumInterval
            || request.Interval is { Seconds: var seconds, Nanos: > 0 } && seconds == (long)MaximumInterval.TotalSeconds)
        {
            throw GrpcErrors.InvalidArgument(
                $"interval must be 100 ms to 1 h; it is {request.Interval!.Seconds} s and {request.Interval.Nanos} ns ({interval}).");
        }

        using var slot = streams.Open(context);
        var feed = feeds.Get(request.Hall);
        using var lifetimeScope = new StreamLifetime(context, lifetime);
        var token = lifetimeScope.Token;
        var access = new StreamAccess(devices, context, request.Hall); // a revoked key's dashboard is cut off at once
        long last = 0;
        try
        {
            var cursor = feed.Appended;
            // The first update carries the alerts open at its sequence, the wait alerts cut to the longest as a snapshot
            // lists them. The alerts raised up to that sequence that the log still brings after the cursor are left out
            // below: an open one is in it already, a closed one is no longer news.
            var first = await feed.Hall.GetSnapshotAsync(SnapshotDetail.Alerts, token).ConfigureAwait(false);
            var shown = new ShownAlerts(); // what the dashboard shows as open: told closed once they close
            var figures = (first with { OpenAlerts = [.. shown.First(first.OpenAlerts)] }).ToFigures(feed.Hall.Definition);
            shown.Add(figures.OpenAlerts);
            var told = figures.Sequence;
            last = figures.Sequence;
            await responseStream.WriteAsync(figures, token).ConfigureAwait(false);
            var sent = Throttle.GetTimestamp();
            var alerts = new List<Alert>();
            var changed = false;
            var waits = Waits(figures); // the figures change with the clock alone (see Waits)
            Task? due = null; // when the figures that changed may go out: one timer per quiet spell, not one per wake-up
            while (true)
            {
                var wakes = feed.Wakes; // before the device's check: a change after it wakes the wait below
                access.ThrowIfRevoked();
                while (cursor < feed.Appended)
                {
                    changed = true;
                    if (!feed.TryRead(cursor, out var entry))
                    {
                        cursor = feed.Appended; // fell behind the log: the next update tells the alerts in between still open
                        break;
                    }

                    cursor++;
                    if (entry.Kind == FeedEntryKind.Event && entry.Event.Sequence <= told)
                    {
                        continue; // covered by the first update's open alerts
                    }

                    if (entry.Kind is FeedEntryKind.Event or FeedEntryKind.Reset)
                    {
                        told = 0; // past the first update (a reset, a restore among them, may number events again)
                    }

                    if (entry.Kind == FeedEntryKind.Reset)
                    {
                        shown.Renumbered();
                    }

                    if (entry.Kind == FeedEntryKind.Event && Alerts.Of(entry.Event, feed.Hall.Definition) is { } alert
                        && !shown.Covers(alert, entry.Event.Sequence))
                    {
                        alerts.Add(alert);
                    }
                }

                // An alert goes out as it happens, with the figures of the moment; only plain figure changes wait for
                // the interval. Holding alerts for the interval made a dashboard watching at one update a minute learn
                // of a wait-limit breach up to a minute late, and lose it outright when the hall's log wrapped meanwhile.
                // A hall that has ended (removed, the server stopping) has no figures to tick: its stream ends below.
                var pending = changed || (waits && !feed.IsStopping && !feed.IsCompleted);
                if (alerts.Count > 0 || (pending && (due is { IsCompleted: true } || Throttle.GetElapsedTime(sent) >= interval)))
                {
                    shown.Add(alerts);
                    // Every alert open now (those past the first update's 100 wait alerts too: still open, not closed),
                    // compared, not sent (open_alerts is the first update's): those shown and closed since are told
                    // closed; those open and never told (opened again with no event, or raised while the stream fell
                    // behind the log) are told with the alerts raised.
                    var snapshot = await feed.Hall.GetSnapshotAsync(SnapshotDetail.Alerts, token).ConfigureAwait(false);
                    figures = (snapshot with { OpenAlerts = [], OpenWaitAlerts = 0 }).ToFigures(feed.Hall.Definition);
                    figures.Alerts.AddRange(alerts);
                    shown.Update(snapshot.OpenAlerts, snapshot.Sequence, feed.Hall.Definition, figures.Alerts, figures.ClosedAlerts);

                    alerts.Clear();
                    changed = false;
                    waits = Waits(figures);
                    due = null;
                    last = figures.Sequence;
                    await responseStream.WriteAsync(figures, token).ConfigureAwait(false);
                    sent = Throttle.GetTimestamp();
                    continue;
                }

                if (feed.IsStopping)
                {
                    throw StreamLifetime.ServerStoppingAfresh(FiguresAfresh);
                }

                if (feed.IsCompleted)
                {
                    throw feeds.Ended(feed, last);
                }

                var wait = feed.WaitAsync(cursor, wakes, token);
                if (pending)
                {
                    due ??= Task.Delay(Remaining(interval, Throttle.GetElapsedTime(sent)), Throttle, token);
                    await Task.WhenAny(wait, due).ConfigureAwait(false);
                    token.ThrowIfCancellationRequested();
                }
                else
                {
                    await wait.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (lifetimeScope.EndedByServer(FiguresAfresh) is { } ended)
        {
            throw ended;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Whether the figures just sent change with the clock alone: while a ticket waits, its wait (longest_wait) grows
    /// with no hall event, so the next update goes out after the interval. Sent only on events, a quiet hall's dashboard
    /// showed the wait of its last event (0 s for a ticket just taken) for as long as nothing else happened.
    /// </summary>
    private static bool Waits(HallFigures figures) => figures.TotalWaiting > 0;

    /// <summary>What is left of the interval (never negative: Task.Delay refuses a negative span).</summary>
    private static TimeSpan Remaining(TimeSpan interval, TimeSpan elapsed) => elapsed < interval ? interval - elapsed : TimeSpan.Zero;
}
