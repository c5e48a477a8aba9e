namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The server's hosting log events (ids 1200-1299). The server's ids (these, the device keys' 1101-1199 and the hall
/// feeds' 2001-2099) are apart from the engine's (1001-1099) so that a log query by event id names one event.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1220, EventName = "DemoKey", Level = LogLevel.Warning, Message = "No devices are configured (QueueCoreServer:Devices): this run accepts these demo keys, one per role, for every hall. Role {Role}: {Key}")]
    public static partial void DemoKey(ILogger logger, string role, string key);

    [LoggerMessage(EventId = 1221, EventName = "DemoHallServed", Level = LogLevel.Warning, Message = "No halls are configured (QueueCore:Halls or a halls file): serving the built-in demo hall '{Hall}'")]
    public static partial void DemoHallServed(ILogger logger, string hall);

    [LoggerMessage(EventId = 1222, EventName = "HallReady", Level = LogLevel.Information, Message = "Hall {Hall} ({Name}): day opened, {Windows} windows, {Services} services")]
    public static partial void HallReady(ILogger logger, string hall, string name, int windows, int services);

    [LoggerMessage(EventId = 1223, EventName = "DayNotOpened", Level = LogLevel.Warning, Message = "Hall {Hall}: the day could not be opened at start: {Message}")]
    public static partial void DayNotOpened(ILogger logger, string hall, string? message);

    [LoggerMessage(EventId = 1224, EventName = "ProfilesNotRead", Level = LogLevel.Warning, Message = "The profiles of halls added at run time ({Path}) could not be read: {Message}. Those halls have the default region and language; the file is kept as {Kept}")]
    public static partial void ProfilesNotRead(ILogger logger, string path, string message, string kept);

    [LoggerMessage(EventId = 1225, EventName = "ProfilesNotWritten", Level = LogLevel.Error, Message = "The profiles of halls added at run time could not be written to {Path}: {Message}. A restart will give those halls the default region and language")]
    public static partial void ProfilesNotWritten(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 1226, EventName = "DayLeftClosed", Level = LogLevel.Information, Message = "Hall {Hall}: recovered from the journal with its day closed, and left closed (Admin.OpenDay opens it)")]
    public static partial void DayLeftClosed(ILogger logger, string hall);

    [LoggerMessage(EventId = 1228, EventName = "DayGoesOn", Level = LogLevel.Information, Message = "Hall {Hall} ({Name}): recovered from the journal with its day open, which goes on where it was (its tickets and numbering kept), {Windows} windows, {Services} services")]
    public static partial void DayGoesOn(ILogger logger, string hall, string name, int windows, int services);

    [LoggerMessage(EventId = 1230, EventName = "EarlierDayGoesOn", Level = LogLevel.Warning, Message = "Hall {Hall} ({Name}): recovered from the journal with the day opened on {Opened} still open, though it is {Today} in the hall: that day goes on (its waiting tickets, numbering and day's figures kept), {Windows} windows, {Services} services. If its close was missed, close it (Admin.CloseDay) and open today's (Admin.OpenDay) to number from 1 and count today's figures from none")]
    public static partial void EarlierDayGoesOn(ILogger logger, string hall, string name, string opened, string today, int windows, int services);

    [LoggerMessage(EventId = 1229, EventName = "DeviceScopeNotServed", Level = LogLevel.Warning, Message = "{Problem}: the device's calls there are refused until an admin adds it (or correct the entry)")]
    public static partial void DeviceScopeNotServed(ILogger logger, string problem);

    [LoggerMessage(EventId = 1227, EventName = "StartFailed", Level = LogLevel.Critical, Message = "The hall server could not start, and exits with code 1: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 1200, EventName = "RemovedHallNotAdded", Level = LogLevel.Warning, Message = "Hall {Hall} is configured but an admin removed it at run time: not added (Admin.AddHall brings it back; {Path} lists the removed halls)")]
    public static partial void RemovedHallNotAdded(ILogger logger, string hall, string path);

    [LoggerMessage(EventId = 1201, EventName = "RemovedHallsNotRead", Level = LogLevel.Error, Message = "The configured halls removed at run time ({Path}) could not be read: {Message}. Those halls are added again from the configuration")]
    public static partial void RemovedHallsNotRead(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 1202, EventName = "RemovedHallsNotWritten", Level = LogLevel.Error, Message = "The configured halls removed at run time could not be written to {Path}: {Message}. A restart will add a hall removed since again from the configuration")]
    public static partial void RemovedHallsNotWritten(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 1215, EventName = "CorsOriginsAllowed", Level = LogLevel.Information, Message = "Browser pages of these other origins may call the server over gRPC-Web (QueueCoreServer:CorsOrigins): {Origins}")]
    public static partial void CorsOriginsAllowed(ILogger logger, IReadOnlyList<string> origins);

    [LoggerMessage(EventId = 1203, EventName = "AdminRequestsNotRead", Level = LogLevel.Warning, Message = "The request ids of admin changes made before this start ({Path}) could not be read: {Message}. An admin tool's retry of such a change is taken as a new request")]
    public static partial void AdminRequestsNotRead(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 1204, EventName = "AdminRequestsNotWritten", Level = LogLevel.Error, Message = "The request ids of admin changes could not be written to {Path}: {Message}. After a restart, an admin tool's retry of a change made since is taken as a new request")]
    public static partial void AdminRequestsNotWritten(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 1231, EventName = "DayOpenedOnSchedule", Level = LogLevel.Information, Message = "Hall {Hall}: day opened by its day schedule (opens {Opens} hall time)")]
    public static partial void DayOpenedOnSchedule(ILogger logger, string hall, string opens);

    [LoggerMessage(EventId = 1232, EventName = "DayClosedOnSchedule", Level = LogLevel.Information, Message = "Hall {Hall}: day {Opened} closed by its day schedule (closes {Closes} hall time), {Policy}")]
    public static partial void DayClosedOnSchedule(ILogger logger, string hall, string opened, string closes, DayClosePolicy policy);

    [LoggerMessage(EventId = 1237, EventName = "ExtendedServiceEnded", Level = LogLevel.Information, Message = "Hall {Hall}: the scheduled opening ({Opens} hall time) ended the day before's extended service: its tickets still waiting or parked cancelled ({Count}); those at windows are served to the end, and the day opens once they have left")]
    public static partial void ExtendedServiceEnded(ILogger logger, string hall, string opens, int count);

    [LoggerMessage(EventId = 1233, EventName = "ScheduledDayRefused", Level = LogLevel.Warning, Message = "Hall {Hall}: its day schedule could not {Change} the day: {Message}. Retried each minute until it can (or an admin does it)")]
    public static partial void ScheduledDayRefused(ILogger logger, string hall, string change, string? message);

    [LoggerMessage(EventId = 1234, EventName = "DayScheduleFailed", Level = LogLevel.Error, Message = "Hall {Hall}: its day schedule failed; retried each minute")]
    public static partial void DayScheduleFailed(ILogger logger, string hall, Exception exception);

    [LoggerMessage(EventId = 1235, EventName = "DayScheduleStillFailing", Level = LogLevel.Debug, Message = "Hall {Hall}: its day schedule failed again as logged before ({Failure}); retried each minute")]
    public static partial void DayScheduleStillFailing(ILogger logger, string hall, string failure);

    [LoggerMessage(EventId = 1236, EventName = "DayScheduleRecovered", Level = LogLevel.Information, Message = "Hall {Hall}: its day schedule works again after the failure logged before: the day is {State} as scheduled")]
    public static partial void DayScheduleRecovered(ILogger logger, string hall, string state);
}
