using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace QueueCore.Grpc.Hosting;

/// <summary>Names and lookups of one hall definition, built once per definition (halls can be redefined at run time).</summary>
public sealed class HallCatalog
{
    private static readonly ConditionalWeakTable<HallDefinition, HallCatalog> Cache = [];

    private readonly FrozenDictionary<int, ServiceItem> _services;
    private readonly FrozenDictionary<int, WindowDefinition> _windows;
    private readonly FrozenDictionary<string, ServiceCategory> _categories;
    private readonly FrozenDictionary<string, string> _classNames;

    private HallCatalog(HallDefinition definition)
    {
        Definition = definition;
        _services = definition.Services.ToFrozenDictionary(s => s.Id);
        _windows = definition.Windows.ToFrozenDictionary(w => w.Id);
        _categories = definition.Categories.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _classNames = definition.Priority.Classes.ToFrozenDictionary(c => c.Id, c => c.Name.Length > 0 ? c.Name : c.Id, StringComparer.Ordinal);
    }

    /// <summary>The definition this catalog reads.</summary>
    public HallDefinition Definition { get; }

    /// <summary>The catalog of <paramref name="definition"/>.</summary>
    public static HallCatalog Of(HallDefinition definition) => Cache.GetValue(definition, static d => new HallCatalog(d));

    /// <summary>A service item by id, or null.</summary>
    public ServiceItem? Service(int id) => _services.GetValueOrDefault(id);

    /// <summary>A service item's name, or "" when unknown.</summary>
    public string ServiceName(int id) => _services.TryGetValue(id, out var s) ? s.Name : "";

    /// <summary>A window by id, or null.</summary>
    public WindowDefinition? Window(int id) => _windows.GetValueOrDefault(id);

    /// <summary>The window, or NotFound for the client.</summary>
    public WindowDefinition RequireWindow(int id) => Window(id) ?? throw Mapping.GrpcErrors.UnknownWindow(Definition.Id, id);

    /// <summary>The service item, or NotFound for the client.</summary>
    public ServiceItem RequireService(int id) => Service(id) ?? throw Mapping.GrpcErrors.UnknownService(Definition.Id, id);

    /// <summary>A window's name, or "" when unknown.</summary>
    public string WindowName(int id) => _windows.TryGetValue(id, out var w) ? w.Name : "";

    /// <summary>
    /// A priority class's display name (its id when the definition gives it none, or no longer has the class after a
    /// redefinition); "" for no class.
    /// </summary>
    public string ClassName(string? id) => id is null ? "" : _classNames.GetValueOrDefault(id, id);

    /// <summary>A category by id, or null.</summary>
    public ServiceCategory? Category(string id) => _categories.GetValueOrDefault(id);

    /// <summary>The category of service item <paramref name="service"/>, or null when either is unknown.</summary>
    public ServiceCategory? CategoryOf(int service) => Service(service) is { } item ? Category(item.Category) : null;

    /// <summary>The name a screen shows for <paramref name="category"/>: its display name, its id when it has none.</summary>
    public static string DisplayName(ServiceCategory category) => category.Name.Length > 0 ? category.Name : category.Id;

    /// <summary>
    /// Whether a ticket for <paramref name="service"/> can be taken at <paramref name="now"/> by the item's issuing
    /// hours (hall-local) and daily cap. The day being open is checked by the caller.
    /// </summary>
    public bool IssuingOpen(ServiceItem service, int issuedToday, DateTimeOffset now)
    {
        if (service.DailyCap is { } cap && issuedToday >= cap)
        {
            return false;
        }

        return WithinIssuingHours(service, now);
    }

    /// <summary>
    /// Whether the daily cap is all that keeps <paramref name="service"/> from issuing at <paramref name="now"/>: reached,
    /// inside the item's issuing hours. The hall still issues it to an appointment checked in on time (its booking
    /// reserved its place), so a kiosk keeps it choosable. The day being open is checked by the caller.
    /// </summary>
    public bool OnlyCapReached(ServiceItem service, int issuedToday, DateTimeOffset now) =>
        service.DailyCap is { } cap && issuedToday >= cap && WithinIssuingHours(service, now);

    private bool WithinIssuingHours(ServiceItem service, DateTimeOffset now)
    {
        if (service.IssuingHours.Count == 0)
        {
            return true;
        }

        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(now, TimeZone).TimeOfDay);
        foreach (var hours in service.IssuingHours)
        {
            if (hours.Contains(local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Why a ticket for <paramref name="service"/> cannot be taken at <paramref name="now"/>, in a citizen's words with
    /// the item's hours in hall time ("Tickets 08:30-11:30 (hall time); again from 13:30."); "" when it can.
    /// </summary>
    public string NotIssuingReason(ServiceItem service, int issuedToday, bool dayOpen, DateTimeOffset now)
    {
        if (!dayOpen)
        {
            return "The hall is not issuing tickets now.";
        }

        if (service.DailyCap is { } cap && issuedToday >= cap)
        {
            return string.Create(CultureInfo.InvariantCulture, $"No more tickets for it today (at most {cap} a day).");
        }

        if (IssuingOpen(service, issuedToday, now))
        {
            return "";
        }

        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(now, TimeZone).TimeOfDay);
        var spans = service.IssuingHours.OrderBy(h => h.From).Select(h => h.ToString()).ToList();
        var hours = spans.Count == 1 ? spans[0] : $"{string.Join(", ", spans[..^1])} and {spans[^1]}";
        var next = service.IssuingHours.Where(h => h.From > local).Select(h => (TimeOnly?)h.From).Min();
        // A start the hall's clocks skip today (02:30 the night they go forward) is named as the time it comes (03:00).
        return $"Tickets {hours} (hall time); {(next is { } from ? $"again from {Clock(TimeOnly.FromTimeSpan(At(Date(now), from).TimeOfDay))}" : "no more today")}.";

        static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The latest return time the hall takes for a ticket parked at <paramref name="now"/> while at
    /// <paramref name="service"/>: <see cref="HallCommand.MaxReturnAhead"/> ahead, or for an item with issuing hours the
    /// end of the hall-clock day (of the item's hours when they run on past midnight), whichever comes first. The hall's
    /// own rule (Hall.ParkReturn), read from the definition, so a terminal offers only parks the hall takes.
    /// </summary>
    public DateTimeOffset LatestParkReturn(ServiceItem service, DateTimeOffset now)
    {
        var latest = now + HallCommand.MaxReturnAhead;
        if (service.IssuingHours.Count == 0)
        {
            return latest;
        }

        static long End(IssuingHours h) => h.To == TimeOnly.MinValue ? TimeSpan.TicksPerDay : h.To.Ticks;
        var end = service.IssuingHours.Max(End);
        if (end == TimeSpan.TicksPerDay)
        {
            // A span to 24:00 carried on into the next day by spans from 00:00 that touch or overlap the run.
            long after = 0;
            foreach (var h in service.IssuingHours.OrderBy(h => h.From))
            {
                if (h.From.Ticks > after)
                {
                    break;
                }

                after = Math.Max(after, End(h));
            }

            end += after;
        }

        end = Math.Max(end, TimeSpan.TicksPerDay);
        var localEnd = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime.Date.AddTicks(end);
        var byHours = new DateTimeOffset(localEnd, TimeZone.GetUtcOffset(localEnd));
        return byHours < latest ? byHours : latest;
    }

    /// <summary><paramref name="at"/> as the hall's clocks show it ("2026-11-23 18:00:00"), for messages in hall time.</summary>
    internal string HallTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The date in the hall (its time zone) at <paramref name="at"/>.</summary>
    public DateOnly Date(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZone).DateTime);

    /// <summary>
    /// The instant the hall's clocks show <paramref name="time"/> on <paramref name="date"/>; a time its clocks skip (put
    /// forward for summer time) is the first one after the gap, and one they show twice is the later (standard time).
    /// </summary>
    internal DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1); // a gap is at most a few hours of minutes: a bounded walk
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    /// <summary>The hall's time zone as an IANA id ("Asia/Shanghai"), for browsers; "" when it has none.</summary>
    public string IanaTimeZone => field ??= TimeZone.HasIanaId ? TimeZone.Id
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(TimeZone.Id, out var iana) ? iana : "";

    private TimeZoneInfo TimeZone => field ??= TimeZoneInfo.FindSystemTimeZoneById(Definition.TimeZone);
}
