namespace QueueCore;

/// <summary>
/// The configuration of one hall: its catalog of service items, its windows and its policies.
/// Plain records, so a hall can be built in code or bound from JSON (appsettings).
/// </summary>
public sealed record HallDefinition
{
    /// <summary>The hall's id, unique in an engine (e.g. "city-center").</summary>
    public required string Id { get; init; }

    /// <summary>A display name, at most <see cref="MaxNameLength"/> characters.</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// The IANA or Windows time-zone id whose local time issuing hours are given in. Default UTC. It gives only the hall's
    /// clock (issuing hours, the times of day shown): waits, timers and appointment slots are instants, and count real
    /// time across a change of the clocks. An id the machine does not know is refused when the hall is built
    /// (<see cref="ArgumentException"/> naming the hall and the id).
    /// </summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Categories of service items; each carries a ticket prefix and a daily sequence.</summary>
    public IReadOnlyList<ServiceCategory> Categories { get; init; } = [];

    /// <summary>The service items the hall accepts (at most <see cref="MaxServices"/>).</summary>
    public IReadOnlyList<ServiceItem> Services { get; init; } = [];

    /// <summary>The hall's windows (at most <see cref="MaxWindows"/>).</summary>
    public IReadOnlyList<WindowDefinition> Windows { get; init; } = [];

    /// <summary>Priority classes, the aging rule, the starvation guard and class rules.</summary>
    public PriorityPolicy Priority { get; init; } = new();

    /// <summary>What happens when a called citizen does not come.</summary>
    public NoShowPolicy NoShow { get; init; } = new();

    /// <summary>How parked tickets (waiting for a document) come back.</summary>
    public ParkPolicy Park { get; init; } = new();

    /// <summary>How a ticket that arrives picks among several idle auto-mode windows.</summary>
    public WindowSelection WindowSelection { get; init; } = WindowSelection.LongestIdle;

    /// <summary>
    /// A window idle longer than this (while tickets it may serve wait) raises <see cref="HallEventKind.IdleTimePassed"/>,
    /// once per idle spell. Null: never. The alert comes when the limit passes if a ticket it may call waits then; a
    /// window already past its limit with nothing to call is looked at again every minute (or every limit, if shorter),
    /// so when a ticket comes later the alert follows within that time, not at the ticket's arrival.
    /// </summary>
    public TimeSpan? WindowIdleLimit { get; init; }

    /// <summary>
    /// How many completed tickets stay addressable (for rating and look-up) before their slots are reused. Default 256:
    /// a citizen rates at the window right after the service, long before 256 more tickets finish. At most
    /// <see cref="MaxRetainedCompletedTickets"/>.
    /// </summary>
    public int RetainedCompletedTickets { get; init; } = 256;

    /// <summary>
    /// How many client request ids (<see cref="HallCommand.RequestId"/>) of successful commands the hall remembers, so
    /// a retried kiosk or terminal request returns its first result instead of a second ticket or call. 0: none; at
    /// most <see cref="MaxRememberedRequests"/>. The ids are part of the hall's saved state.
    /// </summary>
    public int RememberedRequests { get; init; } = 1024;

    /// <summary>
    /// Initial ticket-table capacity (128 bytes a ticket), 1 to <see cref="MaxRetainedCompletedTickets"/> (as many tickets
    /// as a hall can hold; at least 16 are reserved); it doubles when needed (growth allocates, steady state does not).
    /// Default 64, so a city's thousands of small halls cost little until they fill; a hall that knows its day sets it to
    /// its peak of live plus retained tickets.
    /// </summary>
    public int InitialTicketCapacity { get; init; } = 64;

    /// <summary>The most completed tickets a hall may keep addressable: as many as a hall can hold (2^20 tickets, live and retained).</summary>
    public const int MaxRetainedCompletedTickets = 1 << 20;

    /// <summary>
    /// The most client request ids a hall may remember (2^20, as many as it can hold tickets): a retry follows its lost
    /// answer within seconds, and every id remembered is kept in memory and in each saved state of the hall.
    /// </summary>
    public const int MaxRememberedRequests = 1 << 20;

    /// <summary>The largest catalog a hall may have.</summary>
    public const int MaxServices = 4096;

    /// <summary>The most windows a hall may have.</summary>
    public const int MaxWindows = 1024;

    /// <summary>
    /// The longest display name (of the hall, a category, a service item, a window or a priority class), in characters as
    /// a person counts them (<see cref="TextLength"/>: an emoji is one):
    /// names are shown on kiosks, screens and dashboards, which lay them out on a line or two. A name is empty (none) or
    /// more than white space.
    /// </summary>
    public const int MaxNameLength = 100;
}
