using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Feeds;

/// <summary>
/// One engine subscription per hall, fanned out to every stream of the hall (screens, terminals, dashboards):
/// 5,000 screens do not mean 5,000 hall subscriptions, and each call's screen text is built once. The feed keeps
/// a log of its last entries (<see cref="ServerOptions.StreamHistory"/>), from which a reconnecting screen gets
/// exactly the updates after the last sequence it saw, and the screens' model (current calls, recent calls,
/// waiting counts), from which a new screen gets its snapshot.
/// </summary>
public sealed partial class HallFeed : IAsyncDisposable
{
    /// <summary>How often the feed of a faulted hall asks whether it was restored (a snapshot the shard refuses at once).</summary>
    private static readonly TimeSpan RestorePoll = TimeSpan.FromMilliseconds(500);

    private readonly HallHandle _hall;
    private readonly HallDirectory _directory;
    private readonly ServerOptions _options;
    // Refreshes are throttled in real time, whatever the hall's clock does: the throttle spares the CPU, it is not
    // hall logic (a test's frozen fake clock must not freeze the screens' waiting counts).
    private readonly TimeProvider _throttle = TimeProvider.System;
    private readonly ILogger _logger;
    private readonly FeedLog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;

    // The screens' model; written by the feed loop under _gate, read under _gate by new streams.
    private readonly Dictionary<int, Call> _current = [];
    private readonly Dictionary<long, int> _shownAt = [];
    private readonly RecentCalls _recent = new();
    private readonly Dictionary<int, (long Ticket, string Number)> _lastFinished = [];
    private long _lastFinishedCleared;      // times _lastFinished was cleared (see LearnLastFinished)
    private readonly HashSet<int> _lastFinishedRated = []; // windows whose _lastFinished the feed saw rated
    // The hall's name and time zone as the feed last read them in the hall's events (see Rename). Not as a screen's
    // snapshot last gave them: a screen connecting between a redefinition and the feed's reading of it got the new name,
    // and taking that as what every screen was given, the feed saw no rename and the open screens kept the old one.
    private string _hallName;
    private string _timeZone;
    private WaitingCounts _waiting = new();
    private bool _countsLoaded;             // _waiting holds the hall's counts (the first refresh or a reset came)
    private bool _snapshotWithoutCounts;    // a screen took a snapshot before they did, and needs them as an update

    private long _appended;                 // entries ever appended (the next entry's index)
    private long _sequence;                 // the hall sequence the feed has reached
    private long _completeAfter;            // the log holds every entry with a sequence above this
    private long _resetIndex;               // the first entry after the last reset (sequences may restart there)
    private readonly long _earlierReached;  // resume points up to this an earlier hall with this id also gave out
    private readonly string _run;           // see the constructor
    private long _renumberedAfter, _renumberedThrough; // resume points in (after, through] a restore gave out again (the engine's range)
    private long _lastWaiting = -1;         // the log index of the newest waiting counts (older ones are cleared)
    private TaskCompletionSource _changed = NewSignal();
    private HallSnapshot? _snapshot;        // the latest snapshot (kiosks' waiting counts and estimates)
    private bool _waitingDirty = true;
    private readonly TaskCompletionSource _figuresReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastRefresh = long.MinValue;
    private TimeSpan _refreshEvery;
    private CancellationTokenSource? _refreshDue; // the feed loop's: cancelled when the next refresh is due
    private bool _serverStopping;
    private long _wakes;                    // see Wakes
    private bool _ended;                    // the loop has stopped reading: set before its last signal (see RunAsync)
    private bool _failed;                   // the loop stopped on an unexpected exception (HallFeeds replaces the feed)

    // earlierReached: the highest sequence an earlier hall with this id reached (0: none). A screen of that hall may
    // resume with a number the new hall gives out again, so such numbers get a snapshot.
    // run: names the run of numbers the hall's events belong to: the journal's identity when a journal keeps them across
    // restarts, else this server's run (a restarted server numbers each hall's events from the start again; see Timeline).
    internal HallFeed(HallHandle hall, HallDirectory directory, ServerOptions options, ILogger logger, long earlierReached = 0, string run = "")
    {
        _earlierReached = earlierReached;
        _run = run;
        _hall = hall;
        _hallName = hall.Definition.Name;
        _timeZone = HallCatalog.Of(hall.Definition).IanaTimeZone;
        _directory = directory;
        _options = options;
        _logger = logger;
        _log = new FeedLog(Math.Max(16, options.StreamHistory));
        // From now on: the feed's loop starts from a snapshot of the hall (see RunAsync). Subscribing from sequence 0
        // instead made every hall with a past (recovered from the journal) start lagged, and the engine's health check,
        // which counts lagged subscribers, read Degraded at every start until each hall's feed had caught up.
        var subscription = hall.Subscribe();

        // The subscription is attached on the hall's shard a moment later. Control work runs in order on the shard, so
        // when a snapshot asked for after subscribing comes back, the subscription is attached.
        Attached = AttachedAsync(hall);
        _loop = Task.Run(() => RunAsync(subscription));
    }

    /// <summary>The hall's id.</summary>
    public string HallId => _hall.Id;

    /// <summary>
    /// Completes when the feed's subscription is attached to the hall: from then on the feed misses no event. Await
    /// it before the first command of a new hall (opening its day).
    /// </summary>
    public Task Attached { get; }

    /// <summary>
    /// Completes when the feed has the hall's waiting counts (its first refresh), or has stopped. Until then a screen's
    /// snapshot would show no counts and the refresh would follow as an update: the server is ready after it.
    /// </summary>
    public Task FiguresReady => _figuresReady.Task;

    /// <summary>The hall.</summary>
    public HallHandle Hall => _hall;

    /// <summary>Entries ever appended: a reader's cursor runs up to this.</summary>
    public long Appended => Volatile.Read(ref _appended);

    /// <summary>The hall sequence the feed has reached.</summary>
    public long Sequence => Volatile.Read(ref _sequence);

    /// <summary>Whether the feed has stopped (the hall was removed or the server is stopping).</summary>
    public bool IsCompleted => Volatile.Read(ref _ended) || _loop.IsCompleted;

    /// <summary>Completes when the feed's loop has stopped (the hall was removed, the engine stopped, or the feed failed).</summary>
    internal Task Completion => _loop;

    /// <summary>Whether the feed stopped on an unexpected failure, its hall still there (a new feed replaces it).</summary>
    public bool Failed => Volatile.Read(ref _failed);

    /// <summary>
    /// Whether the server is stopping: streams end (with Unavailable) at their next wake-up. One flag per hall, so a
    /// screen's stream needs no token of its own linked to the server's lifetime.
    /// </summary>
    public bool IsStopping => Volatile.Read(ref _serverStopping);

    /// <summary>
    /// The latest snapshot of the hall, with at least its services' figures (the feed's own refreshes take
    /// <see cref="SnapshotDetail.Services"/>: no windows or tickets), refreshed at most every
    /// <see cref="ServerOptions.FiguresRefresh"/>.
    /// </summary>
    public HallSnapshot? LatestSnapshot => Volatile.Read(ref _snapshot);

    /// <summary>The language the hall's screens speak.</summary>
    public string Language => _directory.Profile(_hall.Id).Language;

    /// <summary>
    /// The entry at <paramref name="index"/>; false when the log no longer holds it (the reader lagged and must start
    /// over from a snapshot).
    /// </summary>
    public bool TryRead(long index, out FeedEntry entry) => _log.TryRead(index, out entry);

    /// <summary>Completes when an entry at or past <paramref name="index"/> exists, or the feed stops.</summary>
    public Task WaitAsync(long index, CancellationToken cancellationToken) => WaitAsync(index, Wakes, cancellationToken);

    /// <summary>
    /// Completes when an entry at or past <paramref name="index"/> exists, the feed stops, or the streams were woken
    /// (<see cref="WakeStreams"/>) since they read <paramref name="wakes"/> from <see cref="Wakes"/>.
    /// </summary>
    public Task WaitAsync(long index, long wakes, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _changed).Task;
        return index < Appended || IsCompleted || IsStopping || Wakes != wakes ? Task.CompletedTask : signal.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// How many times the streams were woken for something outside the hall (the devices changed). A stream reads it
    /// before its checks and passes it to <see cref="WaitAsync(long, long, CancellationToken)"/>, so a wake between
    /// its checks and its wait is not lost.
    /// </summary>
    public long Wakes => Volatile.Read(ref _wakes);

    /// <summary>Wakes every stream of the hall to check its device again (<see cref="Security.StreamAccess"/>).</summary>
    internal void WakeStreams()
    {
        Interlocked.Increment(ref _wakes); // before the signal: a stream that misses the signal sees the count
        Signal();
    }

    /// <summary>The server is stopping: wakes every stream of the hall so it ends.</summary>
    internal void ServerStopping()
    {
        Volatile.Write(ref _serverStopping, true);
        Signal();
    }

    /// <summary>Completes when the feed has read the hall's events up to <paramref name="sequence"/>, or has stopped.</summary>
    public async Task CaughtUpAsync(long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            var index = Appended; // before the sequence: an event applied after this read shows as a new entry
            if (Sequence >= sequence || IsCompleted)
            {
                return;
            }

            await WaitAsync(index, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where a screen that last saw <paramref name="afterSequence"/> resumes: the log index of the first entry it
    /// missed, with the newest waiting counts to send it first (display.proto promises them: a screen resumed where the
    /// log holds nothing it shows was sent nothing at all until the hall's next call). <see cref="ResumePoint.Snapshot"/>
    /// when the log no longer reaches back, or the number is one the feed cannot vouch for (ahead of the hall, e.g. after a
    /// restart without a journal; or given out by an earlier hall with this id or by the timeline a restore left): then it
    /// needs a snapshot.
    /// </summary>
    /// <param name="afterSequence">The last sequence the screen saw (positive).</param>
    /// <param name="timeline">
    /// The timeline of the snapshot that sequence came from (<see cref="DisplaySnapshot.Timeline"/>), or "" from a screen
    /// that does not keep it: then the number alone is judged, and another hall's number is taken for this hall's.
    /// </param>
    public ResumePoint Resume(long afterSequence, string timeline = "")
    {
        lock (_gate)
        {
            if ((timeline.Length > 0 && timeline != Timeline()) || afterSequence < _completeAfter || afterSequence > _sequence || (afterSequence > 0 && afterSequence <= _earlierReached)
                || (afterSequence > _renumberedAfter && afterSequence <= _renumberedThrough))
            {
                return ResumePoint.Snapshot; // not in the log, or a number two timelines gave out: the screen cannot be told which it saw
            }

            // Entries are in sequence order; the first after afterSequence is found by a binary search of the held ones.
            long floor = Math.Max(_resetIndex, _appended - _log.Capacity), low = floor, high = _appended;
            while (low < high)
            {
                var mid = low + ((high - low) / 2);
                if (_log.Held(mid).Sequence <= afterSequence)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            // The counts the screen shows may be older than its sequence (counts carry the sequence of the event before
            // them, and a screen may have dropped between the two): the newest come first whatever it saw. Until the
            // first refresh there are none to give; that refresh then comes as an update, as after such a snapshot.
            _snapshotWithoutCounts |= !_countsLoaded;
            var counts = _countsLoaded ? new DisplayUpdate { Sequence = afterSequence, Waiting = _waiting } : null;
            return new ResumePoint(low, counts, _appended);
        }
    }

    /// <summary>
    /// Names the run of sequence numbers the feed's numbers belong to (under the gate): the hall, the journal that keeps
    /// the numbers across restarts (its identity) or else this server's run, the numbers an earlier hall with this id gave
    /// out, and the numbers a restore gave out again. A number from another of these runs names other events, however it
    /// compares with this hall's: a screen that passes back the timeline of its snapshot is told apart, and starts over
    /// from a snapshot. Opaque to screens; the same across a restart on the same journal unless a hall was removed and
    /// added again, and another after a restart on a fresh or another journal (which numbers the events again).
    /// </summary>
    private string Timeline() => $"{_hall.Id}/{_run}/{_earlierReached}/{_renumberedAfter}-{_renumberedThrough}";

    /// <summary>The screens' state now and the log index it is current to.</summary>
    public (DisplayUpdate Snapshot, long Index) DisplaySnapshot(IReadOnlySet<int>? windows, int recentCalls)
    {
        lock (_gate)
        {
            var snapshot = NewSnapshot();
            snapshot.RecentCalls.AddRange(_recent.NewestFirst(windows, recentCalls));

            // Newest call first, as a screen shows it (the newest large, the others after it). Calls rebuilt from a snapshot
            // (after a restart, or a lag) all carry the snapshot's sequence, so the time tells them apart: in window order, a
            // screen sorting by sequence showed window 1's call as the newest after a restart, whichever was called last.
            foreach (var call in _current.Values
                .OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Time?.ToDateTimeOffset()).ThenBy(c => c.Window))
            {
                if (windows is null || windows.Contains(call.Window))
                {
                    snapshot.Current.Add(call);
                }
            }

            snapshot.Waiting.AddRange(_waiting.Services);
            _snapshotWithoutCounts |= !_countsLoaded;
            return (new DisplayUpdate { Sequence = _sequence, Snapshot = snapshot }, _appended);
        }
    }

    /// <summary>
    /// After a change of the hall's day at <paramref name="sequence"/> (opened or closed by the server): waits until the
    /// feed has read it, so the first screen to connect sees it in its snapshot, then offers a fresh snapshot, so kiosks
    /// asking right after see it too, not the feed's snapshot from before.
    /// </summary>
    internal async Task TakeInAsync(long sequence, CancellationToken cancellationToken)
    {
        await CaughtUpAsync(sequence, cancellationToken).ConfigureAwait(false);
        Offer(await Hall.GetSnapshotAsync(SnapshotDetail.Services, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Makes <paramref name="snapshot"/> the latest unless a later one is held already. Whoever has just changed the
    /// hall and taken a snapshot (the day opened at start, an admin change) hands it over, so kiosks see the change
    /// at once rather than up to <see cref="ServerOptions.FiguresRefresh"/> later; and a snapshot that comes back late
    /// never replaces a newer one.
    /// </summary>
    public void Offer(HallSnapshot snapshot)
    {
        var held = Volatile.Read(ref _snapshot);
        while (held is null || held.Sequence < snapshot.Sequence)
        {
            var seen = Interlocked.CompareExchange(ref _snapshot, snapshot, held); // the feed loop offers too
            if (ReferenceEquals(seen, held))
            {
                return;
            }

            held = seen;
        }
    }

    /// <summary>
    /// The ticket last finished at <paramref name="window"/> (for the evaluator pad), if the feed saw it finish since it
    /// started or last resynchronised; otherwise null, and the hall knows (<see cref="HallHandle.GetLastFinishedAsync"/>).
    /// </summary>
    public (long Ticket, string Number)? LastFinished(int window) => LastFinished(window, out _);

    /// <summary>
    /// As <see cref="LastFinished(int)"/>, with <paramref name="cleared"/> to hand to <see cref="LearnLastFinished"/> when
    /// the feed has not seen it and the caller asks the hall.
    /// </summary>
    public (long Ticket, string Number)? LastFinished(int window, out long cleared) => LastFinished(window, out cleared, out _);

    /// <summary>
    /// As <see cref="LastFinished(int, out long)"/>, with <paramref name="rated"/>: the feed saw that service rated since
    /// it was finished (a pad reloaded after its rating must not ask for it again). False when the feed has not seen it.
    /// </summary>
    public (long Ticket, string Number)? LastFinished(int window, out long cleared, out bool rated)
    {
        lock (_gate)
        {
            cleared = _lastFinishedCleared;
            rated = _lastFinishedRated.Contains(window);
            return _lastFinished.TryGetValue(window, out var last) ? last : null;
        }
    }

    /// <summary>
    /// Keeps what the hall says <paramref name="window"/> finished last (ticket 0: nothing today), read after
    /// <see cref="LastFinished(int, out long)"/> gave none and <paramref name="cleared"/>: pads ask every few seconds, and
    /// after a restart (or a resynchronisation) the feed has seen no finish until the window's next one. Kept only if the
    /// feed has still seen none and has not cleared its own since (a day opened): what the feed sees later comes after
    /// the hall's answer, and replaces it.
    /// </summary>
    public void LearnLastFinished(int window, long ticket, string number, long cleared)
    {
        lock (_gate)
        {
            if (cleared == _lastFinishedCleared)
            {
                _lastFinished.TryAdd(window, (ticket, number));
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static async Task AttachedAsync(HallHandle hall)
    {
        try
        {
            await hall.GetSnapshotAsync(SnapshotDetail.Services).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HallFaultedException or ObjectDisposedException or InvalidOperationException)
        {
            // The hall is faulted or the engine is stopping: the feed's loop and the hall's next command report it.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
