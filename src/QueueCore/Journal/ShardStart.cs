namespace QueueCore;

/// <summary>
/// What a generation's start wrote into one shard's log, as its <c>ready</c> marker records it (see
/// <see cref="ReadyMarker"/>): the records of the halls it recovered onto the shard, at the beginning of the shard's
/// first segment.
/// </summary>
/// <param name="Length">Their length in bytes (0 when the shard had no hall at the start).</param>
/// <param name="Halls">The ids of the halls they hold, one record each.</param>
internal sealed record ShardStart(long Length, IReadOnlyList<string> Halls);
