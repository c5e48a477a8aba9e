namespace QueueCore.Grpc.Hosting;

/// <summary>
/// When a hall's day opens and closes by itself, in the hall's own time zone (<see cref="HallDefinition.TimeZone"/>),
/// while the server runs (<see cref="DayScheduler"/>): <c>QueueCoreServer:DaySchedule</c> for every hall,
/// <c>QueueCoreServer:DaySchedules:{hall}</c> for one (<c>"Enabled": false</c> there: none for that hall).
/// </summary>
/// <remarks>
/// Each opens and closes once a day, on the nights the clocks change too: a time the hall's clocks skip (02:30 on the
/// night summer time begins) comes when they go forward (03:00), one they show twice (02:30 on the night it ends) the
/// second time (winter time); an <see cref="Opens"/> and <see cref="Closes"/> of one day both in the skipped hour come
/// together, and the day does not open that day; a night hall's <see cref="Closes"/> and the next day's
/// <see cref="Opens"/> both in it come together too, and the day before closes, the new one opens. The server's clock stepped back (an NTP correction, up to an hour) does not
/// open or close a day again at a time it passed already; a longer step back is a wrong clock put right, and the
/// schedule goes by the clock again.
/// </remarks>
public sealed record DaySchedule
{
    /// <summary>
    /// Whether the schedule applies (default true). False in <c>DaySchedules:{hall}</c> leaves that hall's day to
    /// <see cref="ServerOptions.OpenDayOnStart"/> and the admins, as without a schedule (a hall open around the clock);
    /// false in <c>DaySchedule</c> turns the default one off. Opens and Closes are then not required.
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary>When the day opens, hall time ("08:00"); required unless the schedule is not <see cref="Enabled"/>.</summary>
    public TimeOnly? Opens { get; init; }

    /// <summary>When the day closes, hall time ("18:00"): later than <see cref="Opens"/> the same day, or earlier the
    /// next day (a night hall, "18:00" to "02:00": the day opened at 18:00 closes at 02:00 the next morning); not the
    /// same as <see cref="Opens"/>. Required unless the schedule is not <see cref="Enabled"/>.</summary>
    public TimeOnly? Closes { get; init; }

    /// <summary>
    /// What the close does with tickets still waiting (default <see cref="DayClosePolicy.CancelWaiting"/>; or
    /// <see cref="DayClosePolicy.ServeRemaining"/>: the windows serve them until the next <see cref="Opens"/>, which
    /// cancels those still waiting or parked then, and opens the day once the tickets still at windows have left). It
    /// bounds a park's return time too (<c>Terminal.Park</c>): by the next close when the close cancels parked tickets,
    /// before the next opening when the windows serve on after the close (while that opening is held up by the day
    /// before's tickets, no return time is accepted).
    /// </summary>
    public DayClosePolicy ClosePolicy { get; init; }
}
