namespace QueueCore.Tests.Properties;

/// <summary>
/// Hall bugs the model found, each pinned by a skipped test in <see cref="FoundByModelTests"/>. The model keeps the
/// documented rule; while a bug stands, <see cref="HallModelRun"/> excuses exactly the difference it makes (and nothing
/// else), so the properties keep checking everything around it. When a bug is fixed: un-skip its test, set its switch
/// here to false, and the properties check that rule again.
/// </summary>
internal static class KnownHallBugs
{
    /// <summary>
    /// A ticket that already raised its wait-limit alert for an item raises it again for the same item after it comes to
    /// wait again (no-show re-queue, transfer to a window, resume, its window closing). The rule: once per ticket and item.
    /// See <see cref="FoundByModelTests.Tick_WaitLimitAlreadyRaisedForTheItem_NotRaisedAgainAfterTransferToWindow"/>.
    /// </summary>
    public const bool WaitLimitAlertRepeats = true;

    /// <summary>
    /// <see cref="Hall.GetWindowQueue"/> does not count an overdue or own-queue ticket as a call for the interleave rule,
    /// though the calls themselves count it, so after such tickets the view lists the rest in another order than call-next
    /// takes them. See <see cref="FoundByModelTests.GetWindowQueue_InterleaveAfterAnOverdueCall_ListsTheOrderCallNextTakes"/>.
    /// </summary>
    public const bool QueueViewSkipsInterleaveCount = true;

    /// <summary>
    /// With a maximum wait, a window looks only at the head (by rank) of its own queue for overdue tickets, so an overdue
    /// normal ticket behind a green one that is not overdue waits while the green one is called. This changes calls, so
    /// while it stands the traffic never mixes classes in one window's own queue (transfers to a window and parking that
    /// would mix them are swapped for refused commands). See
    /// <see cref="FoundByModelTests.CallNext_OwnQueueWithAnOverdueTicketBehindAPriorityOne_CallsTheOverdueTicketFirst"/>.
    /// </summary>
    public const bool OwnQueueOverdueOnlyAtHead = true;

    /// <summary>
    /// With <see cref="NoShowPolicy.CallBackAfter"/> zero, an idle auto window leaves a ticket it marked a no-show waiting
    /// beside it (no call, no timer) instead of calling it back. This changes calls, so while it stands the drawn halls
    /// never use a zero call-back. See <see cref="FoundByModelTests.NoShow_AutoWindowCallBackAfterZero_CallsTheTicketBack"/>.
    /// </summary>
    public const bool ZeroCallBackLeavesTicketWaiting = true;

    /// <summary>
    /// After a no-show, an auto window's hold (<see cref="NoShowPolicy.CallBackAfter"/>) replaces its pending look for an
    /// overflow ticket about to become eligible, so that ticket is not called until the hold ends. This changes calls, so
    /// while it stands a no-show at an auto window with an overflow ticket becoming eligible within the call-back time is
    /// swapped for a refused command. See
    /// <see cref="FoundByModelTests.Tick_AutoWindowHoldingANoShow_StillCallsAnOverflowTicketOnceEligible"/>.
    /// </summary>
    public const bool HoldHidesOverflowLook = true;
}
