namespace QueueCore.Simulation;

/// <summary>One traced ticket (one visit): when it arrived, the citizen's class attributes and its items in order.</summary>
/// <param name="Ticket">The ticket's label in the trace (e.g. its printed number "A023").</param>
/// <param name="Arrival">When the ticket was issued, hall-local, from the midnight the day began on: past the next
/// midnight the hours count on (a night hall's 01:30 is 25:30), up to 48 hours.</param>
/// <param name="Age">The citizen's age (0: unknown).</param>
/// <param name="Flags">Class attributes (disabled, key enterprise, green channel).</param>
/// <param name="AppointmentSlot">The start of the appointment slot checked in with the ticket (hall-local, counted as
/// <paramref name="Arrival"/> is), or null.</param>
/// <param name="Items">The items in the order they were handled (at most 8). An item may come again (the citizen was
/// transferred back to it); a replay adds its later handling time to its first.</param>
public sealed record TraceTicket(string Ticket, TimeSpan Arrival, byte Age, TicketFlags Flags, TimeSpan? AppointmentSlot, IReadOnlyList<TraceItem> Items)
{
    /// <summary>
    /// The priority class staff gave the ticket (a class id of the hall), or null when the hall's rules derived it from
    /// the age, flags and appointment (as a kiosk's ticket).
    /// </summary>
    public string? PriorityClass { get; init; }

    /// <summary>
    /// Whether the real hall found the appointment check-in on time (by its early window and grace period, to the tick,
    /// and whatever day the slot was on), or null when the trace does not say (an older trace, one written by hand):
    /// the replay's hall then judges the check-in by <see cref="AppointmentSlot"/> and its own early window and grace
    /// period (the defaults: a scenario does not set them).
    /// </summary>
    public bool? AppointmentOnTime { get; init; }

    /// <summary>
    /// When the citizen left (the ticket was cancelled while it waited: the trace's <c>left_at</c>), counted as
    /// <see cref="Arrival"/> is, or null: they did not. A replay lets them leave then if no window has called them, and
    /// serves them (the mean handling time of the trace's served rows of the item) when one calls them before.
    /// </summary>
    public TimeSpan? Left { get; init; }
}
