namespace QueueCore;

/// <summary>
/// How a <see cref="QueueEngine"/> runs: shards, ingress rings, waiting, timers, history and shutdown. Bindable from
/// configuration (section <c>QueueCore:Engine</c> with <see cref="QueueCoreOptions"/>).
/// </summary>
public sealed record QueueEngineOptions
{
    /// <summary>
    /// The number of shard threads (1 to 1,024); halls are spread over them. Default: half the cores, at least one
    /// (<c>Math.Max(1, Environment.ProcessorCount / 2)</c>).
    /// </summary>
    /// <remarks>
    /// A shard keeps a core busy while it has work (and spins briefly before it blocks), and the callers that submit
    /// commands need cores too, usually in the same process. One shard per core leaves none for them: on a 2-core
    /// machine with in-process producers (load generator, 16 halls, one producer), one shard gave 2.7 to 3.0 M
    /// commands/s against 0.73 M/s with two, because the producers and two spinning shards fought for two cores;
    /// rerun on the same (shared, busier) machine: 1.6 to 1.9 M/s against 0.6 M/s. Raise it when producers run
    /// elsewhere (a server whose load comes in over the network still needs cores for its I/O) and measure with the
    /// load generator.
    /// </remarks>
    public int ShardCount { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// Slots in each shard's ingress ring: a power of two, 2 to 2^24. Default 65536. Memory is reserved up front,
    /// about 128 bytes per slot per shard, so all shards' rings together may hold at most 2^26 slots (8 GiB). When a ring is full, a submit waits briefly for room and then returns
    /// <see cref="QueueError.Overloaded"/>: a shard that far behind is overloaded, and waiting longer would only
    /// grow every caller's latency. A call cancelled while its command waits in the ring is answered
    /// <see cref="QueueError.Cancelled"/> at once, and its slot is freed when the shard reaches it, which skips it
    /// without applying it: cancelled calls take room only while the shard is stalled (as they would have
    /// uncancelled), never once it runs. Control calls (snapshots, saves, restores, subscriptions) do not use the ring
    /// and are never refused for it.
    /// </summary>
    public int IngressCapacity { get; init; } = 65536;

    /// <summary>
    /// How an idle shard thread waits for commands. Default <see cref="WaitStrategy.SpinThenBlock"/>. Used with a
    /// journal or without <see cref="ApplyOnCallingThread"/>; otherwise callers apply the commands and the shard
    /// thread blocks between its timers and control work, whatever this says.
    /// </summary>
    public WaitStrategy WaitStrategy { get; init; } = WaitStrategy.SpinThenBlock;

    /// <summary>
    /// For <see cref="WaitStrategy.SpinThenBlock"/>: short pauses (about 0.2 µs each on current x64) an idle shard
    /// spins before it yields and then blocks (0 or more). Default 1000, about 0.2 ms: long enough to ride out the
    /// gaps of a busy stream without a wake-up, short enough not to burn a core when the hall is quiet.
    /// </summary>
    public int SpinIterations { get; init; } = 1000;

    /// <summary>
    /// How often an idle shard checks its halls' timers even when none is known to be due (positive, at most a
    /// day). Timers known to be due are fired at their instant regardless. Default 1 second.
    /// </summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events buffered per subscriber before it is marked lagged: 2 to 2^24, rounded up to a power of two. Default 4096.</summary>
    public int SubscriberBufferSize { get; init; } = 4096;

    /// <summary>
    /// Events each hall keeps so a reader can resume after the last sequence it saw
    /// (<see cref="HallHandle.Subscribe(long, int?)"/>): 0 to 2^24, rounded up to a power of two; 0 keeps none.
    /// Default 1024. Kept only for halls that have had a subscriber, so halls nobody watches pay nothing; about
    /// 80 bytes per event.
    /// </summary>
    public int HistorySize { get; init; } = 1024;

    /// <summary>
    /// How long disposing the engine waits for its shard threads to apply what is queued and stop (positive, or
    /// <see cref="Timeout.InfiniteTimeSpan"/>). Default 30 seconds. A shard still running then is logged and left
    /// behind, so a stuck hall cannot hang the process's shutdown; the calls queued on it are answered only if it gets
    /// going again (it may still apply them), so a caller that must not wait for that passes a cancellation token.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Run callers' continuations on the thread pool rather than on the shard thread. Default true; false saves a
    /// thread-pool hop but lets callers' code run on (and stall) a shard.
    /// </summary>
    public bool RunContinuationsAsynchronously { get; init; } = true;

    /// <summary>
    /// Let the thread that submits a command apply it (with any queued before it) when no other thread is applying
    /// that shard's commands, instead of handing it to the shard thread and waiting for the result to come back.
    /// Default true. It saves the two thread switches a command otherwise costs, which on a busy server are most of
    /// a call's time; the halls still see one thread at a time, in the order commands were queued, and the shard
    /// thread keeps the timers and control work. A caller applies at most a batch of other callers' commands before
    /// it hands the rest to the shard thread. Used only without a journal (with one, a command is answered once its
    /// record is safe). False: every command is applied on the shard thread, so a caller never runs a hall's work.
    /// </summary>
    public bool ApplyOnCallingThread { get; init; } = true;

    /// <summary>
    /// The journal that makes halls survive a restart: where it lives and how durable it is. Default: no directory,
    /// so no journal (in memory). With a directory, the engine recovers its halls from it when it is created
    /// (<see cref="QueueEngine.Recovery"/>) and, in the default <see cref="JournalMode.Durable"/> mode, answers a
    /// command and publishes its events only once its record is on disk.
    /// </summary>
    public JournalOptions Journal { get; init; } = new();

    /// <summary>Test hook: opens a journal segment file (a test injects a disk that fills up or stalls); null for real files.</summary>
    internal Func<string, Stream>? SegmentOpener { get; init; }

    private const int MaxShardCount = 1024;
    private const long MaxIngressSlots = 1L << 26;

    /// <summary>Throws when a value is out of range.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Journal, nameof(Journal));
        if (FindProblem() is { } problem)
        {
            throw problem.ToException();
        }
    }

    /// <summary>The first value out of range (its key relative to <c>QueueCore:Engine</c>), or null.</summary>
    internal OptionProblem? FindProblem()
    {
        if (Journal?.FindProblem() is { } journal)
        {
            return journal with { Key = $"{nameof(Journal)}:{journal.Key}" };
        }

        // The rings are allocated (and zeroed) when the engine is built: without the bound on their product, a typo
        // such as ShardCount = 10000 asked for 80 GB and left the process paging instead of failing with a message.
        var slots = (long)ShardCount * IngressCapacity;
        return this switch
        {
            { ShardCount: < 1 or > MaxShardCount } => new(nameof(ShardCount), ShardCount, $"ShardCount must be 1 to {MaxShardCount}; it is {ShardCount}."),
            _ when IngressCapacity is < 2 or > 1 << 24 || (IngressCapacity & (IngressCapacity - 1)) != 0 =>
                new(nameof(IngressCapacity), IngressCapacity, $"IngressCapacity must be a power of two from 2 to {1 << 24}; it is {IngressCapacity}."),
            _ when slots > MaxIngressSlots => new(nameof(IngressCapacity), IngressCapacity,
                $"ShardCount x IngressCapacity is {slots:N0} ring slots (about {slots * 128 / (1L << 30):N0} GiB reserved up front); at most {MaxIngressSlots:N0} (8 GiB). Lower ShardCount or IngressCapacity."),
            _ when !Enum.IsDefined(WaitStrategy) => new(nameof(WaitStrategy), WaitStrategy, "WaitStrategy must be SpinThenBlock, Blocking or BusySpin."),
            { SpinIterations: < 0 } => new(nameof(SpinIterations), SpinIterations, $"SpinIterations must not be negative; it is {SpinIterations}."),
            { TickInterval: var t } when t <= TimeSpan.Zero || t > TimeSpan.FromDays(1) =>
                new(nameof(TickInterval), TickInterval, $"TickInterval must be positive and at most a day; it is {TickInterval}."),
            { SubscriberBufferSize: < SubscriptionBuffer.MinCapacity or > SubscriptionBuffer.MaxCapacity } =>
                new(nameof(SubscriberBufferSize), SubscriberBufferSize, $"SubscriberBufferSize must be {SubscriptionBuffer.MinCapacity} to {SubscriptionBuffer.MaxCapacity}; it is {SubscriberBufferSize}."),
            { HistorySize: < 0 or > 1 << 24 } => new(nameof(HistorySize), HistorySize, $"HistorySize must be 0 to {1 << 24}; it is {HistorySize}."),
            { ShutdownTimeout: var s } when s != Timeout.InfiniteTimeSpan && (s <= TimeSpan.Zero || s > TimeSpan.FromMilliseconds(int.MaxValue)) =>
                new(nameof(ShutdownTimeout), ShutdownTimeout, $"ShutdownTimeout must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}, or -00:00:00.001 for none; it is {ShutdownTimeout}."),
            _ => null,
        };
    }
}
