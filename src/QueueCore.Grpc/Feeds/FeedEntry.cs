using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Feeds;

/// <summary>
/// One entry of a hall feed's log: a hall event, and what it means for screens, built once for every stream.
/// A value kept in place in the log (<see cref="FeedLog"/>), not an object per event: at thousands of events a second
/// each object outlived the next young collection (the log holds it) and made most of what the collector copied.
/// </summary>
/// <param name="Event">The hall event (default for a waiting-count refresh or a reset).</param>
/// <param name="Sequence">The hall sequence the entry brings a reader to.</param>
/// <param name="Display">The display update, or null when the entry changes nothing on screens.</param>
/// <param name="Window">The window a call or clear concerns (0: every screen).</param>
/// <param name="Kind">What kind of entry it is.</param>
public readonly record struct FeedEntry(HallEvent Event, long Sequence, DisplayUpdate? Display, int Window, FeedEntryKind Kind);

/// <summary>What a feed entry carries.</summary>
public enum FeedEntryKind
{
    /// <summary>A hall event.</summary>
    Event,

    /// <summary>Fresh waiting counts.</summary>
    Waiting,

    /// <summary>The feed lost events (its subscription lagged) and rebuilt itself from a snapshot: readers start over.</summary>
    Reset,

    /// <summary>
    /// An admin renamed the hall or a window with a call on screen, or changed the hall's time zone (a redefinition, after
    /// its <see cref="Event"/> entry): screens take a fresh snapshot, which has the new names and time zone. Calls made
    /// after it carry the new names anyway.
    /// </summary>
    Renamed,
}
