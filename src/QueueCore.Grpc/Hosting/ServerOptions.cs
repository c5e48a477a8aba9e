using QueueCore.Grpc.Security;

namespace QueueCore.Grpc.Hosting;

/// <summary>The server's settings, bound from <c>QueueCoreServer</c>.</summary>
public sealed class ServerOptions
{
    /// <summary>The devices allowed to call (none: the demo's generated keys, printed at start).</summary>
    public List<DeviceCredential> Devices { get; set; } = [];

    /// <summary>Region and language per hall id.</summary>
    public Dictionary<string, HallProfile> Profiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A JSON file of halls, shaped like appsettings.json's QueueCore section (<c>{ "QueueCore": { "Halls": [...] } }</c>),
    /// read at start in addition to the configuration; a relative path is relative to the content root (beside the server),
    /// as the journal's directory is.
    /// </summary>
    public string? HallsFile { get; set; }

    /// <summary>
    /// Open each hall's day when the server starts (default true); a hall the journal brings back keeps its day as it
    /// was: open goes on, closed (by an admin or the evening's close) stays closed. A hall with a day schedule
    /// (<see cref="DaySchedule"/>) is brought to it instead.
    /// </summary>
    public bool OpenDayOnStart { get; set; } = true;

    /// <summary>
    /// When every hall's day opens and closes by itself, in the hall's time zone (none by default: only
    /// <see cref="OpenDayOnStart"/> and the admins open and close days). A scheduled hall's day is brought to the
    /// schedule at start instead of <see cref="OpenDayOnStart"/>.
    /// </summary>
    public DaySchedule? DaySchedule { get; set; }

    /// <summary>A hall's own <see cref="DaySchedule"/> by hall id, in place of the default one (one not
    /// <see cref="DaySchedule.Enabled"/>: the hall has none).</summary>
    public Dictionary<string, DaySchedule> DaySchedules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The day schedule of <paramref name="hall"/>: its own, else the default one; null when that is none or is
    /// turned off.</summary>
    internal DaySchedule? ScheduleOf(string hall) =>
        (DaySchedules.GetValueOrDefault(hall) ?? DaySchedule) is { Enabled: true } schedule ? schedule : null;

    /// <summary>Tickets one kiosk may take per minute, sustained (default 60).</summary>
    public int KioskTicketsPerMinute { get; set; } = 60;

    /// <summary>Tickets one kiosk may take in a burst above the sustained rate (default 20).</summary>
    public int KioskTicketBurst { get; set; } = 20;

    /// <summary>
    /// Streams one device may hold open at once, all of its screens', windows' and figures' streams together, counted by
    /// its <see cref="DeviceCredential.Id"/> whatever connections carry them (default 256; at least 1). A stream over it is
    /// refused with ResourceExhausted (reason TooManyStreams) until one of the device's streams ends. An idle stream
    /// holds about 11 KB, so one key, stolen or broken, cannot hold thousands and exhaust the server's memory. The
    /// default leaves room for one display key shared by every screen of a hall of over a hundred windows, or a
    /// dashboard watching every hall of a district; raise it for a gateway that carries many screens under one key.
    /// </summary>
    public int MaxStreamsPerDevice { get; set; } = 256;

    /// <summary>
    /// <c>grpc.health.v1.Health/Watch</c> streams the server holds open at once, all clients together (default 32; at least
    /// 1). Health checking takes no key, so this bounds what an anonymous client can hold; one over it is refused with
    /// ResourceExhausted (reason TooManyStreams) until a watch ends. <c>Check</c> is not limited. A few watchers (a load
    /// balancer, an orchestrator, a monitor) is usual: raise it for more.
    /// </summary>
    public int MaxHealthWatchStreams { get; set; } = 32;

    /// <summary>
    /// Server reflection streams the server holds open at once, all clients together (default 32; at least 1).
    /// Reflection takes no key, and its call is a stream that lasts until the client ends it, so this bounds what an
    /// anonymous client can hold; one over it is refused with ResourceExhausted (reason TooManyStreams) until one ends.
    /// A tool (grpcurl, buf curl) holds one while it runs.
    /// </summary>
    public int MaxReflectionStreams { get; set; } = 32;

    /// <summary>
    /// Display, terminal and dashboard updates each hall keeps for streams that resume (default 1024; at least 16). About
    /// 90 bytes each, held in place and allocated when the hall's feed starts (about 90 KB per hall at the default).
    /// </summary>
    public int StreamHistory { get; set; } = 1024;

    /// <summary>
    /// Shortest time between two refreshes of a hall's waiting figures for screens and kiosks (default 500 ms; 0 to 1 day): each is
    /// a snapshot on the hall's shard, so a busy hall is not snapshotted after every ticket. Each wait is drawn between
    /// this and half as long again, so many halls' refreshes spread out instead of reaching the shard together.
    /// </summary>
    public TimeSpan FiguresRefresh { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The origins of browser pages other than the server's own that may call it over gRPC-Web (CORS), as a browser
    /// sends them in its Origin header: <c>"https://dashboard.example.org"</c>, <c>"http://localhost:8080"</c>, or
    /// <c>"*"</c> for any. None by default: only the server's own pages can call it from a browser.
    /// </summary>
    public List<string> CorsOrigins { get; set; } = [];
}
