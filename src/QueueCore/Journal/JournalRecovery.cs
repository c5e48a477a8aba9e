namespace QueueCore;

/// <summary>
/// What the engine found in its journal when it started (<see cref="QueueEngine.Recovery"/>): the halls it rebuilt,
/// how many records it replayed and how long that took, and where the log was cut if it was damaged.
/// </summary>
public sealed record JournalRecovery
{
    /// <summary>The data directory.</summary>
    public required string Directory { get; init; }

    /// <summary>The generation the halls were recovered from (0 when the directory held no journal).</summary>
    public required long Generation { get; init; }

    /// <summary>The generation the engine writes from now on.</summary>
    public required long NewGeneration { get; init; }

    /// <summary>The ids of the halls recovered.</summary>
    public required IReadOnlyList<string> Halls { get; init; }

    /// <summary>Journal records read and replayed (snapshots and commands).</summary>
    public required long Records { get; init; }

    /// <summary>Bytes of journal read.</summary>
    public required long Bytes { get; init; }

    /// <summary>How long reading and replaying took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Where a record was damaged (a flipped byte, a bad length, a record that does not decode), each as
    /// "segment at byte N: why". Recovery cut that shard's log there and replayed nothing after it; the damaged
    /// generation is kept beside the new one for inspection. Empty when the journal was intact.
    /// </summary>
    public required IReadOnlyList<string> Damage { get; init; }

    /// <summary>
    /// Where a log ended inside a record: the write a crash cut short (never acknowledged, so nothing is lost).
    /// Expected after a crash; not damage.
    /// </summary>
    public required IReadOnlyList<string> TornTails { get; init; }
}
