using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>
/// One shard: some halls and the lock-free MPSC ring their commands queue in, applied one at a time by whichever
/// thread holds the shard's turn: its own thread, or a caller that found the turn free (see Shard.Inline.cs). No
/// hall is ever touched by two threads at once, so the halls need no locks at all.
/// </summary>
/// <remarks>This part: construction, halls, and the producer side (submit, wake, stop).</remarks>
internal sealed partial class Shard : IDisposable
{
    private static readonly CommandResult ShuttingDown =
        CommandResult.Fail(QueueError.Unavailable, "The engine is shutting down; no more commands are accepted.");

    private static readonly CommandResult CancelledEarly =
        CommandResult.Fail(QueueError.Cancelled, "The call was cancelled before it was submitted.");

    private const int DurableSpinDivisor = 10;
    private readonly int _spinIterations;
    private readonly IngressRing _ring;
    private readonly CommandCompletionPool _pool;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EngineMetrics _metrics;
    private readonly QueueEngineOptions _options;
    private readonly long _tickIntervalTicks;
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0); // we spin ourselves before blocking
    private readonly ITimer _timer;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _hallsLock = new();
    private readonly CommandResult _full;
    private readonly CommandResult _abandoned;
    private HallEntry[] _halls = [];
    private readonly Dictionary<string, HallEntry> _tombstones = new(StringComparer.Ordinal); // shard thread: one per removed id (see Remove)
    private bool _started; // set under the engine's lifecycle lock
    private PaddedLong _sleeping; // 1 while the shard is (about to be) blocked on _wake
    private PaddedLong _stopping; // 1 once BeginStop ran; lets the idle loop skip reading the producers' tail line
    private PaddedLong _dead; // 1 once the shard gave up after repeated failures
    private PaddedLong _heartbeat; // UTC ticks of the loop's last round (engine clock)

    /// <summary>A shard; <paramref name="logger"/> must not throw (the engine passes a <see cref="GuardedLogger"/>).</summary>
    /// <param name="id">The shard's number.</param>
    /// <param name="options">The engine's options.</param>
    /// <param name="pool">Where command completions come from.</param>
    /// <param name="time">The engine's clock.</param>
    /// <param name="logger">A logger that never throws.</param>
    /// <param name="metrics">The engine's instruments.</param>
    /// <param name="journal">Opens the shard's journal given the callback that wakes the shard when records become safe; null: in memory.</param>
    public Shard(
        int id, QueueEngineOptions options, CommandCompletionPool pool, TimeProvider time, ILogger logger, EngineMetrics metrics,
        Func<Action, ShardJournal>? journal = null)
    {
        Id = id;
        _options = options;
        _pool = pool;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _ring = new IngressRing(options.IngressCapacity);
        _tickIntervalTicks = options.TickInterval.Ticks;
        _full = CommandResult.Fail(
            QueueError.Overloaded,
            $"The ingress queue of shard {id} is full ({options.IngressCapacity} commands waiting): the engine is overloaded; retry later.");
        _abandoned = CommandResult.Fail(
            QueueError.Unavailable, $"Shard {id} stopped after repeated failures: the engine cannot apply commands to its halls (see the logs).");
        _journalFailed = CommandResult.Fail(
            QueueError.Unavailable,
            $"Shard {id}'s journal cannot write (see the logs: a full disk or an unwritable data directory), so the command was not acknowledged; it takes no more commands until the engine is restarted (free space or fix the directory first: the restart recovers every acknowledged command).");
        _clockFailed = CommandResult.Fail(
            QueueError.Unavailable, $"Shard {id} could not read the engine's clock, so the command was not applied; retry later.");

        // The timer comes from the injected clock, so a fake clock's Advance wakes a blocked shard for due halls.
        _timer = time.CreateTimer(static s => ((Shard)s!).WakeIfSleeping(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _thread = new Thread(Run) { IsBackground = true, Name = $"QueueCore shard {id}" };
        _journal = journal?.Invoke(WakeIfSleeping);
        _inline = options.ApplyOnCallingThread && _journal is null;
        _handOff = _inline && options.RunContinuationsAsynchronously;
        _spinIterations = _journal?.Writer.Mode == JournalMode.Durable ? options.SpinIterations / DurableSpinDivisor : options.SpinIterations;
    }

    /// <summary>The shard's number, from 0.</summary>
    public int Id { get; }

    /// <summary>
    /// Rounds of spinning before blocking (<see cref="SpinThenBlockIdle"/>): the option, or a tenth of it with a durable
    /// journal. There every answer waits for an fsync (a few hundred microseconds), so the microseconds a wake-up
    /// costs are not worth a core that the producers and the flusher need: spinning through the fsync took a fifth of
    /// the shard thread's time and a good part of a 2-core machine.
    /// </summary>
    public int SpinIterations => _spinIterations;

    /// <summary>The shard's clock now (may throw if the clock does).</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Commands waiting in the ring (for the depth gauge).</summary>
    public long Depth => _ring.Count;

    /// <summary>Slots in the ring.</summary>
    public int Capacity => _ring.Capacity;

    /// <summary>Completes when the shard thread has stopped (or, never started, was drained).</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>How many halls the shard owns (tombstones included).</summary>
    public int HallCount => Volatile.Read(ref _halls).Length; // acquire: the latest published array

    /// <summary>Whether the calling thread is this shard's thread, or a caller applying its commands right now.</summary>
    public bool IsCurrentThread => Thread.CurrentThread == _thread || HoldsTurn;

    /// <summary>Whether the thread was started.</summary>
    public bool IsStarted => Volatile.Read(ref _started); // acquire: any thread may ask (health)

    /// <summary>Whether the shard gave up after repeated failures.</summary>
    public bool IsAbandoned => _dead.Read() != 0;

    /// <summary>Whether the thread is running its loop (started, not stopped, not given up).</summary>
    public bool IsRunning => IsStarted && !_stopped.Task.IsCompleted && !IsAbandoned;

    /// <summary>The engine clock's UTC ticks at the loop's last round (0 before the first).</summary>
    public long HeartbeatTicks => _heartbeat.Read();

    /// <summary>
    /// Gives the shard a new hall (before or after start). Any thread. <paramref name="predecessor"/>: the entry of a
    /// removed hall with the same id (on any shard), whose readers' sequence numbers the new hall must not take as its own.
    /// </summary>
    public HallEntry Add(Hall hall, HallEntry? predecessor = null)
    {
        HallEntry entry;
        lock (_hallsLock) // rare: a plain lock where lock-free does not pay
        {
            var current = _halls;
            entry = new HallEntry(hall, current.Length, _options.HistorySize, predecessor);
            Volatile.Write(ref _halls, [.. current, entry]); // release: the hall is fully built before the shard can see it
        }

        if (_journal is not null)
        {
            _newHalls.WriteFullFence(1); // full fence: set before we look at the sleeping flag
            WakeIfSleeping(); // so a hall nobody commands yet is still recorded within a round
        }

        return entry;
    }

    /// <summary>This shard's totals for the engine's command and event counters.</summary>
    public CommandTally Tally { get; } = new();

    /// <summary>All the shard's halls (removed ones stay as tombstones, so indices never move).</summary>
    public HallEntry[] Halls => Volatile.Read(ref _halls); // acquire: the latest published array

    /// <summary>Starts the thread.</summary>
    public void Start()
    {
        Volatile.Write(ref _started, true); // release: read by health checks on other threads
        _thread.Start();
        if (_inline)
        {
            _inlineOpen.Write(1); // after the recovery and restores that ran before the start: callers may apply from now on
        }
    }

    /// <summary>Queues a command for hall <paramref name="hallIndex"/>. Any thread; allocates nothing unless cancellable.</summary>
    public ValueTask<CommandResult> Submit(int hallIndex, in HallCommand command, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new ValueTask<CommandResult>(CancelledEarly);
        }

        var completion = _pool.Rent();
        var task = completion.Prepare();
        var status = _ring.TryEnqueue(in command, hallIndex, completion);
        if (status == EnqueueStatus.Full)
        {
            status = WaitForRoom(in command, hallIndex, completion);
        }

        if (status != EnqueueStatus.Queued)
        {
            completion.Abandon();
            var refused = status == EnqueueStatus.Full ? _full : IsAbandoned ? _abandoned : ShuttingDown;
            Tally.Refused(command.Kind, refused.Error);
            return new ValueTask<CommandResult>(refused);
        }

        if (_inline && _inlineOpen.Read() != 0)
        {
            ApplyQueuedInline(completion);
            if (task.IsCompleted)
            {
                return task; // applied on this thread: nothing left to cancel
            }
        }
        else
        {
            WakeIfSleeping();
        }

        completion.RegisterCancellation(cancellationToken);
        return task;
    }

    /// <summary>Stops accepting; the thread drains what was queued, then exits.</summary>
    public void BeginStop()
    {
        _inlineOpen.Write(0);
        _ring.Close();
        _stopping.Write(1); // release: the ring's closed bit is visible to whoever sees this flag
        _sleeping.Write(0);
        _wake.Set(); // unconditionally: the shard re-checks the ring's closed bit after announcing sleep
    }

    /// <summary>After <see cref="BeginStop"/> on a shard whose thread never started: drains it on the calling thread.</summary>
    public void StopIfNeverStarted()
    {
        if (_started)
        {
            return;
        }

        DrainAfterClose(); // no thread ever consumed: the caller is now the single consumer
        CloseControl(run: true);
        CloseJournal(snapshot: true);
        _stopped.TrySetResult();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _timer.Dispose();
        _wake.Dispose();
    }

    /// <summary>Wakes the shard if it declared it is blocking. The producer's half of the sleep handshake.</summary>
    private void WakeIfSleeping()
    {
        if (_sleeping.ReadFullFence() != 0) // full fence: our slot publish is visible before we look at the flag
        {
            WakeSlow();
        }
    }

    private void WakeSlow()
    {
        if (_sleeping.CompareExchange(0, 1) == 1) // one waker per sleep, so a burst of producers sets the event once
        {
            _wake.Set();
        }
    }

    private EnqueueStatus WaitForRoom(in HallCommand command, int hallIndex, CommandCompletion completion)
    {
        // A brief wait absorbs a burst; past that the shard is overloaded and the caller is told so (see IngressCapacity).
        var spinner = default(SpinWait);
        for (var i = 0; i < 64; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            var status = _ring.TryEnqueue(in command, hallIndex, completion);
            if (status != EnqueueStatus.Full)
            {
                return status;
            }
        }

        return EnqueueStatus.Full;
    }
}
