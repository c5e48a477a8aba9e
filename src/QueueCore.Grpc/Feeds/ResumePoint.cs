using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Feeds;

/// <summary>
/// Where a screen that reconnects with the last sequence it saw picks up the hall feed's log
/// (<see cref="HallFeed.Resume"/>), and the waiting counts it is sent first.
/// </summary>
/// <param name="Index">The log index of the first entry the screen missed; -1 when it needs a fresh snapshot instead.</param>
/// <param name="Counts">
/// The newest waiting counts the feed holds, as an update at the screen's own sequence (it brings the screen no further:
/// a reconnect right after it skips nothing); null when the feed has none yet (its first refresh comes as an update).
/// </param>
/// <param name="CountsThrough">
/// The log's end when the counts were taken: the waiting counts logged before it are no newer than <paramref name="Counts"/>,
/// so the stream leaves them out rather than showing older counts after the newest.
/// </param>
public readonly record struct ResumePoint(long Index, DisplayUpdate? Counts, long CountsThrough)
{
    /// <summary>The screen cannot resume from the log: it starts over from a snapshot.</summary>
    public static ResumePoint Snapshot => new(-1, null, -1);

    /// <summary>Whether the screen resumes from the log.</summary>
    public bool FromLog => Index >= 0;
}
