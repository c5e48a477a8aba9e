namespace QueueCore;

/// <summary>How the engine's journal makes commands durable.</summary>
internal enum JournalMode
{
    /// <summary>
    /// Default. A command's result is given, and its events published, only once its record is on disk (fsync);
    /// one fsync covers every command that arrived meanwhile (group commit). No acknowledged command is lost.
    /// </summary>
    Durable = 0,

    /// <summary>
    /// Results are given once the record is written to the operating system, and the journal is fsynced every
    /// the flush interval: a crash of the process loses nothing, a power loss at most that
    /// interval of acknowledged commands.
    /// </summary>
    Batched = 1,

    /// <summary>No journal: in memory only (simulations, benchmarks, tests).</summary>
    None = 2,
}
