namespace QueueCore.Grpc.Hosting;

/// <summary>Which rule of the hall's day schedule bounds a park's return time.</summary>
internal enum ScheduledParkRule
{
    /// <summary>
    /// <see cref="DayClosePolicy.CancelWaiting"/>: the close cancels a parked ticket, so it returns by the next scheduled
    /// close (inclusive).
    /// </summary>
    Close,

    /// <summary>
    /// <see cref="DayClosePolicy.ServeRemaining"/>: the windows serve on after the close, so a ticket returns when the
    /// clerk said, as long as that is before the next scheduled opening, which cancels the day before's tickets still
    /// parked or waiting.
    /// </summary>
    NextOpening,

    /// <summary>
    /// <see cref="DayClosePolicy.ServeRemaining"/>, with the opening held up: its time has come and the day before's
    /// tickets still at windows keep it from happening. Every return is refused: the ticket is finished or cancelled.
    /// </summary>
    HeldOpening,
}

/// <summary>
/// The bound the hall's day schedule puts on a park's return time at one instant. The engine knows no schedule (a hall
/// without issuing hours lets a ticket return up to 24 hours ahead), so the server adds this bound. One reckoning serves
/// both the Park it refuses and the terminal's view of the latest return it takes (WindowInfo.park_return_by): the view
/// had its own copy, which missed the held opening and offered parks the server then refused.
/// </summary>
/// <param name="At">The close or the opening the rule names.</param>
/// <param name="Rule">Which rule applies now.</param>
internal readonly record struct ScheduledParkBound(DateTimeOffset At, ScheduledParkRule Rule)
{
    /// <summary>The latest return time the bound allows; before now while an opening is held up (no park offered).</summary>
    public DateTimeOffset LatestReturn => Rule == ScheduledParkRule.Close ? At : At.AddTicks(-1);

    /// <summary>Whether a park may return at <paramref name="returnAt"/>.</summary>
    public bool Allows(DateTimeOffset returnAt) => Rule switch
    {
        ScheduledParkRule.Close => returnAt <= At,
        ScheduledParkRule.NextOpening => returnAt < At,
        _ => false,
    };

    /// <summary>
    /// The bound at <paramref name="now"/>. <paramref name="dayOpen"/> is the hall's day state when the caller has read it
    /// already; otherwise an opening that may be held up costs one snapshot of the hall.
    /// </summary>
    public static async Task<ScheduledParkBound> OfAsync(
        DaySchedule schedule, HallCatalog catalog, HallHandle hall, DateTimeOffset now, bool? dayOpen, CancellationToken cancellationToken)
    {
        if (schedule.ClosePolicy != DayClosePolicy.ServeRemaining)
        {
            return new(DayScheduler.NextClose(schedule, catalog, now), ScheduledParkRule.Close);
        }

        // While an opening is held up it is still the next opening: the bound used to be the opening after it, the morning
        // after, so a ticket parked then held the day's opening for up to a day more.
        return await DayScheduler.HeldOpeningAsync(schedule, catalog, hall, now, dayOpen, cancellationToken).ConfigureAwait(false) is { } held
            ? new(held, ScheduledParkRule.HeldOpening)
            : new(DayScheduler.NextOpen(schedule, catalog, now), ScheduledParkRule.NextOpening);
    }
}
