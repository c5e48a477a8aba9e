using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Security;

namespace QueueCore.Grpc.Feeds;

/// <summary>The feed of every hall, created when the server starts (and for halls added later) so that none misses an event.</summary>
public sealed class HallFeeds : IAsyncDisposable
{
    private readonly HallDirectory _directory;
    private readonly IOptions<ServerOptions> _options;
    private readonly CancellationToken _stopping;

    /// <summary>
    /// The feeds; they tell their streams when the server starts stopping, and wake them when the devices change (so
    /// each checks its device again: a revoked key's streams end).
    /// </summary>
    public HallFeeds(
        HallDirectory directory, IOptions<ServerOptions> options, ILoggerFactory loggers, IHostApplicationLifetime lifetime, DeviceKeys devices)
    {
        _directory = directory;
        _options = options;
        _logger = loggers.CreateLogger("QueueCore.Grpc.Feeds");
        _run = directory.Engine.Recovery?.JournalId is { Length: > 0 } journal ? "j" + journal : Guid.NewGuid().ToString("N")[..12];
        _stopping = lifetime.ApplicationStopping;
        _stopping.Register(static s => ((HallFeeds)s!).ServerStopping(), this);
        _devices = devices;
        devices.Changed += DevicesChanged;
    }

    private readonly DeviceKeys _devices;

    private readonly ConcurrentDictionary<string, Lazy<HallFeed>> _feeds = new(StringComparer.Ordinal);

    // Per hall id, the highest sequence a stopped feed of an earlier hall with that id reached: a screen of that hall
    // may resume with any number up to it, which the new hall's own numbers reuse (see HallFeed.Resume).
    private readonly ConcurrentDictionary<string, long> _earlierReached = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    // Names the run of numbers in the screens' timelines (see HallFeed.Timeline). With a journal, its identity: the
    // numbers go on across restarts on that journal, so screens resume; a server restarted on a fresh or another journal
    // (data lost, moved, restored from elsewhere) numbers each hall's events from the start again under another
    // identity, and a screen's number from before would name other events. Without one, this server's run.
    private readonly string _run;

    /// <summary>The feed of <paramref name="hall"/>, created on first use; NotFound when the hall does not exist.</summary>
    public HallFeed Get(string hall)
    {
        var handle = _directory.Get(hall);
        var feed = _feeds.GetOrAdd(hall, id => NewFeed(id, handle)).Value;
        if (_stopping.IsCancellationRequested)
        {
            feed.ServerStopping();
        }

        if (feed.IsCompleted && (!ReferenceEquals(feed.Hall, handle) || feed.Failed))
        {
            // The hall was removed and added again: a new hall, a new feed. Or the feed failed: a new one starts over
            // from a snapshot, instead of every screen of the hall being turned away until the server restarts.
            if (_feeds.TryRemove(hall, out var old))
            {
                Forget(hall, old);
            }

            return Get(hall);
        }

        return feed;
    }

    /// <summary>
    /// A feed of <paramref name="handle"/>, started on first use, that lets itself go once its hall is removed: however the
    /// hall went (<see cref="RemoveAsync"/> is the admin's way; the engine's own RemoveHallAsync, or a Get that raced the
    /// removal and started a feed of the hall just removed, are others), its log and screens' model are not held until a
    /// hall of that id is added again.
    /// </summary>
    private Lazy<HallFeed> NewFeed(string hall, HallHandle handle)
    {
        Lazy<HallFeed>? entry = null;
        entry = new Lazy<HallFeed>(() =>
        {
            var feed = new HallFeed(handle, _directory, _options.Value, _logger, _earlierReached.GetValueOrDefault(hall), _run);
            feed.Completion.ContinueWith(_ => Ended(hall, entry!), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return feed;
        });
        return entry;
    }

    /// <summary>
    /// A feed's loop stopped: when its hall is gone (removed, or removed and added again), forgets that very entry. One
    /// whose hall is still there stays: the server is stopping, or it failed and the next <see cref="Get"/> replaces it.
    /// </summary>
    private void Ended(string hall, Lazy<HallFeed> entry)
    {
        if (!(_directory.Engine.TryGetHall(hall, out var now) && ReferenceEquals(now, entry.Value.Hall))
            && _feeds.TryRemove(KeyValuePair.Create(hall, entry)))
        {
            Forget(hall, entry); // its loop has stopped: nothing left to dispose but a token source without a timer
        }
    }

    /// <summary>Whether a feed of <paramref name="hall"/> is held (running, or ended and not yet released).</summary>
    internal bool Holds(string hall) => _feeds.ContainsKey(hall);

    /// <summary>
    /// The status a stream of <paramref name="feed"/> ends with once the feed has stopped: NotFound when its hall was
    /// removed (reconnecting would only be refused), Unavailable otherwise (reconnect: a hall added again under the
    /// same id has a new feed; a faulted hall's feed does not stop, it waits for the restore).
    /// </summary>
    public global::Grpc.Core.RpcException Ended(HallFeed feed, long lastSequence) =>
        _directory.Engine.TryGetHall(feed.HallId, out _)
            ? Services.StreamLifetime.HallGone(feed.HallId, lastSequence)
            : Services.StreamLifetime.HallRemoved(feed.HallId, lastSequence);

    /// <summary>Stops and forgets a removed hall's feed.</summary>
    public async Task RemoveAsync(string hall)
    {
        if (_feeds.TryRemove(hall, out var feed) && feed.IsValueCreated)
        {
            await feed.Value.DisposeAsync().ConfigureAwait(false);
            Forget(hall, feed);
        }
    }

    /// <summary>Keeps how far a stopped feed's hall got, for the next hall with its id.</summary>
    private void Forget(string hall, Lazy<HallFeed> feed)
    {
        if (feed.IsValueCreated)
        {
            var reached = feed.Value.Sequence;
            _earlierReached.AddOrUpdate(hall, reached, (_, before) => Math.Max(before, reached));
        }
    }

    private void DevicesChanged()
    {
        foreach (var feed in _feeds.Values)
        {
            if (feed.IsValueCreated)
            {
                feed.Value.WakeStreams();
            }
        }
    }

    private void ServerStopping()
    {
        foreach (var feed in _feeds.Values)
        {
            if (feed.IsValueCreated)
            {
                feed.Value.ServerStopping();
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _devices.Changed -= DevicesChanged;
        foreach (var feed in _feeds.Values)
        {
            if (feed.IsValueCreated)
            {
                await feed.Value.DisposeAsync().ConfigureAwait(false);
            }
        }

        _feeds.Clear();
    }
}
