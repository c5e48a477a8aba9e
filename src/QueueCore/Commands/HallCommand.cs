using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MessagePack;

namespace QueueCore;

/// <summary>
/// One operation on one hall: a small immutable value (no allocation to create or submit). Build it with the
/// static factories (<see cref="IssueTicket"/>, <see cref="CallNext"/>, ...), then apply it to a
/// <see cref="Hall"/> directly or submit it to a <c>QueueEngine</c>. A command and the instant it was applied at
/// are all a hall needs to repeat it exactly (<see cref="HallCommandSerializer"/> writes them for journals).
/// </summary>
[StructLayout(LayoutKind.Auto)]
[MessagePackFormatter(typeof(HallCommandFormatter))]
public readonly record struct HallCommand
{
    private readonly long _instant; // UTC ticks: the appointment slot (issue) or the return time (park); 0 for none
    private readonly ServiceItemList _services; // an issue's items, or a window command's TicketService (one item)
    private readonly Guid _requestId;
    private readonly bool _hasRequestId; // read on every apply: one byte, so the check never stalls on a store of the 16-byte id

    // The factories build through these constructors rather than object initializers, so the JIT writes each field
    // once, straight into the caller's command.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private HallCommand(CommandKind kind, int window, long ticket, int value)
    {
        Kind = kind;
        Window = window;
        Ticket = ticket;
        Value = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private HallCommand(in ServiceItemList services, byte age, TicketFlags flags, string? priorityClass, string? appointment, long slot)
    {
        Kind = CommandKind.IssueTicket;
        Services = services;
        Age = age;
        Flags = flags;
        PriorityClass = priorityClass;
        Appointment = appointment;
        _instant = slot;
    }

    /// <summary>Which operation.</summary>
    public CommandKind Kind { get; init; }

    /// <summary>
    /// The window the command concerns (the clerk's window, or the window to open/pause/close). On
    /// <see cref="ResumeParked"/>, <see cref="Cancel"/> and <see cref="Rate"/>, which name a ticket, it is optional:
    /// 0 acts for the hall (any ticket); a window (<c>HallCommand.Cancel(id) with { Window = 5 }</c>, as a window's
    /// terminal or evaluator pad sends) limits the command to that window's tickets, and another window's ticket is
    /// refused with <see cref="QueueError.NotEligible"/>.
    /// </summary>
    public int Window { get; init; }

    /// <summary>
    /// The ticket the command concerns (call-ticket, resume, cancel, rate, query); 0 for none. On the commands that act on
    /// the window's ticket (<see cref="FinishAndCallNext"/>, <see cref="Finish"/>, <see cref="FinishAndPause"/>,
    /// <see cref="StartServing"/>, <see cref="Recall"/>, <see cref="NoShow"/>, <see cref="TransferToService"/>,
    /// <see cref="TransferToWindow"/>, <see cref="Park"/>) it is optional: the ticket the clerk's terminal shows. 0 acts on
    /// whichever ticket the window has; set, the command is refused with <see cref="QueueError.TicketWrongState"/>, and
    /// changes nothing, when the window has another ticket or none, with a message that names both and where the named
    /// one is now. Two keypads of one window, or a double press sent as two requests, then finish one ticket, not the one
    /// the first press just called. A visit called straight back for its next item is the same ticket: name the item too
    /// (<see cref="TicketService"/>).
    /// </summary>
    public long Ticket { get; init; }

    /// <summary>For <see cref="CommandKind.IssueTicket"/>: the items, in the order they are handled. The window commands,
    /// which issue nothing, keep their <see cref="TicketService"/> here.</summary>
    public ServiceItemList Services
    {
        get => _services;
        init => _services = value;
    }

    /// <summary>
    /// On the commands that act on the window's ticket (those that take a <see cref="Ticket"/>): the item of that ticket the
    /// clerk's terminal shows (a service item id, 0 included), or null for any item. A ticket carries a visit with several
    /// items, and the window that finished one may call it straight back for the next (its standing keeps it first): a
    /// double press's second "Next", naming the same ticket, would then finish that next item unserved. Set, the command is
    /// refused with <see cref="QueueError.TicketWrongState"/>, and changes nothing, when the window has the
    /// <see cref="Ticket"/> for another item now ("Window 5 has A023 for Passports now, not for Registration: Registration
    /// was finished already."); an id the hall has no item for is <see cref="QueueError.UnknownService"/>, and one set
    /// without <see cref="Ticket"/> is <see cref="QueueError.InvalidArgument"/>. Set it with <c>with</c>:
    /// <c>HallCommand.FinishAndCallNext(5, ticket: shown) with { TicketService = item }</c>. It is kept in the field of an
    /// issue's <see cref="Services"/> (a window command issues nothing, so the command grows by nothing): null on an issue,
    /// and setting one sets the other.
    /// </summary>
    public int? TicketService
    {
        get => Kind == CommandKind.IssueTicket || _services.Count == 0 ? null : _services[0];
        init => _services = value is { } item ? new ServiceItemList(item) : default;
    }

    /// <summary>Whether the command names the item of its <see cref="Ticket"/> (window commands; a byte compare).</summary>
    internal bool NamesTicketService => _services.Count != 0;

    /// <summary>The item <see cref="NamesTicketService"/> names (window commands, when it names one).</summary>
    internal int NamedTicketService => _services.First;

    /// <summary>Transfer target (service item id or window id), the clerk id for open-window, or the rating score.</summary>
    public int Value { get; init; }

    /// <summary>
    /// An explicit priority class id for issue (staff only; kiosks pass attributes instead). Null: derived by rules. At
    /// most <see cref="MaxPriorityClassLength"/> characters; a longer one is refused with
    /// <see cref="QueueError.InvalidArgument"/> (on any command), and so is an empty one on issue (it names no class:
    /// pass null to let the rules choose); an id the hall does not have, with <see cref="QueueError.UnknownClass"/>.
    /// </summary>
    public string? PriorityClass { get; init; }

    /// <summary>The citizen's age for class rules (0: unknown).</summary>
    public byte Age { get; init; }

    /// <summary>Attributes for class rules.</summary>
    public TicketFlags Flags { get; init; }

    /// <summary>
    /// An appointment reference checked in with the ticket, or null. An appointment is one visit: a reference
    /// already checked in since the day opened is refused with <see cref="QueueError.AlreadyCheckedIn"/>. References
    /// are matched ignoring letter case (ordinal) and the white space around them, so " ab12" is the booking "AB12";
    /// the ticket keeps the reference as given here. At most
    /// <see cref="MaxAppointmentLength"/> characters; a longer one is refused with <see cref="QueueError.InvalidArgument"/>.
    /// </summary>
    public string? Appointment { get; init; }

    /// <summary>For issue with an appointment: the start of its slot (required with an appointment: a check-in without
    /// it is refused with <see cref="QueueError.InvalidArgument"/>). A check-in on time, from the hall's
    /// <see cref="PriorityPolicy.AppointmentEarlyWindow"/> before it through its <see cref="PriorityPolicy.AppointmentGracePeriod"/>
    /// after it, gets the appointment class; an earlier or later one gets its ticket without it.</summary>
    public DateTimeOffset AppointmentSlot
    {
        get => Kind == CommandKind.Park ? default : Instant(_instant);
        init => _instant = value.UtcTicks;
    }

    /// <summary>For park: when the ticket comes back to the queue by itself, later than the hall's now, at most
    /// <see cref="MaxReturnAhead"/> ahead, and, for an item with <see cref="ServiceItem.IssuingHours"/>, the same day on
    /// the hall's clocks: by midnight, or by the end of its hours when they run on past it (18:00-24:00 and 00:00-02:00
    /// end at 02:00); else refused with
    /// <see cref="QueueError.InvalidArgument"/>, the message in hall time. Null: after the hall's
    /// <see cref="ParkPolicy.AutoResumeAfter"/> (or only by hand if that is null).</summary>
    public DateTimeOffset? ReturnAt
    {
        get => Kind == CommandKind.Park && _instant != 0 ? Instant(_instant) : null;
        // 0 marks "none", so a time at tick 0 (default(DateTimeOffset)) is kept as tick 1: still a time in the past,
        // which the hall refuses, rather than a return time silently dropped.
        init => _instant = value is { } at ? Math.Max(at.UtcTicks, 1) : 0;
    }

    /// <summary>
    /// A free-text reason (pause reason, park reason, cancel reason), at most <see cref="MaxReasonLength"/> characters as a
    /// person counts them (<see cref="TextLength"/>: an emoji is one); a longer one is refused with
    /// <see cref="QueueError.InvalidArgument"/> (on any command).
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The longest <see cref="Reason"/>, in characters as a person counts them (<see cref="TextLength"/>): a clerk's note on
    /// a screen or a report line, kept with the ticket and written to the journal (the server's <c>reason</c> fields have
    /// the same limit).
    /// </summary>
    public const int MaxReasonLength = 200;

    /// <summary>How far ahead of the hall's now a park's <see cref="ReturnAt"/> may be, 24 hours: a later one is a typo
    /// (next year, the wrong day) and is refused rather than parking the ticket where no window would call it.</summary>
    public static readonly TimeSpan MaxReturnAhead = TimeSpan.FromHours(24);

    /// <summary>
    /// The longest <see cref="Appointment"/> reference, in characters: a booking code as a scanner or a keyboard reads
    /// it (the server's <c>appointment.code</c> has the same limit).
    /// </summary>
    public const int MaxAppointmentLength = 64;

    /// <summary>
    /// The longest <see cref="PriorityClass"/> id, in characters: the longest class id a definition accepts
    /// (<see cref="PriorityPolicy.Classes"/>), so a longer one names no class.
    /// </summary>
    public const int MaxPriorityClassLength = 64;

    /// <summary>Whether <see cref="Reason"/>, <see cref="Appointment"/> and <see cref="PriorityClass"/> are within their
    /// limits: a length check each (a reason longer in code units than its limit in characters is counted). The reference
    /// and the class id are codes, counted in code units.</summary>
    internal bool TextsFit => TextLength.Fits(Reason, MaxReasonLength) && Appointment is not { Length: > MaxAppointmentLength }
        && PriorityClass is not { Length: > MaxPriorityClassLength };

    /// <summary>For open-window: auto mode (the hall assigns tickets as soon as the window is free), manual mode, or
    /// null for the window's <see cref="WindowDefinition.AutoAssign"/>.</summary>
    public bool? Auto { get; init; }

    /// <summary>For close-day: what happens to tickets still waiting.</summary>
    public DayClosePolicy ClosePolicy { get; init; }

    /// <summary>
    /// A client's id for this request (e.g. a kiosk's or terminal's own id for the button press). A command that
    /// carries the id of an earlier successful command (retried after a lost answer) is not applied again: it
    /// returns the first result. Empty: no de-duplication. The hall remembers the last
    /// <see cref="HallDefinition.RememberedRequests"/> ids.
    /// </summary>
    public Guid RequestId
    {
        get => _requestId;
        init => (_requestId, _hasRequestId) = (value, value != Guid.Empty);
    }

    /// <summary>Whether <see cref="RequestId"/> is set.</summary>
    internal bool HasRequestId => _hasRequestId;

    /// <summary>Open the hall day (numbering resets; refused while any ticket of the previous day is still live).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand OpenDay() => new(CommandKind.OpenDay, 0, 0, 0);

    /// <summary>Close the hall day.</summary>
    public static HallCommand CloseDay(DayClosePolicy policy = DayClosePolicy.CancelWaiting) =>
        new() { Kind = CommandKind.CloseDay, ClosePolicy = policy };

    /// <summary>Open <paramref name="window"/> for <paramref name="clerk"/> (a clerk may hold one window at a time; 0 names
    /// none, and any number of windows may be open without one; a negative number is refused with
    /// <see cref="QueueError.InvalidArgument"/>), in auto mode, manual mode, or (null) the window's
    /// configured <see cref="WindowDefinition.AutoAssign"/>. An auto-mode window with a ticket waiting for it is pushed
    /// one at once: the result then names that ticket (<see cref="TicketState.Called"/> to the window), else the window
    /// alone (no ticket).</summary>
    public static HallCommand OpenWindow(int window, int clerk = 0, bool? auto = null) =>
        new() { Kind = CommandKind.OpenWindow, Window = window, Value = clerk, Auto = auto };

    /// <summary>Pause an idle window.</summary>
    public static HallCommand PauseWindow(int window, string? reason = null) =>
        new() { Kind = CommandKind.PauseWindow, Window = window, Reason = reason };

    /// <summary>Resume a paused window. As with <see cref="OpenWindow"/>, the result names the ticket pushed to an
    /// auto-mode window at once, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand ResumeWindow(int window) => new(CommandKind.ResumeWindow, window, 0, 0);

    /// <summary>
    /// The hall manager pauses a window (from the dashboard, not the window's terminal): an idle window, or one its clerk
    /// or the hall paused, whose pause the manager's then takes over (with this reason). Only the manager resumes it
    /// (<see cref="ResumeWindowAsManager"/>): the clerk's <see cref="ResumeWindow"/> is refused
    /// (<see cref="QueueError.WindowWrongState"/>, naming the manager's pause), though the clerk may still close the
    /// window at the shift's end. Pausing a window the manager already paused succeeds with the same answer (the window
    /// alone): with the same reason (or none again) nothing changes and no event is emitted; with another reason, that
    /// reason replaces the one shown (a new pause event). A window calling or serving a ticket is refused as
    /// <see cref="PauseWindow"/> refuses it (<see cref="QueueError.WindowWrongState"/>: the ticket is the clerk's to finish
    /// first); a closed one is <see cref="QueueError.WindowNotOpen"/>, its message saying the window is closed. The pause
    /// event's <see cref="HallEvent.Value"/> is <see cref="HallEvent.PausedByManager"/>.
    /// </summary>
    /// <param name="window">The window.</param>
    /// <param name="reason">The pause's reason, shown at the window and on the dashboard.</param>
    public static HallCommand PauseWindowAsManager(int window, string? reason = null) =>
        new() { Kind = CommandKind.PauseWindow, Window = window, Reason = reason, Value = ByManager };

    /// <summary>
    /// The hall manager resumes a paused window, whoever paused it (its clerk, the hall after unanswered calls, or the
    /// manager). As with <see cref="ResumeWindow"/>, the result names the ticket pushed to an auto-mode window at once.
    /// </summary>
    /// <param name="window">The window.</param>
    public static HallCommand ResumeWindowAsManager(int window) =>
        new() { Kind = CommandKind.ResumeWindow, Window = window, Value = ByManager };

    /// <summary>The <see cref="Value"/> of a <see cref="CommandKind.PauseWindow"/> or <see cref="CommandKind.ResumeWindow"/>
    /// the hall manager gives.</summary>
    internal const int ByManager = 1;

    /// <summary>Close an idle or paused window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand CloseWindow(int window) => new(CommandKind.CloseWindow, window, 0, 0);

    /// <summary>Issue a ticket for one or several items; the class comes from hall rules over age and flags,
    /// from an on-time appointment, or from <paramref name="priorityClass"/> if staff set it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand IssueTicket(
        ServiceItemList services, byte age = 0, TicketFlags flags = TicketFlags.None, string? priorityClass = null,
        string? appointment = null, DateTimeOffset appointmentSlot = default) =>
        new(services, age, flags, priorityClass, appointment, appointmentSlot.UtcTicks);

    /// <summary>The window calls the best ticket it may serve.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand CallNext(int window) => new(CommandKind.CallNext, window, 0, 0);

    /// <summary>The window finishes its ticket's current item and calls the next one (the clerk's single "Next" key; a
    /// ticket still called, not started, counts as served from its call). On a window with no ticket it is
    /// <see cref="CallNext"/> (refused with <see cref="QueueError.NothingWaiting"/> when nothing waits), unless
    /// <paramref name="ticket"/> names the ticket to finish: then it is refused (see <see cref="Ticket"/>).</summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="ticket">The ticket the clerk means (the one the terminal shows), or 0 for the window's ticket, whatever it is.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand FinishAndCallNext(int window, long ticket = 0) => new(CommandKind.FinishAndCallNext, window, ticket, 0);

    /// <summary>
    /// The window calls a specific waiting ticket, one whose current item it may serve: the clerk's own choice, so not
    /// held to dispatch's order (an overflow item's delay, classes, interleave); the hall's next calls go on by rank.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand CallTicket(int window, long ticket) =>
        new(CommandKind.CallTicket, window, ticket, 0);

    /// <summary>The window recalls its called ticket.</summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand Recall(int window, long ticket = 0) => new(CommandKind.Recall, window, ticket, 0);

    /// <summary>The called citizen arrived at the window.</summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand StartServing(int window, long ticket = 0) => new(CommandKind.StartServing, window, ticket, 0);

    /// <summary>The window finished its ticket's current item. The result names the ticket; its window is the one the
    /// ticket is called to when its next item was called at once (here, or at an auto window it was pushed to), otherwise
    /// the window that finished it.</summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand Finish(int window, long ticket = 0) => new(CommandKind.Finish, window, ticket, 0);

    /// <summary>The window finishes its ticket's current item and pauses instead of calling (or being pushed) the next
    /// ticket: the clerk's shift ends or a break starts. The window can then be resumed or closed. As
    /// <see cref="FinishAndCallNext"/>, it takes a called ticket too, counted as served from its call.</summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="reason">The pause's reason.</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    public static HallCommand FinishAndPause(int window, string? reason = null, long ticket = 0) =>
        new() { Kind = CommandKind.Finish, Window = window, Ticket = ticket, Value = FinishThenPause, Reason = reason };

    /// <summary>The <see cref="Value"/> of a <see cref="CommandKind.Finish"/> that pauses the window afterwards.</summary>
    internal const int FinishThenPause = 1;

    /// <summary>
    /// The called citizen did not come. The ticket waits again, <see cref="NoShowPolicy.RequeuePlacesBack"/> places back,
    /// in the queue it was called from: its item's queue, or for a ticket transferred or returned to this window
    /// (<see cref="TransferToWindow"/>, a parked ticket's return) this window's own queue, where no other window may call
    /// it (if this window closes, it goes back to its item's queue, keeping its standing). Its
    /// <see cref="NoShowPolicy.MaxNoShows"/>-th no-show for its current item (a visit's next item counts from none), or any
    /// after the day closed, drops it instead.
    /// </summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand NoShow(int window, long ticket = 0) => new(CommandKind.NoShow, window, ticket, 0);

    /// <summary>
    /// The called citizen did not come, and the window pauses instead of calling (or being pushed) the next ticket: the
    /// clerk's shift ends or a break starts while they wait for an absent citizen. The ticket is re-queued or dropped as
    /// by <see cref="NoShow"/>, but never held for a call back here. The window can then be resumed or closed.
    /// </summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="reason">The pause's reason.</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    public static HallCommand NoShowAndPause(int window, string? reason = null, long ticket = 0) =>
        new() { Kind = CommandKind.NoShow, Window = window, Ticket = ticket, Value = NoShowThenPause, Reason = reason };

    /// <summary>The <see cref="Value"/> of a <see cref="CommandKind.NoShow"/> that pauses the window afterwards.</summary>
    internal const int NoShowThenPause = 1;

    /// <summary>Hand the window's ticket to another service item, keeping its standing.</summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="service">The item the ticket goes to.</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand TransferToService(int window, int service, long ticket = 0) =>
        new(CommandKind.TransferToService, window, ticket, service);

    /// <summary>Hand the window's ticket to a specific window, keeping its standing: it waits in that window's own queue,
    /// which that window calls first (an overdue ticket excepted) and no other window may call; a no-show there puts it
    /// back in that queue (<see cref="NoShow"/>). If that window closes, the ticket goes back to its item's queue. A
    /// closed target is refused (<see cref="QueueError.WindowNotOpen"/>); a paused one is not (its clerk may be back
    /// soon): the ticket waits there until the window resumes, which its snapshot shows (<see cref="WindowSnapshot.State"/>
    /// and <see cref="WindowSnapshot.QueueLength"/>), and its item's wait limit still raises
    /// <see cref="HallEventKind.WaitLimitPassed"/>.</summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="targetWindow">The window the ticket goes to.</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand TransferToWindow(int window, int targetWindow, long ticket = 0) =>
        new(CommandKind.TransferToWindow, window, ticket, targetWindow);

    /// <summary>Park the window's ticket (waiting for a document) until it is resumed, or until
    /// <paramref name="returnAt"/> if given.</summary>
    /// <param name="window">The clerk's window.</param>
    /// <param name="reason">Why it is parked (what the citizen fetches).</param>
    /// <param name="returnAt">When it comes back by itself (see <see cref="ReturnAt"/>).</param>
    /// <param name="ticket">The ticket the clerk means, or 0 for the window's ticket, whatever it is (see <see cref="Ticket"/>).</param>
    public static HallCommand Park(int window, string? reason = null, DateTimeOffset? returnAt = null, long ticket = 0) =>
        new() { Kind = CommandKind.Park, Window = window, Ticket = ticket, Reason = reason, ReturnAt = returnAt };

    /// <summary>Resume a parked ticket. With <see cref="Window"/> set: one that window parked or may serve.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand ResumeParked(long ticket) => new(CommandKind.ResumeParked, 0, ticket, 0);

    /// <summary>Cancel a waiting, called or parked ticket. With <see cref="Window"/> set: one called to that window,
    /// waiting for it (its own queue or an item it serves), or parked by it or for an item it serves.</summary>
    public static HallCommand Cancel(long ticket, string? reason = null) =>
        new() { Kind = CommandKind.Cancel, Ticket = ticket, Reason = reason };

    /// <summary>Rate a service a ticket was given: 1 (very dissatisfied) to 5 (very satisfied). Without
    /// <see cref="Window"/> (for the hall, e.g. a survey after the visit): the ticket's last finished service, also one
    /// finished at a window removed since, which counts in the hall's day figures (no window's). With <see cref="Window"/>
    /// set (that window's evaluator pad): the service that window gave the ticket, when it is the ticket's last finished
    /// service or the one the window finished last, so each window of a visit with several items rates its own service
    /// even once the next item was finished elsewhere; any other is <see cref="QueueError.NotEligible"/>. A rating
    /// counts for the window that gave the service and for the clerk who finished it, whoever is on the window by then.
    /// A service is rated once, and only on the day it was finished: a second rating, or one after the next
    /// <see cref="OpenDay"/>, is <see cref="QueueError.TicketWrongState"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand Rate(long ticket, int score) => new(CommandKind.Rate, 0, ticket, score);

    /// <summary>Let time pass: fire due timers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand Tick() => new(CommandKind.Tick, 0, 0, 0);

    /// <summary>Query a ticket's state, position and estimated wait.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HallCommand QueryTicket(long ticket) => new(CommandKind.QueryTicket, 0, ticket, 0);

    /// <summary>The same command carrying <paramref name="requestId"/> (see <see cref="RequestId"/>).</summary>
    public HallCommand WithRequestId(Guid requestId) => this with { RequestId = requestId };

    /// <summary>The raw instant field (UTC ticks), for serializers.</summary>
    internal long InstantTicks => _instant;

    /// <summary>A copy with the raw instant field set (serializers).</summary>
    internal HallCommand WithInstant(long ticks) => this with { AppointmentSlot = new DateTimeOffset(ticks, TimeSpan.Zero) };

    private static DateTimeOffset Instant(long ticks) => ticks == 0 ? default : new DateTimeOffset(ticks, TimeSpan.Zero);
}
