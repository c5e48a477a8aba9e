namespace QueueCore.Grpc.Feeds;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "The feed of hall {Hall} stopped")]
    public static partial void FeedStopped(ILogger logger, string hall, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "The feed of hall {Hall} lagged behind the hall and resynced from a snapshot at sequence {Sequence}; its streams start over")]
    public static partial void FeedResynced(ILogger logger, string hall, long sequence);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "The feed of hall {Hall} started from a snapshot at sequence {Sequence} (the hall had events before its feed started: recovered from the journal, restored, or its day just opened)")]
    public static partial void FeedStartedFromSnapshot(ILogger logger, string hall, long sequence);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Hall {Hall} was restored to an earlier state: its feed started over from a snapshot at sequence {Sequence}, its streams start over, and a screen resuming after a sequence above {RenumberedAfter} up to {RenumberedThrough} (numbers the restore gave out again) gets a snapshot")]
    public static partial void FeedRestored(ILogger logger, string hall, long sequence, long renumberedAfter, long renumberedThrough);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Hall {Hall} is faulted ({Reason}): its feed waits for the hall to be restored (HallHandle.RestoreAsync), and its screens keep what they show until then")]
    public static partial void FeedWaitsForRestore(ILogger logger, string hall, string reason);

    [LoggerMessage(EventId = 2006, EventName = "FeedFailed", Level = LogLevel.Error, Message = "The feed of hall {Hall} failed: its screens' and dashboards' streams end Unavailable, and the next stream of the hall starts a new feed")]
    public static partial void FeedFailed(ILogger logger, string hall, Exception exception);
}
