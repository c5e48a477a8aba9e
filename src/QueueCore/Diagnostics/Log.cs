using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>QueueCore's log messages, source-generated, with stable event ids (1xxx: engine).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "ShardStarted", Level = LogLevel.Debug, Message = "QueueCore shard {Shard} started")]
    public static partial void ShardStarted(ILogger logger, int shard);

    [LoggerMessage(EventId = 1002, EventName = "ShardStopped", Level = LogLevel.Debug, Message = "QueueCore shard {Shard} stopped")]
    public static partial void ShardStopped(ILogger logger, int shard);

    [LoggerMessage(EventId = 1003, EventName = "HallAdded", Level = LogLevel.Information, Message = "Hall {HallId} added to shard {Shard}")]
    public static partial void HallAdded(ILogger logger, string hallId, int shard);

    [LoggerMessage(EventId = 1004, EventName = "CommandFailed", Level = LogLevel.Error,
        Message = "Hall {HallId} threw while applying {Kind}; the caller got an Unavailable result and the shard goes on")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string hallId, CommandKind kind);

    [LoggerMessage(EventId = 1005, EventName = "SubscriberLagged", Level = LogLevel.Warning,
        Message = "A subscriber of hall {HallId} fell behind (buffer {Capacity}); events after sequence {Sequence} are dropped until it catches up")]
    public static partial void SubscriberLagged(ILogger logger, string hallId, int capacity, long sequence);

    [LoggerMessage(EventId = 1006, EventName = "WorkItemFailed", Level = LogLevel.Error, Message = "Shard {Shard} work item {Item} threw; the shard goes on")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception, int shard, string item);

    [LoggerMessage(EventId = 1007, EventName = "EngineStopping", Level = LogLevel.Information,
        Message = "QueueCore engine stopping: draining queued commands of {HallCount} halls")]
    public static partial void EngineStopping(ILogger logger, int hallCount);

    [LoggerMessage(EventId = 1008, EventName = "EngineStopped", Level = LogLevel.Information, Message = "QueueCore engine stopped")]
    public static partial void EngineStopped(ILogger logger);
}
