namespace QueueCore;

/// <summary>How the engine's journal makes commands durable (<see cref="JournalOptions.Mode"/>).</summary>
public enum JournalMode
{
    /// <summary>
    /// Default. A command's result is given, and its events published, only once its record is on disk (fsync);
    /// one fsync covers every command that arrived meanwhile (group commit). No acknowledged command is lost, even
    /// to a power cut.
    /// </summary>
    Durable = 0,

    /// <summary>
    /// A command's result is given once its record is written to the operating system, and the journal is fsynced
    /// every <see cref="JournalOptions.FlushInterval"/>: a crash of the process loses nothing acknowledged, a power
    /// loss or a kernel crash at most that interval of acknowledged commands, whose events subscribers (screens) may
    /// already have shown.
    /// </summary>
    Batched = 1,

    /// <summary>No journal: in memory only (simulations, benchmarks, tests). A crash loses every hall.</summary>
    None = 2,
}
