using Grpc.Core;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <remarks>
/// This part: the window's stream (what concerns the window: its state, calls and pushes, its queue length). A terminal
/// whose key is revoked, or that is moved to another window or hall, is cut off at once (<see cref="StreamAccess"/>).
/// </remarks>
public sealed partial class TerminalService
{
    private static readonly TimeSpan QueueRefresh = TimeSpan.FromMilliseconds(250);

    // The queue length's refresh interval is kept in real time, whatever the hall's clock does, as the dashboards' and
    // the hall feed's are: it spares the CPU, it is not hall logic. On the hall's clock, a server whose clock is simulated
    // or held (a training hall, a replay) never refreshed a terminal's queue length after the first.
    private static readonly TimeProvider Throttle = TimeProvider.System;

    /// <inheritdoc/>
    public override async Task WatchWindow(WindowRequest request, IServerStreamWriter<WindowUpdate> responseStream, ServerCallContext context)
    {
        var window = Window(request.Window);
        using var slot = streams.Open(context);
        var feed = feeds.Get(request.Hall);
        var hall = feed.Hall;
        HallCatalog.Of(hall.Definition).RequireWindow(window);

        using var lifetimeScope = new StreamLifetime(context, lifetime);
        var token = lifetimeScope.Token;
        var view = new WindowView(hall, window);
        var access = new StreamAccess(devices, context, request.Hall, window);
        using var overflow = new OverflowDue(time, token);
        long last = 0;
        try
        {
            // The log position first, then the snapshot: entries the snapshot already covers are skipped by sequence.
            var cursor = feed.Appended;
            last = await SendCurrentAsync().ConfigureAwait(false);
            var queueDirty = false;
            // The load has just read the queue. (Not long.MinValue: GetElapsedTime(long.MinValue) overflows to a
            // negative span, so the queue length was never refreshed at all.)
            var queueCheckedAt = Throttle.GetTimestamp();
            var redefined = false;
            while (true)
            {
                var wakes = feed.Wakes; // before the device's check: a change after it wakes the wait below
                access.ThrowIfRevoked();
                while (cursor < feed.Appended)
                {
                    if (!feed.TryRead(cursor, out var entry) || entry.Kind == FeedEntryKind.Reset)
                    {
                        cursor = feed.Appended;
                        last = await SendCurrentAsync().ConfigureAwait(false);
                        redefined = false; // that load shows the change too
                        continue;
                    }

                    cursor++;
                    if (entry.Kind != FeedEntryKind.Event || entry.Sequence <= last)
                    {
                        continue;
                    }

                    last = entry.Sequence;
                    if (entry.Event.Kind == HallEventKind.HallRedefined)
                    {
                        // The window as it is now again, so a renamed item or window shows on the clerk's screen at once
                        // rather than at the window's next event; reloaded once the entries there are now are read, so
                        // the calls the change made come first as such (an idle auto window given a skill: CHANGE_PUSHED,
                        // which the reload had folded into CHANGE_CURRENT). Redefinitions are rare: a reload each.
                        HallCatalog.Of(hall.Definition).RequireWindow(window);
                        redefined = true;
                        continue;
                    }

                    queueDirty |= WindowView.ChangesQueues(entry.Event.Kind);
                    if (await view.ApplyAsync(entry.Event, token).ConfigureAwait(false) is { } change)
                    {
                        if (queueDirty)
                        {
                            // The window's own change moved its queue (a ticket called or pushed out of it, a no-show or a
                            // transfer put back): read it now, so the update counts what the clerk sees waiting. With the
                            // length read before the change, a window called the ticket handed over to it and read "2
                            // waiting" with one left, until the next refresh. The read may be a few events ahead of this
                            // update: the count is the hall's as the update leaves, never one from before the change.
                            queueDirty = false;
                            queueCheckedAt = Throttle.GetTimestamp();
                            await view.RefreshQueueAsync(token).ConfigureAwait(false);
                        }

                        await responseStream.WriteAsync(view.Update(last, change), token).ConfigureAwait(false);
                    }
                }

                if (redefined)
                {
                    redefined = false;
                    last = await SendCurrentAsync().ConfigureAwait(false);
                    queueDirty = false;
                    queueCheckedAt = Throttle.GetTimestamp();
                }

                if (queueDirty && Throttle.GetElapsedTime(queueCheckedAt) >= QueueRefresh)
                {
                    queueDirty = false;
                    queueCheckedAt = Throttle.GetTimestamp();
                    if (await view.RefreshQueueAsync(token).ConfigureAwait(false))
                    {
                        await responseStream.WriteAsync(view.Update(last, WindowUpdate.Types.Change.Queue), token).ConfigureAwait(false);
                    }
                }

                if (feed.IsCompleted)
                {
                    throw feeds.Ended(feed, last);
                }

                var wait = feed.WaitAsync(cursor, wakes, token);
                if (queueDirty)
                {
                    await Task.WhenAny(wait, Task.Delay(QueueRefresh, token)).ConfigureAwait(false);
                    token.ThrowIfCancellationRequested();
                }
                else if (overflow.When(view.CallableFrom) is { } callable)
                {
                    // An overflow ticket becomes callable on the hall's clock, with no event: read the queue again then.
                    await Task.WhenAny(wait, callable).ConfigureAwait(false);
                    token.ThrowIfCancellationRequested();
                    queueDirty = callable.IsCompleted;
                }
                else
                {
                    await wait.ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException) when (!halls.Engine.TryGetHall(feed.HallId, out var now) || !ReferenceEquals(now, hall))
        {
            // A read of the window's queue or state raced the hall's removal: the stream ends as the feed's other streams
            // do (HallRemoved), not as a request for a hall never heard of (UnknownHall).
            throw feeds.Ended(feed, last);
        }
        catch (OperationCanceledException) when (lifetimeScope.EndedByServer("the window as it is then") is { } ended)
        {
            throw ended;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
        }

        // The window as it is now (CHANGE_CURRENT); its sequence. A window an admin removed ends the stream NotFound, as
        // every command to it now does, rather than showing a closed window for good: checked on every load, since a
        // stream that fell behind the hall's log reloads without reading the redefinition that removed it.
        async Task<long> SendCurrentAsync()
        {
            HallCatalog.Of(hall.Definition).RequireWindow(window);
            var sequence = await view.LoadAsync(token).ConfigureAwait(false);
            await responseStream.WriteAsync(view.Update(sequence, WindowUpdate.Types.Change.Current), token).ConfigureAwait(false);
            return sequence;
        }
    }
}
