using System.Text.Json.Serialization;

namespace QueueCore;

/// <summary>
/// How tickets are ranked: class head starts raised by waiting time (one aging rate for all), a maximum
/// wait after which a ticket outranks every class, and an optional interleave rule.
/// </summary>
public sealed record PriorityPolicy
{
    /// <summary>Well-known class ids used by the default policy.</summary>
    public const string GreenChannel = "green", Elderly = "elderly", Appointment = "appointment",
        KeyEnterprise = "key-enterprise", Normal = "normal";

    /// <summary>The classes (at most 16), in display order. The default set is green channel, elderly/caring, appointment, key enterprise, normal.</summary>
    public IReadOnlyList<PriorityClass> Classes { get; init; } =
    [
        new() { Id = GreenChannel, Name = "Green channel", HeadStart = TimeSpan.FromMinutes(60) },
        new() { Id = Elderly, Name = "Elderly / caring", HeadStart = TimeSpan.FromMinutes(10) },
        new() { Id = Appointment, Name = "Appointment", HeadStart = TimeSpan.FromMinutes(15) },
        new() { Id = KeyEnterprise, Name = "Key enterprise", HeadStart = TimeSpan.FromMinutes(5) },
        new() { Id = Normal, Name = "Normal" },
    ];

    /// <summary>The class of tickets no rule raises (must be one of <see cref="Classes"/>; an empty id is refused as empty).</summary>
    public string NormalClass { get; init; } = Normal;

    /// <summary>The class given to appointment holders who check in on time. Null or empty (configuration gives "" for a
    /// value left blank): appointments get no priority.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // null is a setting here, not the default: written, so it reads back
    public string? AppointmentClass { get; init; } = Appointment;

    /// <summary>How early before its slot's start an appointment may check in and keep its priority (this long before
    /// it still is on time). An earlier check-in still gets its ticket, ranked as its attributes give (normal when none),
    /// and uses the reference up for the day.</summary>
    public TimeSpan AppointmentEarlyWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How late after its slot's start an appointment may check in and keep its priority (this long after it
    /// still is on time). The engine knows a slot's start only, not its end: with 15-minute slots, a grace period under
    /// 15 minutes takes the priority from a citizen who comes within their slot. A later check-in still gets its
    /// ticket, ranked as its attributes give (normal when none), and uses the reference up for the day.</summary>
    public TimeSpan AppointmentGracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Aging rate: how many minutes of standing a ticket gains per minute waited, the same for every class
    /// (so the order is fixed at issue). Head starts are divided by it. Default 1.
    /// </summary>
    public double AgingRate { get; init; } = 1.0;

    /// <summary>After waiting this long a ticket outranks every class (oldest first; equally old, the longer head start
    /// first, so tickets issued at one instant keep their order) at every window that may take it now. Null: no
    /// guarantee.</summary>
    /// <remarks>It changes the order, not who may serve a ticket: a window that takes the item as overflow still takes
    /// it only once it has waited that skill's <see cref="WindowSkill.OverflowDelay"/>, overdue or not. So an overflow
    /// window whose delay is longer than this does not help overdue tickets before its delay; give it a shorter delay
    /// for it to.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // null is a setting here, not the default: written, so it reads back
    public TimeSpan? MaxWait { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// Shorthand for <see cref="Interleave"/> = { PriorityCalls = N, NormalCalls = 1 }: after a window has called N
    /// non-normal tickets in a row, its next call takes the best normal ticket it may serve, if one waits. Null: off.
    /// Set this or <see cref="Interleave"/>, not both.
    /// </summary>
    public int? InterleaveAfter { get; init; }

    /// <summary>
    /// The interleave ratio a window keeps between priority and normal tickets when both wait, in either direction:
    /// { PriorityCalls = 1, NormalCalls = 2 } is "two normal tickets for each priority one", { PriorityCalls = 3,
    /// NormalCalls = 1 } "one normal after every three priority calls". Null: off (rank alone decides).
    /// </summary>
    public InterleaveRule? Interleave { get; init; }

    /// <summary>The most a head start (class or resume bonus, after the aging rate) may be: 100 years, far beyond any
    /// wait, so a "strict priority" class can be set with a head start of years.</summary>
    public static readonly TimeSpan MaxHeadStart = TimeSpan.FromDays(36_500);

    /// <summary>
    /// Rules deriving a ticket's class from the attributes the kiosk passes; the highest-ranked match wins (the longest
    /// head start; among equals the first listed, flag rules before age rules). A match gives its class even when its
    /// head start is no longer than the normal class's, e.g. a class served first only at its dedicated window.
    /// </summary>
    public IReadOnlyList<ClassRule> Rules { get; init; } =
    [
        new() { Class = GreenChannel, AnyFlags = TicketFlags.GreenChannel },
        new() { Class = Elderly, MinAge = 65 },
        new() { Class = Elderly, AnyFlags = TicketFlags.Disabled | TicketFlags.Pregnant },
        new() { Class = KeyEnterprise, AnyFlags = TicketFlags.KeyEnterprise },
    ];
}
