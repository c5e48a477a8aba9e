using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>
/// The call screen's stream: a snapshot, then every call and clear in the hall's order, each with its sequence
/// number. A screen that reconnects with the last sequence it saw gets exactly what it missed from the hall
/// feed's log, or a fresh snapshot when the log no longer reaches back; a screen that falls behind the log gets a
/// fresh snapshot. Nothing is lost and nothing is shown twice. A screen whose key is revoked, or whose device may no
/// longer watch the hall, is cut off at once (<see cref="StreamAccess"/>).
/// </summary>
[Authorize(Roles = $"{DeviceRoles.Display},{DeviceRoles.Admin}")]
public sealed class DisplayService(HallFeeds feeds, DeviceKeys devices, DeviceStreams streams, QueueEngine engine) : Display.DisplayBase
{
    /// <summary>The most windows a screen may filter on.</summary>
    public const int MaxWindowFilter = 64;

    /// <inheritdoc/>
    public override async Task Watch(WatchDisplayRequest request, IServerStreamWriter<DisplayUpdate> responseStream, ServerCallContext context)
    {
        var filter = Filter(request);
        var recent = request.RecentCalls switch
        {
            0 => 10,
            < 0 or > 50 => throw GrpcErrors.InvalidArgument($"recent_calls must be 0 (default 10) to 50; it is {request.RecentCalls}."),
            var n => n,
        };
        if (request.AfterSequence < 0)
        {
            throw GrpcErrors.InvalidArgument($"after_sequence must not be negative; it is {request.AfterSequence}.");
        }

        using var slot = streams.Open(context);
        var feed = feeds.Get(request.Hall);
        if (filter is not null)
        {
            // A screen over a window the hall does not have would wait for calls that never come: say so instead.
            RequireWindows(feed, filter);
        }

        var token = context.CancellationToken; // the server's stopping reaches the stream through its feed (one flag per hall)
        var last = request.AfterSequence;
        var access = new StreamAccess(devices, context, request.Hall);
        try
        {
            var resume = request.AfterSequence > 0 ? feed.Resume(request.AfterSequence, request.Timeline) : ResumePoint.Snapshot;
            var cursor = resume.Index;
            var countsOwed = false; // a day's opening replayed before the counts' point showed nobody waiting: give them again
            if (!resume.FromLog)
            {
                (cursor, last) = await WriteSnapshotAsync(feed, filter, recent, responseStream, token).ConfigureAwait(false);
            }
            else if (resume.Counts is { } counts)
            {
                // The newest counts first, as display.proto promises: a screen resumed where the log holds nothing it shows
                // was sent nothing at all until the hall's next call, its counts as old as its last connection.
                await responseStream.WriteAsync(counts, token).ConfigureAwait(false);
            }
            else
            {
                // No counts yet (the feed's first refresh comes as an update): the headers tell the screen the stream is up
                // (a browser screen shows "live" on them), instead of leaving it to guess.
                await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
            }

            while (true)
            {
                var wakes = feed.Wakes; // before the device's check: a change after it wakes the wait below
                access.ThrowIfRevoked();
                while (cursor < feed.Appended)
                {
                    if (!feed.TryRead(cursor, out var entry) || entry.Kind is FeedEntryKind.Reset or FeedEntryKind.Renamed)
                    {
                        // Fell behind the log, or the feed itself lost events: start over from the model. Or an admin
                        // renamed the hall or a window on screen, or changed the hall's time zone: the model has them new.
                        try
                        {
                            (cursor, last) = await WriteSnapshotAsync(feed, filter, recent, responseStream, token).ConfigureAwait(false);
                        }
                        catch (InvalidOperationException) when (!engine.TryGetHall(feed.HallId, out var now) || !ReferenceEquals(now, feed.Hall))
                        {
                            // Fell behind while the hall was removed: its definition is gone with it. The stream ends as the
                            // feed's other streams do (HallRemoved), not as a request for a hall never heard of.
                            throw feeds.Ended(feed, last);
                        }

                        countsOwed = false; // the snapshot has newer ones
                        continue;
                    }

                    var index = cursor++;
                    if (countsOwed && index >= resume.CountsThrough)
                    {
                        countsOwed = false;
                        await responseStream.WriteAsync(new DisplayUpdate { Sequence = last, Waiting = resume.Counts!.Waiting }, token).ConfigureAwait(false);
                    }

                    if (filter is not null && entry.Kind == FeedEntryKind.Event && entry.Event.Kind == HallEventKind.HallRedefined)
                    {
                        // A window of the filter removed by an admin: the stream ends NotFound, as the terminal's WatchWindow
                        // of that window does and as a new screen asking for it is answered, instead of showing a window
                        // that no longer calls anyone and waiting for calls that never come.
                        RequireWindows(feed, filter);
                    }

                    if (entry.Display is null || (filter is not null && entry.Window != 0 && !filter.Contains(entry.Window))
                        || (entry.Kind == FeedEntryKind.Waiting && index < resume.CountsThrough))
                    {
                        continue; // not for this screen; or counts no newer than those the resumed screen was sent first
                    }

                    await responseStream.WriteAsync(entry.Display, token).ConfigureAwait(false);
                    last = entry.Sequence;
                    countsOwed |= entry.Display.Snapshot is not null && index < resume.CountsThrough && resume.Counts is not null;
                }

                if (countsOwed && cursor >= resume.CountsThrough)
                {
                    countsOwed = false;
                    await responseStream.WriteAsync(new DisplayUpdate { Sequence = last, Waiting = resume.Counts!.Waiting }, token).ConfigureAwait(false);
                }

                if (feed.IsStopping)
                {
                    throw StreamLifetime.ServerStopping(last, numbersKept: engine.Options.Journal.IsEnabled);
                }

                if (feed.IsCompleted)
                {
                    throw feeds.Ended(feed, last);
                }

                await feed.WaitAsync(cursor, wakes, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The screen went away.
        }
    }

    /// <summary>
    /// Writes a fresh snapshot; returns the log position after it and its sequence (what the screen has seen). NotFound
    /// instead when a window of the filter is gone: a screen that fell behind the log skips the redefinition that removed
    /// it, and stayed open over a window that no longer calls anyone.
    /// </summary>
    private static async Task<(long Cursor, long Sequence)> WriteSnapshotAsync(
        HallFeed feed, HashSet<int>? filter, int recent, IServerStreamWriter<DisplayUpdate> stream, CancellationToken token)
    {
        if (filter is not null)
        {
            RequireWindows(feed, filter);
        }

        var (snapshot, index) = feed.DisplaySnapshot(filter, recent);
        await stream.WriteAsync(snapshot, token).ConfigureAwait(false);
        return (index, snapshot.Sequence);
    }

    /// <summary>NotFound naming the first window of <paramref name="filter"/> the hall does not have (now).</summary>
    private static void RequireWindows(HallFeed feed, HashSet<int> filter)
    {
        var catalog = HallCatalog.Of(feed.Hall.Definition);
        foreach (var window in filter)
        {
            catalog.RequireWindow(window);
        }
    }

    private static HashSet<int>? Filter(WatchDisplayRequest request)
    {
        if (request.Windows.Count == 0)
        {
            return null;
        }

        if (request.Windows.Count > MaxWindowFilter)
        {
            throw GrpcErrors.InvalidArgument($"windows names {request.Windows.Count} windows; at most {MaxWindowFilter}.");
        }

        foreach (var window in request.Windows)
        {
            RequestFields.Positive(window, "windows");
        }

        return [.. request.Windows];
    }
}
