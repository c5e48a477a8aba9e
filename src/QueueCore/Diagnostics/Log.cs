using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>QueueCore's log messages, source-generated, with stable event ids (1xxx: engine).</summary>
/// <remarks>Retired ids are never reused: 1004 (CommandFailed, replaced by 1009 HallFaulted).</remarks>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "ShardStarted", Level = LogLevel.Debug, Message = "QueueCore shard {Shard} started")]
    public static partial void ShardStarted(ILogger logger, int shard);

    [LoggerMessage(EventId = 1002, EventName = "ShardStopped", Level = LogLevel.Debug, Message = "QueueCore shard {Shard} stopped")]
    public static partial void ShardStopped(ILogger logger, int shard);

    [LoggerMessage(EventId = 1003, EventName = "HallAdded", Level = LogLevel.Information, Message = "Hall {HallId} added to shard {Shard}")]
    public static partial void HallAdded(ILogger logger, string hallId, int shard);

    [LoggerMessage(EventId = 1050, EventName = "HallRecovered", Level = LogLevel.Information,
        Message = "Hall {HallId} recovered from the journal onto shard {Shard}, at event sequence {Sequence}")]
    public static partial void HallRecovered(ILogger logger, string hallId, int shard, long sequence);

    [LoggerMessage(EventId = 1005, EventName = "SubscriberLagged", Level = LogLevel.Warning,
        Message = "A subscriber of hall {HallId} fell behind (buffer {Capacity}); events after sequence {Sequence} are dropped until it catches up")]
    public static partial void SubscriberLagged(ILogger logger, string hallId, int capacity, long sequence);

    [LoggerMessage(EventId = 1006, EventName = "WorkItemFailed", Level = LogLevel.Error, Message = "Shard {Shard} work item {Item} threw; the shard goes on")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception, int shard, string item);

    [LoggerMessage(EventId = 1038, EventName = "JournalNotUsed", Level = LogLevel.Warning,
        Message = "The data directory {DataDirectory} holds a journal, but the journal's Mode None keeps this engine in memory: " +
            "its halls are not recovered from it and nothing of this run is written there. Started with a journal again, " +
            "the engine recovers the halls as they were when the journal was last used, without this run's tickets")]
    public static partial void JournalNotUsed(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 1040, EventName = "EngineStarted", Level = LogLevel.Information,
        Message = "QueueCore engine started (shards: {ShardCount}, halls: {HallCount}, journal: {JournalMode}, data directory: {DataDirectory})")]
    public static partial void EngineStarted(ILogger logger, int shardCount, int hallCount, JournalMode journalMode, string dataDirectory);

    [LoggerMessage(EventId = 1007, EventName = "EngineStopping", Level = LogLevel.Information,
        Message = "QueueCore engine stopping: draining queued commands (halls: {HallCount})")]
    public static partial void EngineStopping(ILogger logger, int hallCount);

    [LoggerMessage(EventId = 1008, EventName = "EngineStopped", Level = LogLevel.Information, Message = "QueueCore engine stopped")]
    public static partial void EngineStopped(ILogger logger);

    [LoggerMessage(EventId = 1009, EventName = "HallFaulted", Level = LogLevel.Error,
        Message = "Hall {HallId} threw while applying {Kind} and is isolated until it is restored: later commands are refused with HallFaulted and its subscribers were told they lagged")]
    public static partial void HallFaulted(ILogger logger, Exception exception, string hallId, CommandKind kind);

    [LoggerMessage(EventId = 1010, EventName = "ClockFailed", Level = LogLevel.Error,
        Message = "Shard {Shard} could not read the clock; its commands are refused with Unavailable and timers wait until the clock works again")]
    public static partial void ClockFailed(ILogger logger, Exception exception, int shard);

    [LoggerMessage(EventId = 1011, EventName = "ClockRecovered", Level = LogLevel.Information, Message = "Shard {Shard} reads the clock again")]
    public static partial void ClockRecovered(ILogger logger, int shard);

    [LoggerMessage(EventId = 1012, EventName = "ShardLoopFailed", Level = LogLevel.Error,
        Message = "Shard {Shard} loop threw ({Failures} in a row); it goes on")]
    public static partial void ShardLoopFailed(ILogger logger, Exception exception, int shard, int failures);

    [LoggerMessage(EventId = 1013, EventName = "ShardAbandoned", Level = LogLevel.Critical,
        Message = "Shard {Shard} stopped after {Failures} failures in a row: its queued and later commands complete with Unavailable")]
    public static partial void ShardAbandoned(ILogger logger, int shard, int failures);

    [LoggerMessage(EventId = 1046, EventName = "DrainOutlastedHostStop", Level = LogLevel.Warning,
        Message = "The host's shutdown timeout passed while the QueueCore engine was still applying queued commands; the drain goes on, and disposing the engine waits for it (at most {Timeout})")]
    public static partial void DrainOutlastedHostStop(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 1014, EventName = "ShutdownTimedOut", Level = LogLevel.Error,
        Message = "QueueCore engine shutdown gave up waiting for shard {Shard} after {Timeout}; commands still queued on it may never complete")]
    public static partial void ShutdownTimedOut(ILogger logger, int shard, TimeSpan timeout);

    [LoggerMessage(EventId = 1015, EventName = "HallRestored", Level = LogLevel.Information,
        Message = "Hall {HallId} restored from a state at sequence {Sequence}; its subscribers resynchronise")]
    public static partial void HallRestored(ILogger logger, string hallId, long sequence);

    [LoggerMessage(EventId = 1016, EventName = "HallRemoved", Level = LogLevel.Information, Message = "Hall {HallId} removed from shard {Shard}")]
    public static partial void HallRemoved(ILogger logger, string hallId, int shard);

    [LoggerMessage(EventId = 1017, EventName = "HallRedefined", Level = LogLevel.Information,
        Message = "Hall {HallId} redefined at sequence {Sequence}")]
    public static partial void HallRedefined(ILogger logger, string hallId, long sequence);

    [LoggerMessage(EventId = 1018, EventName = "ContinuationFailed", Level = LogLevel.Error,
        Message = "A caller's continuation threw on shard {Shard} (RunContinuationsAsynchronously is off); the command was completed and the shard goes on")]
    public static partial void ContinuationFailed(ILogger logger, Exception exception, int shard);

    [LoggerMessage(EventId = 1047, EventName = "PooledContinuationFailed", Level = LogLevel.Error,
        Message = "A caller's continuation threw on the pool thread that completed its command (applied by another caller); the command was completed")]
    public static partial void PooledContinuationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1019, EventName = "JournalFailed", Level = LogLevel.Critical,
        Message = "The journal in {Directory} cannot be written: no command is acknowledged from now on, until the engine is restarted")]
    public static partial void JournalFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 1036, EventName = "JournalFailedAtStart", Level = LogLevel.Error,
        Message = "The journal in {Directory} cannot be written while the engine starts: the engine does not start, and the commands journaled before are kept for the next start")]
    public static partial void JournalFailedAtStart(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 1020, EventName = "JournalRecovered", Level = LogLevel.Information,
        Message = "Journal in {Directory}: generation {Generation} recovered (halls: {Halls}), replaying {Records} records in {ElapsedMs} ms")]
    public static partial void JournalRecovered(ILogger logger, string directory, int halls, long generation, long records, long elapsedMs);

    [LoggerMessage(EventId = 1037, EventName = "JournalEmpty", Level = LogLevel.Information,
        Message = "Journal in {Directory}: no journal there yet, nothing recovered; the halls start from their configuration (if halls had run before, check that this is the directory their journal was kept in)")]
    public static partial void JournalEmpty(ILogger logger, string directory);

    [LoggerMessage(EventId = 1021, EventName = "JournalDamaged", Level = LogLevel.Warning,
        Message = "Journal damaged: {Damage}. Recovery replays no hall's commands across it; only halls with a snapshot after it are rebuilt past it (the damaged generation is kept in {Kept})")]
    public static partial void JournalDamaged(ILogger logger, string damage, string kept);

    [LoggerMessage(EventId = 1022, EventName = "JournalTornTail", Level = LogLevel.Information,
        Message = "Journal ends inside a record (a write cut short by a crash or a full disk): {Damage}. In durable mode that record was never acknowledged; in batched mode it, and whole records before it, may have been acknowledged within the flush interval (its stated window of loss); recovery stops before it")]
    public static partial void JournalTornTail(ILogger logger, string damage);

    [LoggerMessage(EventId = 1023, EventName = "JournalStarted", Level = LogLevel.Information,
        Message = "Journal on: {Mode} mode, generation {Generation} in {Directory}")]
    public static partial void JournalStarted(ILogger logger, JournalMode mode, long generation, string directory);

    [LoggerMessage(EventId = 1024, EventName = "HallIsolatedUnsaved", Level = LogLevel.Error,
        Message = "Hall {HallId} applied commands its journal could not save and is isolated until the engine restarts (it then recovers the hall as saved): its commands are refused and its state is not shown")]
    public static partial void HallIsolatedUnsaved(ILogger logger, string hallId);

    [LoggerMessage(EventId = 1025, EventName = "JournalZeroTail", Level = LogLevel.Information,
        Message = "Journal segment {Segment} ends in {Length} zero bytes from byte {Offset} (space the file system allocated that no record reached: a power loss before an fsync, or preallocation). Read as the clean end of the log, not as damage")]
    public static partial void JournalZeroTail(ILogger logger, string segment, long offset, long length);

    [LoggerMessage(EventId = 1026, EventName = "JournalFileMissing", Level = LogLevel.Error,
        Message = "Journal file missing: {Problem}. Reported as damage (health degraded); nothing is deleted: the generation is kept as {Kept}")]
    public static partial void JournalFileMissing(ILogger logger, string problem, string kept);

    [LoggerMessage(EventId = 1027, EventName = "JournalHallLost", Level = LogLevel.Error,
        Message = "Hall {HallId} was lost to the journal's damage at {Damage}: the log holds no whole record of it before the damage (a damaged first record, or a start cut short) and no snapshot of it follows, so it is not recovered. Added again (from configuration), it starts with an empty day and its ticket numbers start again at the first (A001): the tickets it had are gone, and numbers it handed out earlier the same day, which the journal cannot show, may be handed out a second time")]
    public static partial void JournalHallLost(ILogger logger, string hallId, string damage);

    [LoggerMessage(EventId = 1028, EventName = "JournalHallCut", Level = LogLevel.Error,
        Message = "Hall {HallId} is recovered as it stood at the journal's damage at {Damage}: {Skipped} of its commands after it are not replayed (the damaged record may have been one of them, and replaying the rest without it could give a different hall)")]
    public static partial void JournalHallCut(ILogger logger, string hallId, int skipped, string damage);

    [LoggerMessage(EventId = 1060, EventName = "JournalNumberingMoved", Level = LogLevel.Warning,
        Message = "Hall {HallId} is kept as it stood at the journal's damage, so tickets issued after it may be lost while their numbers are in citizens' hands: its numbering goes on at {NextNumbers} (and its ticket ids past the lost ones), so none of those numbers is called for someone else")]
    public static partial void JournalNumberingMoved(ILogger logger, string hallId, string nextNumbers);

    [LoggerMessage(EventId = 1045, EventName = "JournalSegmentsKeptForFaultedHalls", Level = LogLevel.Warning,
        Message = "Shard {Shard}'s journal keeps its older segments: faulted hall(s) {HallIds} cannot be snapshotted (their state is unknown) and their last good records, with every ticket they acknowledged, are there. They leave the live log (for the journal's archive) once the halls are restored (HallHandle.RestoreAsync) or removed; a restart recovers the halls from them")]
    public static partial void JournalSegmentsKeptForFaultedHalls(ILogger logger, int shard, string hallIds);

    [LoggerMessage(EventId = 1061, EventName = "JournalArchivePruneFailed", Level = LogLevel.Warning,
        Message = "Journal archive {Archive}: files older than the retention (JournalOptions.ArchiveRetention) could not all be deleted; the next roll-over or start tries again")]
    public static partial void JournalArchivePruneFailed(ILogger logger, Exception exception, string archive);

    [LoggerMessage(EventId = 1063, EventName = "JournalTailReplayedUnderOtherRules", Level = LogLevel.Warning,
        Message = "Hall {HallId}: {Commands} commands journaled after its last snapshot under rules version {WrittenUnder} were replayed under this engine's rules version {RulesVersion} (the server was upgraded after a crash, or the journal predates rules versions). Its tickets are kept, but a command the new rules treat differently may have left the hall otherwise than the clerks saw it: check its queue. Stopping the server gracefully before an upgrade leaves nothing to replay")]
    public static partial void JournalTailReplayedUnderOtherRules(ILogger logger, string hallId, long commands, int writtenUnder, int rulesVersion);

    [LoggerMessage(EventId = 1064, EventName = "JournalStopSnapshotTimedOut", Level = LogLevel.Warning,
        Message = "Shard {Shard} did not finish snapshotting its halls as it stopped within {Timeout} (half the shutdown timeout): the next start replays their commands since their last snapshots (nothing is lost, but an upgrade replays them under its own rules)")]
    public static partial void JournalStopSnapshotTimedOut(ILogger logger, int shard, TimeSpan timeout);

    [LoggerMessage(EventId = 1065, EventName = "JournalStopSnapshotWritten", Level = LogLevel.Information,
        Message = "Shard {Shard} snapshotted its {Halls} halls as it stopped and fsynced them: the next start, of this version or another, replays no command")]
    public static partial void JournalStopSnapshotWritten(ILogger logger, int shard, int halls);

    [LoggerMessage(EventId = 1067, EventName = "HallBreaksLaterRule", Level = LogLevel.Warning,
        Message = "Hall {HallId} was restored from a saved state (the journal's, or one given to AddHall) on a definition that breaks a rule added since the definition was accepted: {Rule} It runs as before; correct the definition, since adding or redefining the hall with it is refused")]
    public static partial void HallBreaksLaterRule(ILogger logger, string hallId, string rule);

    [LoggerMessage(EventId = 1066, EventName = "JournalIdentityMade", Level = LogLevel.Information,
        Message = "Journal in {Directory} is given the identity {JournalId} ({Why}): kept from now on in its journal-id file, across restarts and in copies of the directory. Screens that resumed by sequence number under another identity (or none) start over from a fresh snapshot once")]
    public static partial void JournalIdentityMade(ILogger logger, string directory, string journalId, string why);

    [LoggerMessage(EventId = 1062, EventName = "JournalArchiveFailed", Level = LogLevel.Warning,
        Message = "Journal archive {Archive} cannot take the segments of {ShardLog} that recovery no longer needs: they are deleted instead, so a day export (DayTraceExport) may lack what they held. The journal goes on")]
    public static partial void JournalArchiveFailed(ILogger logger, Exception exception, string archive, string shardLog);

    [LoggerMessage(EventId = 1029, EventName = "ConfiguredDefinitionApplied", Level = LogLevel.Information,
        Message = "Hall {HallId}: its configuration changed since the last start, so the configured definition is applied to the hall the journal recovered (as a run-time redefinition: its waiting tickets and numbering are kept)")]
    public static partial void ConfiguredDefinitionApplied(ILogger logger, string hallId);

    [LoggerMessage(EventId = 1030, EventName = "ConfiguredDefinitionRefused", Level = LogLevel.Warning,
        Message = "Hall {HallId}: its configuration changed since the last start, but the hall refuses the configured definition now ({Reason}); it runs with the definition the journal recovered, and the configured one is tried again at the next start")]
    public static partial void ConfiguredDefinitionRefused(ILogger logger, string hallId, string reason);

    [LoggerMessage(EventId = 1031, EventName = "RunTimeDefinitionKept", Level = LogLevel.Warning,
        Message = "Hall {HallId}: its definition was changed at run time and differs from the configured one, which has not changed since the last start, so the run-time definition is kept. Edit the hall's configuration to change it at the next start")]
    public static partial void RunTimeDefinitionKept(ILogger logger, string hallId);

    [LoggerMessage(EventId = 1032, EventName = "LostHallAddedAgain", Level = LogLevel.Error,
        Message = "Hall {HallId} was lost to the journal's damage (see the recovery log; the damaged generation is kept in {Directory}): it is added again from configuration with an empty day, the tickets it had are gone, and its ticket numbers restart at the first (A001): numbers it handed out earlier the same day, which the journal cannot show, may be handed out a second time")]
    public static partial void LostHallAddedAgain(ILogger logger, string hallId, string directory);

    [LoggerMessage(EventId = 1033, EventName = "ConfiguredHallNotInDamagedJournal", Level = LogLevel.Warning,
        Message = "Hall {HallId} is configured but not in the journal, which was damaged (see the recovery log; {Directory}): it is added with an empty day. If the journal held it, the tickets it had are gone and its ticket numbers restart at the first (A001), so numbers it handed out earlier the same day may be handed out a second time")]
    public static partial void ConfiguredHallNotInDamagedJournal(ILogger logger, string hallId, string directory);

    [LoggerMessage(EventId = 1034, EventName = "ConfiguredHallsNotRead", Level = LogLevel.Warning,
        Message = "The record of the configured halls ({Path}) could not be read: {Message}. A configured definition that differs from a recovered hall's is applied")]
    public static partial void ConfiguredHallsNotRead(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 1035, EventName = "ConfiguredHallsNotWritten", Level = LogLevel.Warning,
        Message = "The record of the configured halls could not be written to {Path}: {Message}. The next start applies a configured definition that differs from a recovered hall's, even where a run-time change replaced it")]
    public static partial void ConfiguredHallsNotWritten(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 1041, EventName = "HallNoLongerConfigured", Level = LogLevel.Warning,
        Message = "Hall {HallId} was configured at an earlier start but no longer is: it is served as the journal recovered it (its day's queue and numbering kept), as a hall added at run time is. To take it out of service, remove it at run time (the server's Admin.RemoveHall, QueueEngine.RemoveHallAsync)")]
    public static partial void HallNoLongerConfigured(ILogger logger, string hallId);
}
