namespace QueueCore;

/// <summary>
/// Where and how the engine journals the commands it applies, so a restarted engine recovers every acknowledged
/// ticket (<see cref="QueueEngineOptions.Journal"/>; section <c>QueueCore:Engine:Journal</c>). The journal is on
/// when <see cref="Directory"/> is set and <see cref="Mode"/> is not <see cref="JournalMode.None"/>.
/// </summary>
public sealed record JournalOptions
{
    /// <summary>How commands are made durable. Default <see cref="JournalMode.Durable"/>.</summary>
    public JournalMode Mode { get; init; } = JournalMode.Durable;

    /// <summary>
    /// The data directory (created if missing). The engine keeps one generation of logs there, one subdirectory per
    /// shard, and recovers from it at start; older logs are kept in its <c>archive</c> subdirectory (see
    /// <see cref="ArchiveRetention"/>). A relative path is taken from the process's current directory when the engine is
    /// created (the start's log line, <c>EngineStarted</c>, gives the full path; the QueueCore server takes it from its
    /// content root instead). Null, empty or blank: no journal. A path with a NUL character is refused.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>
    /// For <see cref="JournalMode.Batched"/>: how often the journal is fsynced, which bounds what a power loss can
    /// take (1 ms to 10 s). Default 10 ms.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A shard starts a new segment file once its current one holds this many bytes (64 KiB to 4 GiB), and begins it
    /// with a snapshot of each of its halls; the segments before that snapshot then go to the archive (see
    /// <see cref="ArchiveRetention"/>), where recovery does not read them. So this also bounds
    /// what recovery replays: a snapshot plus at most one segment of commands. Default 32 MiB (about 800,000
    /// commands). When the halls are so large that their snapshots would be more than a quarter of that, a segment
    /// grows to four times their snapshots' size instead, so snapshots never take most of the disk's time.
    /// </summary>
    public long SegmentBytes { get; init; } = 32L << 20;

    /// <summary>
    /// How long the segments recovery no longer needs (those a round of snapshots covered, and the generations before
    /// the current start's) are kept in the directory's <c>archive</c> subdirectory, so that <see cref="DayTraceExport"/>
    /// still finds the whole day after segment roll-overs and restarts (0 to 366 days). Counted from each file's last
    /// write; older files are deleted at each roll-over and start. Recovery never reads the archive. Zero: they are
    /// deleted at once (an export then holds only what the last round of snapshots left; after a graceful stop, which
    /// snapshots the halls (<see cref="SnapshotAtStop"/>), nothing of the day's commands before it). Default 2 days: a working day
    /// plus an export after closing. Disk use: the commands of that period, about 37 bytes each (bench/RESULTS.md,
    /// "Journal"), plus a round of snapshots per segment.
    /// </summary>
    public TimeSpan ArchiveRetention { get; init; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Whether a graceful stop snapshots every hall after its last command (fsynced, the segments before archived), so
    /// the next start replays no command: what makes an upgrade safe, since a new version may apply old commands by other
    /// rules (see <see cref="QueueEngine.RulesVersion"/>). Takes at most half of
    /// <see cref="QueueEngineOptions.ShutdownTimeout"/>. Default true; false stops sooner with very large halls, and the
    /// next start replays the commands since the last snapshots, as after a crash.
    /// </summary>
    public bool SnapshotAtStop { get; init; } = true;

    /// <summary>Whether the journal is on.</summary>
    public bool IsEnabled => Mode != JournalMode.None && !string.IsNullOrWhiteSpace(Directory);

    /// <summary>The first value out of range (its key relative to this section), or null.</summary>
    internal OptionProblem? FindProblem() => this switch
    {
        _ when !Enum.IsDefined(Mode) => new(nameof(Mode), Mode, "Mode must be Durable, Batched or None."),
        // No path can hold one: the runtime refused it from deep inside the journal's start, naming its own 'path'. No
        // value in the exception: it would print the NUL.
        { Directory: { } d } when d.Contains('\0', StringComparison.Ordinal) =>
            new(nameof(Directory), null, $"Directory may not hold a NUL character (U+0000); it has one at position {d.IndexOf('\0', StringComparison.Ordinal) + 1}."),
        { FlushInterval: var f } when f < TimeSpan.FromMilliseconds(1) || f > TimeSpan.FromSeconds(10) =>
            new(nameof(FlushInterval), FlushInterval, $"FlushInterval must be 1 ms to 10 s; it is {FlushInterval}."),
        { SegmentBytes: < 64L << 10 or > 4L << 30 } =>
            new(nameof(SegmentBytes), SegmentBytes, $"SegmentBytes must be {64L << 10} (64 KiB) to {4L << 30} (4 GiB); it is {SegmentBytes}."),
        { ArchiveRetention: var r } when r < TimeSpan.Zero || r > TimeSpan.FromDays(366) =>
            new(nameof(ArchiveRetention), ArchiveRetention, $"ArchiveRetention must be 0 to 366 days; it is {ArchiveRetention}."),
        _ => null,
    };
}
