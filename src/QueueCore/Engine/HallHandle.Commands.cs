namespace QueueCore;

/// <remarks>This part: one typed helper per command, each forwarding to the matching <see cref="HallCommand"/> factory.</remarks>
public sealed partial class HallHandle
{
    /// <summary>Opens the hall day (numbering resets). See <see cref="HallCommand.OpenDay"/>.</summary>
    public ValueTask<CommandResult> OpenDayAsync(CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.OpenDay(), cancellationToken);

    /// <summary>Closes the hall day. See <see cref="HallCommand.CloseDay"/>.</summary>
    public ValueTask<CommandResult> CloseDayAsync(DayClosePolicy policy = DayClosePolicy.CancelWaiting, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.CloseDay(policy), cancellationToken);

    /// <summary>Opens <paramref name="window"/> for <paramref name="clerk"/>. See <see cref="HallCommand.OpenWindow"/>.</summary>
    public ValueTask<CommandResult> OpenWindowAsync(int window, int clerk = 0, bool? auto = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.OpenWindow(window, clerk, auto), cancellationToken);

    /// <summary>Pauses an idle window. See <see cref="HallCommand.PauseWindow"/>.</summary>
    public ValueTask<CommandResult> PauseWindowAsync(int window, string? reason = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.PauseWindow(window, reason), cancellationToken);

    /// <summary>Resumes a paused window. See <see cref="HallCommand.ResumeWindow"/>.</summary>
    public ValueTask<CommandResult> ResumeWindowAsync(int window, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.ResumeWindow(window), cancellationToken);

    /// <summary>Closes an idle or paused window. See <see cref="HallCommand.CloseWindow"/>.</summary>
    public ValueTask<CommandResult> CloseWindowAsync(int window, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.CloseWindow(window), cancellationToken);

    /// <summary>Issues a ticket for one or several items. See <see cref="HallCommand.IssueTicket"/>.</summary>
    public ValueTask<CommandResult> IssueTicketAsync(
        ServiceItemList services, byte age = 0, TicketFlags flags = TicketFlags.None, string? priorityClass = null,
        CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.IssueTicket(services, age, flags, priorityClass), cancellationToken);

    /// <summary>
    /// Checks in an appointment and issues its ticket. See <see cref="HallCommand.IssueTicket"/>. A reference gives
    /// one ticket per hall day: checking it in again, in any letter case or with white space around it (" ab12" for
    /// "AB12"), is refused with <see cref="QueueError.AlreadyCheckedIn"/>, and an
    /// empty or blank one, or one without its slot (<c>default</c>), with <see cref="QueueError.InvalidArgument"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="appointment"/> is null (a ticket without an appointment is <see cref="IssueTicketAsync"/>).</exception>
    public ValueTask<CommandResult> CheckInAppointmentAsync(
        ServiceItemList services, string appointment, DateTimeOffset slot, CancellationToken cancellationToken = default)
    {
        // A null reference reached the hall as "no appointment" and issued a plain walk-in ticket, as if checked in.
        ArgumentNullException.ThrowIfNull(appointment);
        return SubmitAsync(HallCommand.IssueTicket(services, appointment: appointment, appointmentSlot: slot), cancellationToken);
    }

    /// <summary>The window calls the best ticket it may serve. See <see cref="HallCommand.CallNext"/>.</summary>
    public ValueTask<CommandResult> CallNextAsync(int window, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.CallNext(window), cancellationToken);

    /// <summary>The window finishes its ticket's current item and calls the next one (the clerk's "Next" key). See
    /// <see cref="HallCommand.FinishAndCallNext"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> FinishAndCallNextAsync(int window, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.FinishAndCallNext(window, ticket), cancellationToken);

    /// <summary>The window calls a specific waiting ticket. See <see cref="HallCommand.CallTicket"/>.</summary>
    public ValueTask<CommandResult> CallTicketAsync(int window, long ticket, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.CallTicket(window, ticket), cancellationToken);

    /// <summary>The window recalls its called ticket. See <see cref="HallCommand.Recall"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> RecallAsync(int window, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.Recall(window, ticket), cancellationToken);

    /// <summary>The called citizen arrived: service starts. See <see cref="HallCommand.StartServing"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> StartServingAsync(int window, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.StartServing(window, ticket), cancellationToken);

    /// <summary>The window finished its ticket's current item. See <see cref="HallCommand.Finish"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> FinishAsync(int window, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.Finish(window, ticket), cancellationToken);

    /// <summary>The window finishes its ticket's current item and pauses, for <paramref name="reason"/>, instead of calling
    /// the next one (a break, the shift's end). See <see cref="HallCommand.FinishAndPause"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> FinishAndPauseAsync(int window, string? reason = null, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.FinishAndPause(window, reason, ticket), cancellationToken);

    /// <summary>The called citizen did not come. See <see cref="HallCommand.NoShow"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> NoShowAsync(int window, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.NoShow(window, ticket), cancellationToken);

    /// <summary>The called citizen did not come, and the window pauses, for <paramref name="reason"/>, instead of calling
    /// (or being pushed) the next ticket (a break, the shift's end). See <see cref="HallCommand.NoShowAndPause"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> NoShowAndPauseAsync(int window, string? reason = null, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.NoShowAndPause(window, reason, ticket), cancellationToken);

    /// <summary>Hands the window's ticket to another item. See <see cref="HallCommand.TransferToService"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> TransferToServiceAsync(int window, int service, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.TransferToService(window, service, ticket), cancellationToken);

    /// <summary>Hands the window's ticket to another window. See <see cref="HallCommand.TransferToWindow"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> TransferToWindowAsync(int window, int targetWindow, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.TransferToWindow(window, targetWindow, ticket), cancellationToken);

    /// <summary>Parks the window's ticket, until <paramref name="returnAt"/> if given. See <see cref="HallCommand.Park"/>.</summary>
    /// <remarks><paramref name="ticket"/>: the ticket the clerk means (the one the terminal shows), or 0 (the default) for the
    /// window's ticket, whatever it is; a window that has another ticket, or none, refuses with
    /// <see cref="QueueError.TicketWrongState"/> and nothing changes (see <see cref="HallCommand.Ticket"/>).</remarks>
    public ValueTask<CommandResult> ParkAsync(
        int window, string? reason = null, DateTimeOffset? returnAt = null, long ticket = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.Park(window, reason, returnAt, ticket), cancellationToken);

    /// <summary>Puts a parked ticket back in its queue. See <see cref="HallCommand.ResumeParked"/>.</summary>
    public ValueTask<CommandResult> ResumeParkedAsync(long ticket, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.ResumeParked(ticket), cancellationToken);

    /// <summary>Cancels a waiting, called or parked ticket. See <see cref="HallCommand.Cancel"/>.</summary>
    public ValueTask<CommandResult> CancelTicketAsync(long ticket, string? reason = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.Cancel(ticket, reason), cancellationToken);

    /// <summary>Rates a ticket's last finished service, 1 to 5. See <see cref="HallCommand.Rate"/>.</summary>
    public ValueTask<CommandResult> RateAsync(long ticket, int score, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.Rate(ticket, score), cancellationToken);

    /// <summary>A ticket's state, position and estimated wait. See <see cref="HallCommand.QueryTicket"/>.</summary>
    public ValueTask<CommandResult> QueryTicketAsync(long ticket, CancellationToken cancellationToken = default) =>
        SubmitAsync(HallCommand.QueryTicket(ticket), cancellationToken);
}
